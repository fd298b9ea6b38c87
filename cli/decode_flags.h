// Options shared by the commands that decode a pickle and print the value
// (show, json): --encoding, --errors, --max-int-digits, --max-output-bytes
// (which dis takes too), --buffer-placeholders, --extension (which transcode
// takes too), --keep-opaque (the built-in reconstructor sets to leave off).
#ifndef BRINE_CLI_DECODE_FLAGS_H_
#define BRINE_CLI_DECODE_FLAGS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "brine/codec/decoder.h"
#include "brine/codec/extension_codes.h"
#include "brine/registry/registry.h"
#include "brine/value/document.h"

namespace brine::cli {

// The value of --extension: CODE=module.name entries (comma-separated; the
// option may be repeated, its entries adding up), as copyreg.add_extension
// registers them, checked when parsed.
struct ExtensionCodesFlag {
  std::vector<std::string> entries;
  ExtensionRegistry registry;
};
bool AbslParseFlag(absl::string_view text, ExtensionCodesFlag* flag, std::string* error);
std::string AbslUnparseFlag(const ExtensionCodesFlag& flag);

// Flag names for Command::flags.
inline const std::vector<std::string_view> kDecodeFlagNames = {
    "encoding", "errors", "max_int_digits", "max_output_bytes", "buffer_placeholders", "extension", "keep_opaque"};

// DecodeOptions set from the flags.
DecodeOptions DecodeOptionsFromFlags();
// The extension codes --extension registered (lives until the program ends).
const ExtensionRegistry* ExtensionCodesFromFlags();
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
