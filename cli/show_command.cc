// `brine show FILE`: the decoded value as Python's repr() prints it.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "brine/cli/commands.h"
#include "brine/cli/decode_flags.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/facade/registry_codec.h"
#include "brine/value/repr.h"

namespace brine::cli {
namespace {

constexpr std::string_view kName = "show";

int RunShow(const std::vector<std::string>& args) {
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);
  absl::StatusOr<Registry> registry = RegistryFromFlags();
  if (!registry.ok()) return Fail(kName, registry.status(), kExitUsage);
  absl::StatusOr<Document> document = Decode(*data, *registry, DecodeOptionsFromFlags());
  if (!document.ok()) return Fail(kName, document.status(), kExitBadInput);
  absl::Status status = WriteRepr(
      document->root(), WriteOutChunk,
      {.max_int_digits = MaxIntDigitsFromFlags(), .max_output_bytes = MaxOutputBytesFromFlags()});
  if (!status.ok()) return Fail(kName, status, kExitBadInput);
  WriteOut("\n");
  return kExitOk;
}

// The help text, with the built-in reconstructor sets listed from the registry.
const std::string& ShowHelp() {
  static const std::string help = absl::StrCat(
      "Decodes the pickle in FILE (- for standard input) without running anything and\n"
      "prints repr() of the value followed by a newline. For values made of built-in\n"
      "types (None, bool, int, float, complex, str, bytes, bytearray, tuple, list,\n"
      "dict, set, frozenset) and of the types the built-in reconstructor sets below\n"
      "rebuild, the text equals Python's `print(repr(pickle.loads(data)))`:\n"
      "\n",
      ReconstructorSetsHelp(),
      "\n"
      "--keep-opaque=SET,... (or all) leaves sets off. Objects of other classes print\n"
      "as the call that would rebuild them, e.g. `mymodule.Point(x=1, y=2)` or\n"
      "`mymodule.make(1).__setstate__({'a': 1})`; the named classes are never imported.\n"
      "Bytes after the STOP opcode are ignored, as pickle.loads ignores them.\n"
      "\n"
      "Objects referenced several times are printed in full at each place; output\n"
      "longer than --max-output-bytes (default 256 MiB) is an error: the text is\n"
      "printed as it is made, so its first --max-output-bytes bytes are printed.\n"
      "\n"
      "Exit status: 0 printed; 1 unreadable file, malformed pickle or output over\n"
      "--max-output-bytes (message on standard error); 2 bad usage.\n");
  return help;
}

}  // namespace

const Command& ShowCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Print the unpickled value as Python's repr() would.",
      .usage = "brine show [options] FILE",
      .help = ShowHelp(),
      .flags = kDecodeFlagNames,
      .operands = {"FILE"},
      .run = RunShow,
  };
  return command;
}

}  // namespace brine::cli
