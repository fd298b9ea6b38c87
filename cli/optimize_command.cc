// `brine optimize IN OUT`: pickletools.optimize, byte for byte.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "brine/cli/commands.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/cli/output_file.h"
#include "brine/codec/optimizer.h"

namespace brine::cli {
namespace {

constexpr std::string_view kName = "optimize";

int RunOptimize(const std::vector<std::string>& args) {
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);
  absl::StatusOr<std::string> optimized = Optimize(*data);
  if (!optimized.ok()) return Fail(kName, optimized.status(), kExitBadInput);
  if (absl::Status written = WriteOutputFile(args[1], *optimized); !written.ok()) {
    return Fail(kName, written, kExitBadInput);
  }
  return kExitOk;
}

}  // namespace

const Command& OptimizeCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Drop unused memo PUTs, as pickletools.optimize does.",
      .usage = "brine optimize IN OUT",
      .help =
          "Reads the pickle in IN (- for standard input) and writes to OUT (- for standard\n"
          "output) exactly what Python's pickletools.optimize returns for it: every PUT or\n"
          "MEMOIZE that no GET uses is removed, the memo is renumbered, and protocol 4+\n"
          "pickles are framed again. Only the opcode stream is read; nothing is decoded\n"
          "or run. OUT is written only when the whole result is ready.\n"
          "\n"
          "Exit status: 0 written; 1 unreadable or malformed input, or OUT not writable\n"
          "(message on standard error); 2 bad usage.\n",
      .flags = {},
      .operands = {"IN", "OUT"},
      .run = RunOptimize,
  };
  return command;
}

}  // namespace brine::cli
