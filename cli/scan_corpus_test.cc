// `brine scan` against two corpora made by testdata/scan_corpus.py at test
// time: pickles proven to run code when CPython loads them (every one must
// exit 3, dangerous, or 4, unknown: never 0), and benign pickles of everyday,
// numpy, pandas and scikit-learn objects, bound methods and process-pool
// tasks (every one must exit 0 with --allow __main__, the module of the
// script's own classes, and exit 4 without it).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// The binary, from the test's runfiles (data dependency //:brine).
constexpr char kBrine[] = "./brine";
// Debian's CPython, which sees python3-numpy, python3-pandas and
// python3-sklearn (tools/setup.sh installs them).
constexpr char kDebianPython[] = "/usr/bin/python3";

struct Case {
  std::string name;
  std::string proof;  // evil cases: "ran", or why it did not
  std::string pickle;
};

struct Corpus {
  std::vector<Case> evil;
  std::vector<Case> benign;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* loaded = new Corpus();
    // The second interpreter proves the families whose module Debian's lacks.
    absl::StatusOr<ProcessResult> python =
        RunProcess({kDebianPython, "cli/testdata/scan_corpus.py", PythonInterpreter()});
    EXPECT_TRUE(python.ok()) << python.status();
    if (!python.ok()) return loaded;
    EXPECT_EQ(python->exit_code, 0) << python->stderr_text;
    for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
      std::vector<std::string> fields = absl::StrSplit(line, ' ');
      if (fields[0] == "evil" && fields.size() == 4) {
        loaded->evil.push_back({fields[1], fields[2], absl::HexStringToBytes(fields[3])});
      } else if (fields[0] == "benign" && fields.size() == 3) {
        loaded->benign.push_back({fields[1], "", absl::HexStringToBytes(fields[2])});
      }
    }
    return loaded;
  }();
  return *corpus;
}

std::string ScratchFile(const Case& c) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/case.pkl");
  std::ofstream(path, std::ios::binary).write(c.pickle.data(), static_cast<std::streamsize>(c.pickle.size()));
  return path;
}

ProcessResult Scan(const Case& c, std::vector<std::string> options = {}) {
  std::vector<std::string> argv = {kBrine, "scan"};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.push_back(ScratchFile(c));
  absl::StatusOr<ProcessResult> result = RunProcess(argv);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : ProcessResult{-1, "", ""};
}

TEST(ScanCorpusTest, CodeRunningPicklesAreNeverAllowed) {
  const Corpus& corpus = LoadCorpus();
  ASSERT_GE(corpus.evil.size(), 150u);
  std::map<int, size_t> by_exit;
  std::map<std::string, size_t> families;
  size_t caught = 0;
  for (const Case& c : corpus.evil) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.proof, "ran") << "CPython did not run this pickle's payload";
    ++families[c.name.substr(0, c.name.find('/'))];
    ProcessResult result = Scan(c, {"--allow", "__main__"});
    ++by_exit[result.exit_code];
    if (result.exit_code == 3 || result.exit_code == 4) {
      ++caught;
    } else {
      ADD_FAILURE() << "exit " << result.exit_code << "\n" << result.stdout_text << result.stderr_text;
    }
  }
  std::cout << "code-running pickles caught: " << caught << " / " << corpus.evil.size() << " (" << families.size()
            << " families; dangerous " << by_exit[3] << ", unknown " << by_exit[4] << ")\n";
  EXPECT_GE(families.size(), 30u);
}

TEST(ScanCorpusTest, BenignPicklesAreAllowed) {
  const Corpus& corpus = LoadCorpus();
  ASSERT_GE(corpus.benign.size(), 300u);
  size_t passed = 0;
  for (const Case& c : corpus.benign) {
    SCOPED_TRACE(c.name);
    ProcessResult result = Scan(c, {"--allow", "__main__"});
    if (result.exit_code == 0) {
      ++passed;
    } else {
      ADD_FAILURE() << "exit " << result.exit_code << "\n" << result.stdout_text << result.stderr_text;
    }
  }
  std::cout << "benign pickles passed: " << passed << " / " << corpus.benign.size() << "\n";
}

TEST(ScanCorpusTest, BenignPicklesOfOwnClassesNeedTheirModuleAllowed) {
  const Corpus& corpus = LoadCorpus();
  size_t needing = 0;
  for (const Case& c : corpus.benign) {
    if (!absl::StrContains(c.pickle, "__main__")) continue;
    ++needing;
    EXPECT_EQ(Scan(c).exit_code, 4) << c.name;
  }
  EXPECT_GT(needing, 10u);
}

}  // namespace
}  // namespace brine
