// Writing a command's results: text to standard output, errors to standard
// error prefixed with the command name.
#ifndef BRINE_CLI_OUTPUT_H_
#define BRINE_CLI_OUTPUT_H_

#include <string_view>

#include "absl/status/status.h"

namespace brine::cli {

// Writes `text` to standard output as is (no newline added).
void WriteOut(std::string_view text);

// Writes one chunk of a streamed text (value/text_output.h) to standard
// output; fails when standard output does.
absl::Status WriteOutChunk(std::string_view chunk);

// Prints "brine NAME: MESSAGE" on standard error and returns `exit_code`, so a
// command can `return Fail("dis", status, kExitBadInput);`.
int Fail(std::string_view command_name, const absl::Status& status, int exit_code);

}  // namespace brine::cli

#endif  // BRINE_CLI_OUTPUT_H_
