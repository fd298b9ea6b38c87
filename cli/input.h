// Reading a command's input: a whole file, or standard input for "-".
#ifndef BRINE_CLI_INPUT_H_
#define BRINE_CLI_INPUT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace brine::cli {

// The bytes of the file at `path`, or of standard input when `path` is "-".
// Under `bazel run`, a relative path is taken from the directory the user ran
// bazel in (BUILD_WORKING_DIRECTORY). Fails with a message naming the path
// when it cannot be opened or read.
absl::StatusOr<std::string> ReadInput(std::string_view path);

}  // namespace brine::cli

#endif  // BRINE_CLI_INPUT_H_
