// Runs CPython (the oracle) or any other program from a test, capturing what
// it prints and how it exits.
//
//   absl::StatusOr<brine::ProcessResult> r = brine::RunPython(
//       "import pickle, sys\nsys.stdout.buffer.write(pickle.dumps([1, 2]))\n");
//   ASSERT_TRUE(r.ok()) << r.status();
//   EXPECT_EQ(r->exit_code, 0);
//
// The interpreter is $BRINE_PYTHON when set, else `python3` from PATH. The
// script goes to a temporary file; stdin, stdout and stderr go through
// temporary files too, so a large output can never deadlock the test.
#ifndef BRINE_TESTS_PYTHON_RUNNER_H_
#define BRINE_TESTS_PYTHON_RUNNER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace brine {

struct ProcessResult {
  // The exit status, or 128 + signal number when a signal ended the process.
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

// Runs `argv` (argv[0] is looked up in PATH when it has no slash) with
// `stdin_data` as its standard input. Fails only when the process cannot be
// started or its output cannot be read; a non-zero exit is a normal result.
absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         std::string_view stdin_data = "");

// Runs `script` with the Python interpreter, passing `args` as sys.argv[1:].
absl::StatusOr<ProcessResult> RunPython(std::string_view script,
                                        const std::vector<std::string>& args = {},
                                        std::string_view stdin_data = "");

// RunPython's standard output; an error carrying its standard error when the
// script exits with a non-zero status.
absl::StatusOr<std::string> RunPythonStdout(std::string_view script,
                                            const std::vector<std::string>& args = {},
                                            std::string_view stdin_data = "");

// The interpreter RunPython uses.
std::string PythonInterpreter();

}  // namespace brine

#endif  // BRINE_TESTS_PYTHON_RUNNER_H_
