// Options shared by the commands that decode a pickle and print the value
// (show, json): --encoding, --errors, --max-int-digits, --max-output-bytes
// (which dis takes too), --keep-opaque (the built-in reconstructor sets to
// leave off).
#ifndef BRINE_CLI_DECODE_FLAGS_H_
#define BRINE_CLI_DECODE_FLAGS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/codec/decoder.h"
#include "brine/registry/registry.h"
#include "brine/value/document.h"

namespace brine::cli {

// Flag names for Command::flags.
inline const std::vector<std::string_view> kDecodeFlagNames = {
    "encoding", "errors", "max_int_digits", "max_output_bytes", "keep_opaque"};

// DecodeOptions set from the flags.
DecodeOptions DecodeOptionsFromFlags();
// A Registry with the built-in reconstructor sets that --keep-opaque leaves
// on; InvalidArgument naming the known sets for an unknown name.
absl::StatusOr<Registry> RegistryFromFlags();
// "  datetime     datetime.date, time, ...\n" for each built-in set, for --help.
std::string ReconstructorSetsHelp();

// The --max-int-digits value (0 = no limit), for printing ints too.
size_t MaxIntDigitsFromFlags();
// The --max-output-bytes value (0 = no limit): the longest text printed.
size_t MaxOutputBytesFromFlags();

}  // namespace brine::cli

#endif  // BRINE_CLI_DECODE_FLAGS_H_
