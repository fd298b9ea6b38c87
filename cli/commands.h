// The table of `brine` subcommands. To add a command, write cli/NAME_command.cc
// defining `const Command& NameCommand()`, declare it below and add it to
// AllCommands(); main.cc, `brine --help` and option parsing pick it up.
#ifndef BRINE_CLI_COMMANDS_H_
#define BRINE_CLI_COMMANDS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace brine::cli {

// Exit statuses shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;  // unreadable file, malformed pickle
inline constexpr int kExitUsage = 2;     // unknown command or option, wrong arguments
inline constexpr int kExitFlagged = 3;   // `scan` found something dangerous
inline constexpr int kExitReview = 4;    // `scan` found names on no list: review before loading

struct Command {
  // The word after `brine`.
  std::string_view name;
  // One line for `brine --help`.
  std::string_view summary;
  // `brine NAME --help` prints "Usage: <usage>", this text, then the options.
  std::string_view usage;
  std::string_view help;
  // Names of the absl flags (ABSL_FLAG) this command accepts, spelled with
  // underscores; users may write them with dashes (--max-int-digits).
  std::vector<std::string_view> flags;
  // The positional arguments it takes, by the names its usage line gives them
  // ("FILE"; "IN", "OUT"). main.cc refuses any other count.
  std::vector<std::string_view> operands;
  // Runs the command with the positional arguments left after the options
  // were parsed and applied (exactly `operands.size()` of them). Returns the
  // exit status.
  int (*run)(const std::vector<std::string>& args);
};

const Command& DisCommand();
const Command& ShowCommand();
const Command& JsonCommand();
const Command& ScanCommand();
const Command& TranscodeCommand();
const Command& OptimizeCommand();

// Every command, in the order `brine --help` lists them.
inline std::vector<const Command*> AllCommands() {
  return {&DisCommand(), &ShowCommand(), &JsonCommand(), &ScanCommand(), &TranscodeCommand(), &OptimizeCommand()};
}

}  // namespace brine::cli

#endif  // BRINE_CLI_COMMANDS_H_
