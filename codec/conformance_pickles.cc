// Runs cases.py under PYTHONHASHSEED=0 (set order must be reproducible) and
// reads back the pickles it wrote to a temporary directory.
#include "brine/codec/conformance_pickles.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

constexpr char kWriter[] = R"(
import os, pickle, pickletools, sys
sys.path.insert(0, os.path.abspath('tests/conformance'))
import cases, fixtures
out_dir, extra = sys.argv[1], sys.argv[2]
entries = [(c.name, p, pickle.dumps(c.value, protocol=p)) for c in cases.iter_cases() for p in c.protocols]
entries += [(r.name, -1, r.data) for r in cases.iter_raw_pickles()]
with open(os.path.join(out_dir, 'index.tsv'), 'w') as index:
    for i, (name, protocol, data) in enumerate(entries):
        with open(os.path.join(out_dir, '%d.pkl' % i), 'wb') as f: f.write(data)
        if extra:
            with open(os.path.join(out_dir, '%d.extra' % i), 'wb') as f: f.write(eval(extra))
        index.write('%d\t%d\t%s\n' % (i, protocol, name))
)";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

absl::StatusOr<std::vector<ConformancePickle>> LoadConformancePickles(std::string_view extra_expression) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/conformance_pickles_XXXXXX");
  if (mkdtemp(dir.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  absl::StatusOr<ProcessResult> run =
      RunProcess({"env", "PYTHONHASHSEED=0", PythonInterpreter(), "-c", kWriter, dir, std::string(extra_expression)});
  if (!run.ok()) return run.status();
  if (run->exit_code != 0) return absl::InternalError(absl::StrCat("cases.py writer failed: ", run->stderr_text));
  std::vector<ConformancePickle> pickles;
  for (absl::string_view line : absl::StrSplit(ReadFile(dir + "/index.tsv"), '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    ConformancePickle pickle;
    pickle.protocol = std::stoi(fields[1]);
    pickle.name = fields[2];
    pickle.data = ReadFile(absl::StrCat(dir, "/", fields[0], ".pkl"));
    if (!extra_expression.empty()) pickle.extra = ReadFile(absl::StrCat(dir, "/", fields[0], ".extra"));
    pickles.push_back(std::move(pickle));
  }
  return pickles;
}

}  // namespace brine
