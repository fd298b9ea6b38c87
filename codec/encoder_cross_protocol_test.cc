// Cross-protocol: brine transcodes every conformance pickle to every other
// protocol (decode, then encode at the target; nothing is run), and the
// hand-written Python 2 style pickles to every protocol. CPython loads
// the result and it must be the same data as what CPython loads from the
// original: same values and types, same sharing, same cycles (same_graph.py).
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/match.h"
#include "brine/codec/conformance_pickles.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

constexpr char kChecker[] = R"(
import os, pickle, sys
sys.path.insert(0, os.path.abspath('tests/conformance'))
sys.path.insert(0, os.path.abspath('codec'))
import fixtures
from same_graph import same_graph
directory = sys.argv[1]
checked = failed = 0
for line in open(os.path.join(directory, 'index.tsv')):
    original, transcoded, label = line.rstrip('\n').split('\t')
    with open(os.path.join(directory, original), 'rb') as f: want = pickle.load(f)
    with open(os.path.join(directory, transcoded), 'rb') as f: got = pickle.load(f)
    problem = same_graph(want, got)
    checked += 1
    if problem:
        failed += 1
        print('MISMATCH', label, problem)
print('CHECKED', checked, failed)
)";

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

TEST(EncoderCrossProtocolTest, CPythonLoadsTheSameGraphFromEveryTranscoding) {
  absl::StatusOr<std::vector<ConformancePickle>> pickles = LoadConformancePickles();
  ASSERT_TRUE(pickles.ok()) << pickles.status();
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/transcoded_XXXXXX");
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::ofstream index(dir + "/index.tsv");
  int written = 0;
  for (size_t i = 0; i < pickles->size(); ++i) {
    const ConformancePickle& p = (*pickles)[i];
    const std::string original = absl::StrCat(i, ".pkl");
    WriteFile(absl::StrCat(dir, "/", original), p.data);
    absl::StatusOr<Document> doc = Decode(p.data);
    ASSERT_TRUE(doc.ok()) << p.name << ": " << doc.status();
    for (int target = 0; target <= kHighestProtocol; ++target) {
      if (target == p.protocol) continue;
      absl::StatusOr<std::string> bytes = Encode(doc->root(), {.protocol = target});
      ASSERT_TRUE(bytes.ok()) << p.name << " from " << p.protocol << " to " << target << ": " << bytes.status();
      const std::string transcoded = absl::StrCat(i, ".to", target, ".pkl");
      WriteFile(absl::StrCat(dir, "/", transcoded), *bytes);
      index << original << '\t' << transcoded << '\t' << p.name << " p" << p.protocol << "->p" << target << '\n';
      ++written;
    }
  }
  index.close();
  absl::StatusOr<ProcessResult> r =
      RunProcess({"env", "PYTHONHASHSEED=0", PythonInterpreter(), "-c", kChecker, dir});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
  for (absl::string_view line : absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "MISMATCH")) ADD_FAILURE() << line;
    if (absl::StartsWith(line, "CHECKED")) {
      std::vector<absl::string_view> fields = absl::StrSplit(line, ' ');
      int checked = 0;
      ASSERT_TRUE(absl::SimpleAtoi(fields[1], &checked));
      EXPECT_EQ(checked, written);
      std::cout << fields[1] << " transcoded pickles loaded by CPython, " << fields[2] << " different\n";
    }
  }
}

// The comparer itself must see lost sharing, broken cycles, changed types
// and changed values.
TEST(EncoderCrossProtocolTest, SameGraphSeesDifferences) {
  absl::StatusOr<ProcessResult> r = RunPython(R"(
import os, sys
sys.path.insert(0, os.path.abspath('codec'))
from same_graph import same_graph
x = [1]
cycle = []; cycle.append(cycle)
unrolled = [[]]
pairs = [([x, x], [x, [1]]), (cycle, unrolled), ((1,), [1]), ({'a': 1.0}, {'a': 1}), ([float('nan')], [0.0]),
         ({'a': 1, 'b': 2}, {'b': 2, 'a': 1}), (-0.0, 0.0)]
print(sum(1 for a, b in pairs if same_graph(a, b)), len(pairs), same_graph([x, x, cycle], [x, x, cycle]))
)");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
  EXPECT_EQ(r->stdout_text, "7 7 None\n");
}

}  // namespace
}  // namespace brine
