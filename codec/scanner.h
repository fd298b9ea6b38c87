// The scanner: what a pickle would import and call if loaded, found without
// loading it, and whether each of those is safe, for deciding whether an
// untrusted pickle may be unpickled.
//
//   brine::ScanReport report = brine::ScanPickle(untrusted_bytes);
//   if (report.worst() != brine::ScanVerdict::kAllowed) ...  // do not load it
//   for (const brine::ScanFinding& f : report.findings)
//     std::cerr << f.target << ": " << brine::ScanVerdictName(f.verdict) << " " << f.reason << "\n";
//
// It walks the opcodes (codec/opcode_visitor.h) emulating the unpickler's
// stack and memo with symbolic values, so STACK_GLOBAL's module and name are
// resolved from the strings pushed before it (directly or through the memo),
// and each call shows what is called with which arguments, e.g.
// `os.system('echo hi')`. Imports come from GLOBAL, STACK_GLOBAL, INST and
// EXT1/EXT2/EXT4; calls from REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ, BUILD (which
// may call __setstate__) and PERSID/BINPERSID (the application's
// persistent_load).
//
// Names are resolved as CPython 3.11's find_class does: Python 2 names mapped
// below protocol 3 (as set by the pickle's PROTO opcode), the name walked
// attribute by attribute, extension codes through the copyreg.add_extension
// calls the pickle itself makes, `getattr(obj, 'name')` as the lookup of that
// attribute on what obj is (a module or class, or an instance of a known
// class). Each finding is then judged by codec/scan_policy.h: allowed,
// unknown (review it) or dangerous. docs/SCAN.md describes the rules and the
// limits.
//
// Like pickle.load it reads one pickle, up to its STOP; ScanPickle's `start`
// lets a caller scan the pickles that follow. Its memory and time are bounded
// by the decoder's limits (DecodeLimits, codec/decoder.h).
#ifndef BRINE_CODEC_SCANNER_H_
#define BRINE_CODEC_SCANNER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "brine/codec/decoder.h"
#include "brine/codec/scan_policy.h"

namespace brine {

struct ScanFinding {
  enum class Action { kImport, kCall };
  // Offset of the opcode in the input.
  size_t offset = 0;
  // The opcode's name, e.g. "STACK_GLOBAL", "REDUCE".
  std::string_view opcode;
  Action action = Action::kImport;
  // Imports: "module.name" as written in the pickle, or "extension code N";
  // calls: a Python-like expression such as `os.system('ls')`, arguments
  // shortened with "..." when long.
  std::string target;
  // The name reached, as find_class resolves it ("builtins.eval" for
  // `__builtin__.eval` at protocol 2, "builtins.list.append" for
  // `getattr([], 'append')`, "collections.OrderedDict.__setstate__" for a
  // BUILD); empty when it cannot be named.
  std::string resolved;
  // Calls: the arguments as written between the parentheses of `target`.
  std::string arguments;
  ScanVerdict verdict = ScanVerdict::kAllowed;
  // Why it is dangerous or unknown; empty when allowed.
  std::string_view reason;
};

struct ScanReport {
  // In stream order.
  std::vector<ScanFinding> findings;
  // OK when the pickle was read through its STOP; otherwise why scanning
  // stopped (malformed pickle, a stack state the unpickler would reject, or a
  // limit, RESOURCE_EXHAUSTED). Findings before that point are kept:
  // pickle.load would already have run them.
  absl::Status status;
  // Offset just past STOP when `status` is OK.
  size_t end = 0;

  // Number of findings with `verdict`.
  size_t count(ScanVerdict verdict) const;
  // The worst verdict of all findings (kAllowed when there are none).
  ScanVerdict worst() const;
};

struct ScanOptions {
  // The decoder's limits, applied to the scanner's emulated stack, MARKs and
  // memo, and to the bytes it allocates (symbols and findings).
  DecodeLimits limits;
  // The user's own allowed names; may be null.
  const ScanAllowList* allow = nullptr;
};

// Scans the pickle starting at `start` in `data`.
ScanReport ScanPickle(std::string_view data, size_t start = 0, const ScanOptions& options = {});

}  // namespace brine

#endif  // BRINE_CODEC_SCANNER_H_
