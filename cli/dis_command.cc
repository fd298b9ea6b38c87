// `brine dis FILE`: the pickletools disassembly (codec/disassembler.h).
#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "brine/cli/commands.h"
#include "brine/cli/decode_flags.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/codec/disassembler.h"

ABSL_FLAG(int32_t, indentlevel, 4, "Blanks by which each open MARK indents the lines after it (pickletools -l).");

namespace brine::cli {
namespace {

constexpr std::string_view kName = "dis";

int RunDis(const std::vector<std::string>& args) {
  int32_t indent_level = absl::GetFlag(FLAGS_indentlevel);
  if (indent_level < 0) {
    return Fail(kName, absl::InvalidArgumentError("--indentlevel must not be negative"), kExitUsage);
  }
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);
  DisassembleOptions options;
  options.indent_level = indent_level;
  options.max_output_bytes = MaxOutputBytesFromFlags();
  absl::Status status = Disassemble(*data, WriteOutChunk, options);
  if (!status.ok()) return Fail(kName, status, kExitBadInput);
  return kExitOk;
}

}  // namespace

const Command& DisCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Disassemble a pickle exactly as `python3 -m pickletools FILE` does.",
      .usage = "brine dis [options] FILE",
      .help =
          "Prints one line per opcode of the pickle in FILE (- for standard input), byte for\n"
          "byte what `python3 -m pickletools FILE` prints: offset, opcode byte, indentation\n"
          "for each open MARK, opcode name and argument, `(MARK at N)` where a MARK is\n"
          "consumed, `(as N)` for MEMOIZE, and finally `highest protocol among opcodes = N`.\n"
          "Reading stops after the first STOP opcode; bytes after it are not read.\n"
          "\n"
          "Like pickletools, it checks the stack and memo as it goes: a memo key stored twice\n"
          "or used before it is stored, a PUT on an empty stack or on a MARK, an opcode that\n"
          "needs a MARK when none is open, popping from an empty stack, items left after\n"
          "STOP. On such an error the lines pickletools would print (the offending one\n"
          "included) go to standard output and the error to standard error.\n"
          "\n"
          "Each open MARK indents every later line, so the text can be quadratic in the\n"
          "pickle's size: past --max-output-bytes (default 256 MiB) it stops with an\n"
          "error, its first --max-output-bytes bytes printed.\n"
          "\n"
          "Exit status: 0 disassembled; 1 unreadable file, malformed pickle or output over\n"
          "--max-output-bytes; 2 bad usage.\n",
      .flags = {"indentlevel", "max_output_bytes"},
      .operands = {"FILE"},
      .run = RunDis,
  };
  return command;
}

}  // namespace brine::cli
