// Optimize: pickletools.optimize for brine. Drops every PUT (or MEMOIZE) that
// no GET refers to, renumbers the memo densely, and re-frames protocol 4+
// pickles, producing exactly the bytes CPython 3.11's pickletools.optimize
// returns for the same input.
//
//   absl::StatusOr<std::string> smaller = brine::Optimize(pickle_bytes);
//
// Like pickletools, this works on the opcode stream alone: nothing is
// decoded or run. The output ends at the input's STOP; bytes after it are
// dropped.
#ifndef BRINE_CODEC_OPTIMIZER_H_
#define BRINE_CODEC_OPTIMIZER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace brine {

// Fails, naming offset and opcode, on input that is not a well-formed opcode
// stream ending in STOP, or that GETs a memo slot no earlier PUT filled.
absl::StatusOr<std::string> Optimize(std::string_view pickle);

}  // namespace brine

#endif  // BRINE_CODEC_OPTIMIZER_H_
