// Runs one fuzz target (the LLVMFuzzerTestOneInput linked beside this file,
// built without libFuzzer) over the corpus make_corpus.py generates and over
// every input in fuzz/regressions/, so that `bazel test //...` re-checks in
// seconds each crash, hang and slow input the fuzzers ever found. A crash
// fails the test by ending it; an input slower than kMaxSecondsPerInput fails
// it by name.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/fuzz/input_files.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace brine::fuzz {
namespace {

// libFuzzer runs use -timeout=5; allow the same here.
constexpr double kMaxSecondsPerInput = 5.0;

// Runs every file under `dir` through the target; returns how many ran.
size_t RunAll(const std::string& dir) {
  absl::StatusOr<std::vector<std::string>> files = ListInputFiles(dir);
  EXPECT_TRUE(files.ok()) << files.status();
  if (!files.ok()) return 0;
  for (const std::string& file : *files) {
    absl::StatusOr<std::string> data = ReadInputFile(file);
    EXPECT_TRUE(data.ok()) << data.status();
    if (!data.ok()) continue;
    SCOPED_TRACE(file);
    const auto start = std::chrono::steady_clock::now();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data->data()), data->size());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    EXPECT_LE(took.count(), kMaxSecondsPerInput) << file << " is slow";
  }
  return files->size();
}

TEST(CorpusTest, GeneratedCorpus) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  ASSERT_NE(tmp, nullptr);
  const std::string dir = std::string(tmp) + "/corpus";
  absl::StatusOr<ProcessResult> made = RunProcess({PythonInterpreter(), "fuzz/make_corpus.py", dir});
  ASSERT_TRUE(made.ok()) << made.status();
  ASSERT_EQ(made->exit_code, 0) << made->stderr_text;
  // make_corpus.py writes several hundred files; far fewer means it broke.
  EXPECT_GE(RunAll(dir), 300u);
}

TEST(CorpusTest, Regressions) {
  // Every committed finding, whichever target found it: each target must
  // survive all of them.
  RunAll("fuzz/regressions");
}

}  // namespace
}  // namespace brine::fuzz
