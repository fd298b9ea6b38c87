// Options shared by the commands that decode a pickle into values (show,
// json): --encoding, --errors, --max-int-digits.
#ifndef BRINE_CLI_DECODE_FLAGS_H_
#define BRINE_CLI_DECODE_FLAGS_H_

#include <string_view>
#include <vector>

#include "brine/codec/decoder.h"

namespace brine::cli {

// Flag names for Command::flags.
inline const std::vector<std::string_view> kDecodeFlagNames = {"encoding", "errors", "max_int_digits"};

// DecodeOptions set from the flags.
DecodeOptions DecodeOptionsFromFlags();
// The --max-int-digits value (0 = no limit), for printing ints too.
size_t MaxIntDigitsFromFlags();

}  // namespace brine::cli

#endif  // BRINE_CLI_DECODE_FLAGS_H_
