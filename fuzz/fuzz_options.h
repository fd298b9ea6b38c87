// Decode options shared by the fuzz targets: tight limits, so that hostile
// input fails fast instead of exhausting the fuzzer's memory or time budget
// (or, with BRINE_FUZZ_LIMITS=default in the environment, DecodeLimits'
// defaults, to reach the slow paths), and a second, permissive set that reaches the optional decoder paths
// (bytes encoding, no import fixing, borrowed input, out-of-band buffers,
// extension codes).
#ifndef BRINE_FUZZ_FUZZ_OPTIONS_H_
#define BRINE_FUZZ_FUZZ_OPTIONS_H_

#include "brine/codec/decoder.h"
#include "brine/value/repr.h"

namespace brine::fuzz {

// Default decoding (ASCII, strict, fix_imports) under small limits (or the
// default ones, see above).
DecodeOptions TightDecodeOptions();

// TightDecodeOptions plus what `brine transcode` keeps to write back:
// out-of-band buffer placeholders and unregistered extension codes.
DecodeOptions TranscodeDecodeOptions();

// encoding="bytes", fix_imports off, borrow_input, two buffers for
// NEXT_BUFFER, and a few registered extension codes; the same limits.
DecodeOptions PermissiveDecodeOptions();

// repr() limits for the fuzz targets: a shared object is printed at each
// reference, so a few hundred bytes of pickle can stand for 2**40 elements;
// stopping at 64 KiB keeps every input fast.
ReprOptions FuzzReprOptions();

}  // namespace brine::fuzz

#endif  // BRINE_FUZZ_FUZZ_OPTIONS_H_
