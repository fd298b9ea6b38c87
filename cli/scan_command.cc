// `brine scan FILE`: the imports and calls an untrusted pickle would make
// (codec/scanner.h), each judged allowed, unknown or dangerous, one line each
// (or JSON), then a summary; the exit status tells whether it is safe to load.
#include <algorithm>
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
#include "brine/value/builder.h"
#include "brine/value/json.h"
#include "brine/value/string_views.h"

ABSL_FLAG(bool, all, false,
          "Also scan the pickles that follow the first one's STOP, up to the end of the input "
          "(what repeated pickle.load calls on one file would read).");
ABSL_FLAG(std::vector<std::string>, allow, {},
          "MODULE or MODULE.NAME to allow besides the built-in allow list, e.g. your own classes: "
          "MODULE allows everything in it and its submodules, MODULE.NAME that name and what is reached "
          "through it (its methods). Repeat the option or separate entries with commas. Dangerous names stay "
          "dangerous.");
ABSL_FLAG(std::string, allow_file, "",
          "A file of names to allow as --allow does, one MODULE[.NAME] per line; '#' starts a comment.");
ABSL_FLAG(bool, json, false,
          "Print one JSON object instead of text: {\"findings\": [{\"offset\", "
          "\"opcode\", \"action\", \"target\", \"resolved\", \"arguments\", \"verdict\", \"reason\"}, ...], \"pickles\", \"error\", \"verdict\"}.");

namespace brine::cli {
namespace {

constexpr std::string_view kName = "scan";

std::string Plural(size_t count, std::string_view word) {
  return absl::StrCat(count, " ", ToAbsl(word), count == 1 ? "" : "s");
}

std::string_view ActionName(ScanFinding::Action action) {
  return action == ScanFinding::Action::kImport ? "import" : "call";
}

std::string FindingLine(const ScanFinding& finding) {
  std::string line = absl::StrFormat("%7d  %-6s  %-15s %s", finding.offset, ToAbsl(ActionName(finding.action)),
                                     ToAbsl(finding.opcode), finding.target);
  if (!finding.resolved.empty() && !finding.target.starts_with(finding.resolved)) {
    absl::StrAppend(&line, "  -> ", finding.resolved);
  }
  if (finding.verdict == ScanVerdict::kDangerous) {
    absl::StrAppend(&line, "  [DANGEROUS: ", ToAbsl(finding.reason), "]");
  } else if (finding.verdict == ScanVerdict::kUnknown) {
    absl::StrAppend(&line, "  [UNKNOWN: ", ToAbsl(finding.reason), "]");
  }
  return line + "\n";
}

// What was scanned so far: counts, and where scanning stopped.
struct ScanTotals {
  size_t imports = 0, calls = 0, dangerous = 0, unknown = 0;
  size_t pickles = 0;
  // Offset just past the last STOP read.
  size_t end = 0;
  absl::Status error;

  void Add(const ScanFinding& finding) {
    (finding.action == ScanFinding::Action::kImport ? imports : calls) += 1;
    if (finding.verdict == ScanVerdict::kDangerous) ++dangerous;
    if (finding.verdict == ScanVerdict::kUnknown) ++unknown;
  }
  ScanVerdict Worst() const {
    if (dangerous > 0) return ScanVerdict::kDangerous;
    return unknown > 0 ? ScanVerdict::kUnknown : ScanVerdict::kAllowed;
  }
};

// One finding as a JSON object.
std::string FindingJson(const ScanFinding& f) {
  Heap heap;
  Builder b(heap);
  Value object = b.Dict({{"offset", static_cast<int64_t>(f.offset)},
                         {"opcode", f.opcode},
                         {"action", ActionName(f.action)},
                         {"target", f.target},
                         {"resolved", f.resolved},
                         {"arguments", f.arguments},
                         {"verdict", ScanVerdictName(f.verdict)},
                         {"reason", f.reason}});
  absl::StatusOr<std::string> json = ToJson(object);
  return json.ok() ? *json : "{}";
}

// Scans the pickle at `totals.end` and writes its findings: text lines, or
// items of the JSON "findings" array.
void ScanNext(std::string_view data, const ScanOptions& options, bool json, ScanTotals& totals) {
  size_t start = totals.end;
  ScanReport report = ScanPickle(data, start, options);
  ++totals.pickles;
  std::string out;
  if (!json && totals.pickles > 1) absl::StrAppend(&out, "-- pickle ", totals.pickles, " at offset ", start, "\n");
  for (const ScanFinding& finding : report.findings) {
    bool first = totals.imports + totals.calls == 0;
    if (json) {
      absl::StrAppend(&out, first ? "\n  " : ",\n  ", FindingJson(finding));
    } else {
      if (first) out += absl::StrFormat("%7s  %-6s  %-15s %s\n", "offset", "action", "opcode", "target");
      out += FindingLine(finding);
    }
    totals.Add(finding);
  }
  WriteOut(out);
  if (report.status.ok()) {
    totals.end = report.end;
  } else {
    totals.error = report.status;
  }
}

std::string Summary(const ScanTotals& totals, size_t input_size) {
  std::string out = totals.imports + totals.calls == 0 ? "" : "\n";
  absl::StrAppend(&out, Plural(totals.imports, "import"), ", ", Plural(totals.calls, "call"), ": ", totals.dangerous,
                  " dangerous, ", totals.unknown, " unknown");
  if (totals.pickles > 1) absl::StrAppend(&out, " in ", totals.pickles, " pickles");
  out += ".\n";
  if (totals.dangerous > 0) {
    out += "DANGEROUS: loading this pickle can run the flagged code. Do not unpickle it.\n";
  } else if (totals.unknown > 0) {
    out +=
        "REVIEW: loading this pickle runs the names marked UNKNOWN, which are not on the allow list.\n"
        "Do not unpickle it unless you trust them; allow your own with --allow MODULE[.NAME].\n";
  } else if (totals.imports + totals.calls > 0) {
    out += "Allowed: every import and call is on the allow list.\n";
  } else if (totals.error.ok()) {
    out += "No imports or calls: plain data only.\n";
  }
  if (totals.error.ok() && totals.end < input_size) {
    absl::StrAppend(&out, "Note: ", Plural(input_size - totals.end, "byte"), " after the STOP at offset ",
                    totals.end - 1, " were not scanned (use --all).\n");
  }
  return out;
}

// The end of the JSON object whose "findings" array ScanNext wrote.
std::string JsonTail(const ScanTotals& totals) {
  Heap heap;
  Builder b(heap);
  Value error = totals.error.ok() ? Value::None() : b.Str(FromAbsl(totals.error.message()));
  absl::StatusOr<std::string> error_json = ToJson(error);
  return absl::StrCat(totals.imports + totals.calls == 0 ? "" : "\n", "],\n \"pickles\": ", totals.pickles,
                      ",\n \"error\": ", error_json.ok() ? *error_json : "null", ",\n \"verdict\": \"",
                      ToAbsl(ScanVerdictName(totals.Worst())), "\"}\n");
}

// The user's allow list from --allow and --allow-file.
absl::StatusOr<ScanAllowList> UserAllowList() {
  ScanAllowList allow;
  for (const std::string& entry : absl::GetFlag(FLAGS_allow)) {
    if (absl::Status status = allow.Add(entry); !status.ok()) return status;
  }
  std::string path = absl::GetFlag(FLAGS_allow_file);
  if (!path.empty()) {
    absl::StatusOr<std::string> text = ReadInput(path);
    if (!text.ok()) return text.status();
    if (absl::Status status = allow.AddFileText(*text); !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", status.message()));
    }
  }
  return allow;
}

int ExitStatus(const ScanTotals& totals) {
  switch (totals.Worst()) {
    case ScanVerdict::kDangerous:
      return kExitFlagged;
    case ScanVerdict::kUnknown:
      return kExitReview;
    case ScanVerdict::kAllowed:
      break;
  }
  return totals.error.ok() ? kExitOk : kExitBadInput;
}

int RunScan(const std::vector<std::string>& args) {
  absl::StatusOr<ScanAllowList> allow = UserAllowList();
  if (!allow.ok()) return Fail(kName, allow.status(), kExitUsage);
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);

  ScanOptions options;
  options.allow = &*allow;
  bool json = absl::GetFlag(FLAGS_json);
  if (json) WriteOut("{\"findings\": [");
  ScanTotals totals;
  do {
    ScanNext(*data, options, json, totals);
  } while (totals.error.ok() && absl::GetFlag(FLAGS_all) && totals.end < data->size());
  WriteOut(json ? JsonTail(totals) : Summary(totals, data->size()));
  if (!totals.error.ok()) {
    Fail(kName, absl::InvalidArgumentError(absl::StrCat("scan incomplete: ", totals.error.message())), kExitBadInput);
  }
  return ExitStatus(totals);
}

}  // namespace

const Command& ScanCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Judge what a pickle would import and call: allowed, unknown or dangerous.",
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
          "then a summary. Names are resolved as CPython 3.11's find_class resolves them:\n"
          "STACK_GLOBAL's strings through the stack and memo, Python 2 names mapped below\n"
          "protocol 3, dotted names walked attribute by attribute, extension codes through\n"
          "the pickle's own copyreg.add_extension calls, getattr(obj, 'name') as the lookup of\n"
          "that attribute on what obj is (`-> builtins.list.append` shows what was reached).\n"
          "\n"
          "Each is judged by an allow list, not a deny list: allowed when the name is on\n"
          "the built-in allow list (CPython's reconstructors, the built-in types and\n"
          "everyday types of the standard library, numpy, pandas and scikit-learn\n"
          "reconstructors and classes) or on yours (--allow, --allow-file); DANGEROUS, with\n"
          "the reason, when it is known to run commands or code, touch files or the network,\n"
          "or reach arbitrary attributes; UNKNOWN otherwise: loading the pickle would run it,\n"
          "and nothing says it is safe. The lists and their limits: docs/SCAN.md.\n"
          "\n"
          "Like pickle.load, it reads one pickle, up to its STOP; --all scans the pickles\n"
          "that follow too. On a malformed pickle the findings before the error are still\n"
          "listed (pickle.load would already have run them). The scan is bounded by the\n"
          "decoder's limits (stack, MARKs, memo, bytes).\n"
          "\n"
          "Exit status: 0 everything imported and called is allowed (or plain data);\n"
          "3 something dangerous; 4 something unknown, to review (3 and 4 also when the\n"
          "pickle is malformed after it); 1 unreadable file or malformed pickle with\n"
          "nothing dangerous or unknown before the error; 2 bad usage (also an invalid\n"
          "--allow entry or --allow-file).\n",
      .flags = {"all", "allow", "allow_file", "json"},
      .operands = {"FILE"},
      .run = RunScan,
  };
  return command;
}

}  // namespace brine::cli
