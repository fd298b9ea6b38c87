// `brine`: dispatches to the subcommand named by the first argument (see
// commands.h for the table and arguments.h for option parsing).
#include <cstdio>
#include <new>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brine/cli/arguments.h"
#include "brine/cli/commands.h"
#include "brine/cli/output.h"
#include "brine/value/string_views.h"

namespace brine::cli {
namespace {

const Command* FindCommand(std::string_view name) {
  for (const Command* command : AllCommands()) {
    if (command->name == name) return command;
  }
  return nullptr;
}

int UnknownCommand(std::string_view name) {
  std::string message = absl::StrCat("brine: unknown command '", ToAbsl(name),
                                     "' (see `brine --help`)\n");
  std::fwrite(message.data(), 1, message.size(), stderr);
  return kExitUsage;
}

// "expected exactly one FILE (see `brine dis --help`)", "expected IN and OUT (...)".
absl::Status WrongOperandCount(const Command& command) {
  std::string expected = command.operands.size() == 1
                             ? absl::StrCat("exactly one ", ToAbsl(command.operands[0]))
                             : absl::StrJoin(command.operands, " and ", [](std::string* out, std::string_view name) {
                                 absl::StrAppend(out, ToAbsl(name));
                               });
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", expected, " (see `brine ", ToAbsl(command.name), " --help`)"));
}

int Main(std::span<char* const> args) {
  if (args.empty()) {
    std::string help = ProgramHelp();
    std::fwrite(help.data(), 1, help.size(), stderr);
    return kExitUsage;
  }
  std::string_view first = args[0];
  if (IsHelpOption(first) || first == "help") {
    if (args.size() > 1) {
      const Command* command = FindCommand(args[1]);
      if (command == nullptr) return UnknownCommand(args[1]);
      WriteOut(CommandHelp(*command));
    } else {
      WriteOut(ProgramHelp());
    }
    return kExitOk;
  }
  const Command* command = FindCommand(first);
  if (command == nullptr) return UnknownCommand(first);
  std::span<char* const> rest = args.subspan(1);
  for (std::string_view arg : rest) {
    if (arg == "--") break;
    if (IsHelpOption(arg)) {
      WriteOut(CommandHelp(*command));
      return kExitOk;
    }
  }
  absl::StatusOr<std::vector<std::string>> positional = ParseCommandArguments(*command, rest);
  if (!positional.ok()) return Fail(command->name, positional.status(), kExitUsage);
  if (positional->size() != command->operands.size()) {
    return Fail(command->name, WrongOperandCount(*command), kExitUsage);
  }
  try {
    return command->run(*positional);
  } catch (const std::bad_alloc&) {
    // The system refused memory (an address-space limit, say) for what the
    // input asks to build or write: an error that says so, not an abort.
    return Fail(command->name,
                absl::ResourceExhaustedError("out of memory: the input needs more memory than the system gives"),
                kExitBadInput);
  }
}

}  // namespace
}  // namespace brine::cli

int main(int argc, char** argv) {
  int status = brine::cli::Main(std::span<char* const>(argv + 1, argc - 1));
  std::fflush(stdout);
  return status;
}
