// Option parsing and help texts (see arguments.h), over absl's flag registry:
// each command's flags are ABSL_FLAGs found by name and set with ParseFrom.
#include "brine/cli/arguments.h"
#include "brine/cli/decode_flags.h"
#include "brine/value/string_views.h"

#include <algorithm>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace brine::cli {
namespace {


std::string DashedName(std::string_view flag_name) {
  return absl::StrReplaceAll(ToAbsl(flag_name), {{"_", "-"}});
}

bool Accepts(const Command& command, std::string_view flag_name) {
  return std::find(command.flags.begin(), command.flags.end(), flag_name) != command.flags.end();
}

absl::Status UsageError(const Command& command, std::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(ToAbsl(message), " (see `brine ", ToAbsl(command.name), " --help`)"));
}

}  // namespace

bool IsHelpOption(std::string_view arg) { return arg == "-h" || arg == "--help" || arg == "-help"; }

absl::StatusOr<std::vector<std::string>> ParseCommandArguments(const Command& command,
                                                               std::span<char* const> args) {
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--") {
      positional.insert(positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.emplace_back(arg);
      continue;
    }
    std::string_view body = arg.substr(arg[1] == '-' ? 2 : 1);
    size_t equals = body.find('=');
    std::string name = absl::StrReplaceAll(ToAbsl(body.substr(0, equals)), {{"-", "_"}});
    bool negated = false;
    if (!Accepts(command, name) && name.starts_with("no") && Accepts(command, name.substr(2))) {
      name = name.substr(2);
      negated = true;
    }
    absl::CommandLineFlag* flag = Accepts(command, name) ? absl::FindCommandLineFlag(name) : nullptr;
    if (flag == nullptr) return UsageError(command, absl::StrCat("unknown option ", ToAbsl(arg)));
    bool is_bool = flag->IsOfType<bool>();
    std::string value;
    if (negated) {
      if (!is_bool || equals != std::string_view::npos) {
        return UsageError(command, absl::StrCat("unknown option ", ToAbsl(arg)));
      }
      value = "false";
    } else if (equals != std::string_view::npos) {
      value = std::string(body.substr(equals + 1));
    } else if (is_bool) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return UsageError(command, absl::StrCat("option --", DashedName(name), " needs a value"));
    }
    // A list option (--allow) or --extension given again adds its entries to
    // the ones before.
    const bool adds_up = flag->IsOfType<std::vector<std::string>>() || flag->IsOfType<ExtensionCodesFlag>();
    if (adds_up && !flag->CurrentValue().empty()) {
      value = absl::StrCat(flag->CurrentValue(), ",", value);
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return UsageError(command, absl::StrCat("invalid value '", value, "' for --", DashedName(name), ": ", error));
    }
  }
  return positional;
}

std::string ProgramHelp() {
  std::string text =
      "brine: read Python pickles (protocols 0 to 5) without Python, running nothing.\n"
      "\n"
      "Usage: brine COMMAND [options] FILE\n"
      "       brine COMMAND --help     options and details of one command\n"
      "\n"
      "Commands:\n";
  size_t name_width = 0;
  for (const Command* command : AllCommands()) name_width = std::max(name_width, command->name.size());
  for (const Command* command : AllCommands()) {
    absl::StrAppend(&text, "  ", ToAbsl(command->name), std::string(name_width + 2 - command->name.size(), ' '),
                    ToAbsl(command->summary), "\n");
  }
  absl::StrAppend(&text,
                  "\n"
                  "FILE is a path, or - for standard input.\n"
                  "\n"
                  "Exit status: 0 success; 1 bad input (unreadable file, malformed pickle);\n"
                  "2 bad usage (unknown command or option, missing FILE); 3 `scan` flagged\n"
                  "something dangerous; 4 `scan` found something unknown, to review.\n");
  return text;
}

std::string CommandHelp(const Command& command) {
  std::string text = absl::StrCat("Usage: ", ToAbsl(command.usage), "\n\n", ToAbsl(command.help));
  if (!command.help.ends_with('\n')) text += '\n';
  text += "\nOptions:\n";
  for (std::string_view name : command.flags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(ToAbsl(name));
    if (flag == nullptr) continue;
    std::string spelling = absl::StrCat("--", DashedName(name));
    if (flag->IsOfType<bool>()) {
      absl::StrAppend(&spelling, " / --no", DashedName(name));
    } else {
      absl::StrAppend(&spelling, "=VALUE");
    }
    absl::StrAppend(&text, "  ", spelling, "  (default: ", flag->DefaultValue(), ")\n      ", flag->Help(), "\n");
  }
  absl::StrAppend(&text, "  -h, --help\n      Print this help and exit.\n");
  return text;
}

}  // namespace brine::cli
