// The scanner: what a pickle would import and call if loaded, found without
// loading it, for deciding whether an untrusted pickle is safe to unpickle.
//
//   brine::ScanReport report = brine::ScanPickle(untrusted_bytes);
//   for (const brine::ScanFinding& f : report.findings)
//     if (!f.danger.empty()) std::cerr << f.target << ": " << f.danger << "\n";
//
// It walks the opcodes (codec/opcode_visitor.h) emulating the unpickler's
// stack and memo with symbolic values, so STACK_GLOBAL's module and name are
// resolved from the strings pushed before it (directly or through the memo),
// and each call shows what is called with which arguments, e.g.
// `os.system('echo hi')`. Imports come from GLOBAL, STACK_GLOBAL, INST and
// EXT1/EXT2/EXT4; calls from REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ, BUILD (which
// may call __setstate__) and PERSID/BINPERSID (the application's
// persistent_load). Names listed in codec/dangerous_names.h are flagged, in
// their Python 2 spellings too.
//
// Like pickle.load it reads one pickle, up to its STOP; ScanPickle's `start`
// lets a caller scan the pickles that follow.
#ifndef BRINE_CODEC_SCANNER_H_
#define BRINE_CODEC_SCANNER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

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
  // Why this is dangerous (codec/dangerous_names.h), or empty.
  std::string_view danger;
};

struct ScanReport {
  // In stream order.
  std::vector<ScanFinding> findings;
  // OK when the pickle was read through its STOP; otherwise why scanning
  // stopped (malformed pickle, or a stack state the unpickler would reject).
  // Findings before that point are kept: pickle.load would already have run
  // them.
  absl::Status status;
  // Offset just past STOP when `status` is OK.
  size_t end = 0;

  // Number of findings with a danger.
  size_t dangerous_count() const;
};

// Scans the pickle starting at `start` in `data`.
ScanReport ScanPickle(std::string_view data, size_t start = 0);

}  // namespace brine

#endif  // BRINE_CODEC_SCANNER_H_
