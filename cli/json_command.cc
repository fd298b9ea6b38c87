// `brine json FILE`: the decoded value as JSON (value/json.h).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "brine/cli/commands.h"
#include "brine/cli/decode_flags.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/facade/registry_codec.h"
#include "brine/value/json.h"

namespace brine::cli {
namespace {

constexpr std::string_view kName = "json";

int RunJson(const std::vector<std::string>& args) {
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);
  absl::StatusOr<Registry> registry = RegistryFromFlags();
  if (!registry.ok()) return Fail(kName, registry.status(), kExitUsage);
  absl::StatusOr<Document> document = Decode(*data, *registry, DecodeOptionsFromFlags());
  if (!document.ok()) return Fail(kName, document.status(), kExitBadInput);
  absl::Status status = WriteJson(
      document->root(), WriteOutChunk,
      {.max_int_digits = MaxIntDigitsFromFlags(), .max_output_bytes = MaxOutputBytesFromFlags()});
  if (!status.ok()) return Fail(kName, status, kExitBadInput);
  WriteOut("\n");
  return kExitOk;
}

// The help text, with the built-in reconstructor sets listed from the registry.
const std::string& JsonHelp() {
  static const std::string help = absl::StrCat(
      "Decodes the pickle in FILE (- for standard input) without running anything and\n"
      "prints the value as one line of JSON (UTF-8):\n"
      "\n"
      "  None, True, False       null, true, false\n"
      "  int                     a number with all its digits (no rounding)\n"
      "  float                   a number (Python's repr); inf, -inf, nan as\n"
      "                          {\"$float\": \"inf\"}, ...\n"
      "  str                     a string (lone surrogates as \\udXXX escapes)\n"
      "  list, tuple             an array\n"
      "  dict                    an object when all keys are str, else\n"
      "                          {\"$dict\": [[key, value], ...]}\n"
      "  bytes, bytearray        {\"$bytes\": \"<base64>\"}, {\"$bytearray\": \"<base64>\"}\n"
      "  set, frozenset          {\"$set\": [...]}, {\"$frozenset\": [...]}\n"
      "  complex                 {\"$complex\": [real, imag]}\n"
      "  a global (class, func)  {\"$global\": \"module.qualname\"}\n"
      "  an object of a class    {\"$instance\": \"module.Class\", \"args\": [...], \"kwargs\": {...},\n"
      "                          \"state\": ..., \"listitems\": [...], \"dictitems\": [[k, v], ...]}\n"
      "                          (members only when present)\n"
      "  the result of a call    {\"$reduce\": \"module.function\", \"args\": [...], ...as above}\n"
      "  a bound method          {\"$method\": \"name\", \"self\": ...}\n"
      "  a persistent id         {\"$persistent_id\": pid}\n"
      "  an out-of-band buffer   {\"$buffer\": index, \"readonly\": bool}\n"
      "  a container inside itself  {\"$recursion\": true}\n"
      "\n"
      "The types the built-in reconstructor sets rebuild have natural forms\n"
      "(docs/TYPES.md): ISO 8601 text for dates and times, exact text for Decimal and\n"
      "Fraction, canonical text for UUID, objects for the dict kinds, arrays for\n"
      "deque and array. The sets (--keep-opaque=SET,... or all leaves them off):\n"
      "\n",
      ReconstructorSetsHelp(),
      "\n"
      "Objects referenced several times are written out in full at each place;\n"
      "output longer than --max-output-bytes (default 256 MiB) is an error (the\n"
      "text is printed as it is made, so its first --max-output-bytes bytes are).\n"
      "\n"
      "Exit status: 0 printed; 1 unreadable file, malformed pickle or output over\n"
      "--max-output-bytes; 2 bad usage.\n");
  return help;
}

}  // namespace

const Command& JsonCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Print the unpickled value as JSON.",
      .usage = "brine json [options] FILE",
      .help = JsonHelp(),
      .flags = kDecodeFlagNames,
      .operands = {"FILE"},
      .run = RunJson,
  };
  return command;
}

}  // namespace brine::cli
