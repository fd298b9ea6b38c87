// Tests for the subprocess runner the CPython-comparison tests rely on.
#include "brine/tests/python_runner.h"

#include <string>

#include "gtest/gtest.h"

namespace brine {
namespace {

TEST(RunPythonTest, CapturesStdoutStderrAndExitCode) {
  absl::StatusOr<ProcessResult> result = RunPython(
      "import sys\n"
      "sys.stdout.write('out ' + ' '.join(sys.argv[1:]))\n"
      "sys.stderr.write('err')\n"
      "sys.exit(7)\n",
      {"a", "b"});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 7);
  EXPECT_EQ(result->stdout_text, "out a b");
  EXPECT_EQ(result->stderr_text, "err");
}

TEST(RunPythonTest, PassesBinaryStdinAndLargeOutput) {
  std::string input("\x00\xff\x80 pickle", 10);
  absl::StatusOr<ProcessResult> result = RunPython(
      "import sys\n"
      "data = sys.stdin.buffer.read()\n"
      "sys.stdout.buffer.write(data * 100000)\n",
      {}, input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 0);
  ASSERT_EQ(result->stdout_text.size(), input.size() * 100000);
  EXPECT_EQ(result->stdout_text.substr(0, input.size()), input);
}

TEST(RunProcessTest, ReportsAMissingProgram) {
  absl::StatusOr<ProcessResult> result = RunProcess({"/nonexistent/brine-no-such-program"});
  EXPECT_FALSE(result.ok());
}

}  // namespace
}  // namespace brine
