// Writing a command's binary result to OUT: a path, or - for standard
// output. Used by `transcode` and `optimize`, which compute the whole result
// first, so a failure never leaves a partial or truncated OUT behind: the file
// is created only when there is something complete to write.
#ifndef BRINE_CLI_OUTPUT_FILE_H_
#define BRINE_CLI_OUTPUT_FILE_H_

#include <string_view>

#include "absl/status/status.h"

namespace brine::cli {

// Writes `bytes` to `path` (created or truncated; relative paths are taken
// from BUILD_WORKING_DIRECTORY under `bazel run`, as for inputs), or to
// standard output when `path` is "-".
absl::Status WriteOutputFile(std::string_view path, std::string_view bytes);

}  // namespace brine::cli

#endif  // BRINE_CLI_OUTPUT_FILE_H_
