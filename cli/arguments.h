// Command-line options: parsing a command's arguments into absl flags plus
// positional arguments, and the `--help` texts.
//
// Only the flags a command lists in its Command::flags are accepted for it, so
// `brine dis --encoding=latin1` is a usage error rather than silently ignored.
// Accepted spellings: --name=value, --name value, --flag / --noflag for
// booleans, dashes or underscores inside names, and `--` to end the options.
// A list option (std::vector<std::string>) given more than once adds to its
// list: `--allow a --allow b` is `--allow a,b`.
// A lone `-` is a positional argument (standard input).
#ifndef BRINE_CLI_ARGUMENTS_H_
#define BRINE_CLI_ARGUMENTS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/cli/commands.h"

namespace brine::cli {

// True for -h, --help and -help.
bool IsHelpOption(std::string_view arg);

// Applies the options in `args` (the words after the command name) to the
// command's flags and returns the remaining positional arguments. Fails with
// a message for the user on an unknown option, a missing or invalid value.
absl::StatusOr<std::vector<std::string>> ParseCommandArguments(const Command& command,
                                                               std::span<char* const> args);

// The text `brine --help` prints.
std::string ProgramHelp();
// The text `brine NAME --help` prints: usage, description, options.
std::string CommandHelp(const Command& command);

}  // namespace brine::cli

#endif  // BRINE_CLI_ARGUMENTS_H_
