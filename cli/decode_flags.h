// Options shared by the commands that decode a pickle and print the value
// (show, json): --encoding, --errors, --max-int-digits, --max-output-bytes
// (which dis takes too).
#ifndef BRINE_CLI_DECODE_FLAGS_H_
#define BRINE_CLI_DECODE_FLAGS_H_

#include <string_view>
#include <vector>

#include "brine/codec/decoder.h"

namespace brine::cli {

// Flag names for Command::flags.
inline const std::vector<std::string_view> kDecodeFlagNames = {"encoding", "errors", "max_int_digits",
                                                               "max_output_bytes"};

// DecodeOptions set from the flags.
DecodeOptions DecodeOptionsFromFlags();
// The --max-int-digits value (0 = no limit), for printing ints too.
size_t MaxIntDigitsFromFlags();
// The --max-output-bytes value (0 = no limit): the longest text printed.
size_t MaxOutputBytesFromFlags();

}  // namespace brine::cli

#endif  // BRINE_CLI_DECODE_FLAGS_H_
