// `brine scan FILE`: the imports and calls an untrusted pickle would make
// (codec/scanner.h), one line each, then a summary.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/cli/commands.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/codec/scanner.h"
#include "brine/value/string_views.h"

ABSL_FLAG(bool, all, false,
          "Also scan the pickles that follow the first one's STOP, up to the end of the input "
          "(what repeated pickle.load calls on one file would read).");

namespace brine::cli {
namespace {

constexpr std::string_view kName = "scan";

std::string Plural(size_t count, std::string_view word) {
  return absl::StrCat(count, " ", ToAbsl(word), count == 1 ? "" : "s");
}

std::string FindingLine(const ScanFinding& finding) {
  std::string line = absl::StrFormat("%7d  %-6s  %-15s %s", finding.offset,
                                     finding.action == ScanFinding::Action::kImport ? "import" : "call",
                                     std::string(finding.opcode), finding.target);
  if (!finding.danger.empty()) absl::StrAppend(&line, "  [DANGEROUS: ", std::string(finding.danger), "]");
  return line + "\n";
}

int RunScan(const std::vector<std::string>& args) {
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);

  size_t imports = 0, calls = 0, dangerous = 0, pickles = 0;
  size_t start = 0;
  absl::Status error;
  std::string out;
  do {
    ScanReport report = ScanPickle(*data, start);
    ++pickles;
    if (pickles > 1) absl::StrAppend(&out, "-- pickle ", pickles, " at offset ", start, "\n");
    for (const ScanFinding& finding : report.findings) {
      if (imports + calls == 0) out += absl::StrFormat("%7s  %-6s  %-15s %s\n", "offset", "action", "opcode", "target");
      out += FindingLine(finding);
      (finding.action == ScanFinding::Action::kImport ? imports : calls) += 1;
      if (!finding.danger.empty()) ++dangerous;
    }
    if (!report.status.ok()) {
      error = report.status;
      break;
    }
    start = report.end;
  } while (absl::GetFlag(FLAGS_all) && start < data->size());

  if (imports + calls > 0) out += "\n";
  absl::StrAppend(&out, Plural(imports, "import"), ", ", Plural(calls, "call"), ", ", dangerous,
                  " dangerous");
  if (pickles > 1) absl::StrAppend(&out, " in ", pickles, " pickles");
  out += ".\n";
  if (dangerous > 0) {
    out += "DANGEROUS: loading this pickle can run the flagged code. Do not unpickle it.\n";
  } else if (imports + calls > 0) {
    out += "Nothing known to be dangerous; loading it still runs the imports and calls above.\n";
  } else if (error.ok()) {
    out += "No imports or calls: plain data only.\n";
  }
  if (error.ok() && start < data->size()) {
    absl::StrAppend(&out, "Note: ", Plural(data->size() - start, "byte"), " after the STOP at offset ", start - 1,
                    " were not scanned (use --all).\n");
  }
  WriteOut(out);
  if (!error.ok()) {
    Fail(kName, absl::InvalidArgumentError(absl::StrCat("scan incomplete: ", error.message())), kExitBadInput);
  }
  if (dangerous > 0) return kExitFlagged;
  return error.ok() ? kExitOk : kExitBadInput;
}

}  // namespace

const Command& ScanCommand() {
  static const Command command = {
      .name = kName,
      .summary = "List what a pickle would import and call, flagging dangerous names.",
      .usage = "brine scan [options] FILE",
      .help =
          "For pickles you do not trust: without running anything, lists every global the\n"
          "pickle in FILE (- for standard input) would import (GLOBAL, STACK_GLOBAL, INST,\n"
          "EXT1/2/4) and every call it would make (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ,\n"
          "BUILD's __setstate__, PERSID/BINPERSID's persistent_load), one line each:\n"
          "\n"
          "   offset  action  opcode          target\n"
          "        0  import  GLOBAL          os.system  [DANGEROUS: runs a shell command]\n"
          "       19  call    REDUCE          os.system('ls')  [DANGEROUS: runs a shell command]\n"
          "\n"
          "then a summary. Names are resolved as the unpickler would resolve them\n"
          "(STACK_GLOBAL's strings through the stack and memo). Well-known dangerous names are\n"
          "flagged: shell and process functions (os.system, posix.system, nt.system,\n"
          "os.popen, os.exec*, os.spawn*, subprocess.*, pty.spawn), code execution and\n"
          "imports (builtins.eval/exec/compile/__import__, importlib, runpy), attribute\n"
          "access (builtins.getattr/setattr, operator.attrgetter/methodcaller), files\n"
          "(builtins.open, os.remove, shutil.*), network (socket.*), native code (ctypes.*),\n"
          "nested deserializers (pickle.*, marshal.*), in Python 2 spellings too. The list\n"
          "is a warning aid, not a sandbox: anything imported or called may be harmful.\n"
          "\n"
          "Like pickle.load, it reads one pickle, up to its STOP; --all scans the pickles\n"
          "that follow too. On a malformed pickle the findings before the error are still\n"
          "listed (pickle.load would already have run them).\n"
          "\n"
          "Exit status: 0 nothing flagged; 3 something dangerous was flagged (also when the\n"
          "pickle is malformed after it); 1 unreadable file or malformed pickle with nothing\n"
          "flagged before the error; 2 bad usage.\n",
      .flags = {"all"},
      .operands = {"FILE"},
      .run = RunScan,
  };
  return command;
}

}  // namespace brine::cli
