// The decoding flags (see decode_flags.h).
#include "brine/cli/decode_flags.h"

#include <cstdint>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "brine/facade/registry_codec.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

ABSL_FLAG(std::string, encoding, "ASCII",
          "How Python 2 byte strings (STRING, BINSTRING, SHORT_BINSTRING) are decoded, as "
          "pickle.loads(encoding=): a codec name such as ASCII, latin1 or utf-8, or 'bytes' to keep "
          "them as bytes.");
ABSL_FLAG(std::string, errors, "strict",
          "Error handler for --encoding, as pickle.loads(errors=): strict, replace, ignore, ...");
ABSL_FLAG(uint64_t, max_int_digits, brine::kDefaultMaxIntDigits,
          "Largest number of decimal digits accepted in an int, read or printed (0 = no limit); "
          "the default is CPython 3.11's sys.get_int_max_str_digits().");

ABSL_FLAG(uint64_t, max_output_bytes, brine::kDefaultMaxReprBytes,
          "Longest text printed, in bytes (0 = no limit); past it the command fails with exit status 1. "
          "Objects referenced several times are printed in full at each reference, so a small pickle "
          "can stand for an enormous text.");

ABSL_FLAG(std::string, keep_opaque, "",
          "Built-in reconstructor sets to leave off, comma-separated, or 'all': the types they "
          "rebuild (datetime, Decimal, OrderedDict, ...) then print as the call that rebuilds "
          "them, like any other class. The sets are listed in the command's help.");
ABSL_FLAG(brine::cli::ExtensionCodesFlag, extension, {},
          "CODE=module.name: read EXT1/EXT2/EXT4 opcodes with CODE as that name, as "
          "copyreg.add_extension(module, name, CODE) would have them read (and written, by "
          "transcode). Repeat the option, or separate entries with commas, for several codes.");
ABSL_FLAG(bool, buffer_placeholders, false,
          "Read protocol 5's out-of-band buffers (NEXT_BUFFER) as placeholders, printed "
          "PickleBuffer(index=N, ...), instead of failing as pickle.loads does without buffers=.");

namespace brine::cli {

bool AbslParseFlag(absl::string_view text, ExtensionCodesFlag* flag, std::string* error) {
  ExtensionCodesFlag parsed;
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> code_and_name = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    const size_t dot = code_and_name.second.rfind('.');
    int64_t code;
    if (!absl::SimpleAtoi(code_and_name.first, &code) || dot == absl::string_view::npos || dot == 0 ||
        dot + 1 == code_and_name.second.size()) {
      *error = absl::StrCat("expected CODE=module.name, got '", entry, "'");
      return false;
    }
    const absl::string_view module = code_and_name.second.substr(0, dot);
    const absl::string_view name = code_and_name.second.substr(dot + 1);
    if (absl::Status added = parsed.registry.Add(FromAbsl(module), FromAbsl(name), code); !added.ok()) {
      *error = std::string(added.message());
      return false;
    }
    parsed.entries.emplace_back(entry);
  }
  *flag = std::move(parsed);
  return true;
}

std::string AbslUnparseFlag(const ExtensionCodesFlag& flag) { return absl::StrJoin(flag.entries, ","); }

const ExtensionRegistry* ExtensionCodesFromFlags() {
  static const ExtensionRegistry* const registry = new ExtensionRegistry(absl::GetFlag(FLAGS_extension).registry);
  return registry;
}

DecodeOptions DecodeOptionsFromFlags() {
  DecodeOptions options;
  options.encoding = absl::GetFlag(FLAGS_encoding);
  options.errors = absl::GetFlag(FLAGS_errors);
  options.limits.max_int_digits = MaxIntDigitsFromFlags();
  options.buffer_placeholders = absl::GetFlag(FLAGS_buffer_placeholders);
  options.extensions = ExtensionCodesFromFlags();
  return options;
}

absl::StatusOr<Registry> RegistryFromFlags() {
  Registry registry;
  const std::string keep_opaque = absl::GetFlag(FLAGS_keep_opaque);
  for (absl::string_view name : absl::StrSplit(keep_opaque, ',', absl::SkipEmpty())) {
    if (name == "all") {
      for (const ReconstructorSet* set : registry.reconstructor_sets()) {
        (void)registry.SetReconstructorSetMode(set->name, Registry::SetMode::kOff);
      }
      continue;
    }
    absl::Status switched =
        registry.SetReconstructorSetMode(std::string_view(name.data(), name.size()),
                                         Registry::SetMode::kOff);
    if (!switched.ok()) {
      std::vector<std::string> known;
      for (const ReconstructorSet* set : registry.reconstructor_sets()) known.push_back(set->name);
      return absl::InvalidArgumentError(absl::StrCat("--keep-opaque: no set named '", name,
                                                     "' (sets: ", absl::StrJoin(known, ", "),
                                                     ", or all)"));
    }
  }
  return registry;
}

std::string ReconstructorSetsHelp() {
  std::string help;
  const Registry registry;
  for (const ReconstructorSet* set : registry.reconstructor_sets()) {
    absl::StrAppendFormat(&help, "  %-12s %s\n", set->name, set->summary);
  }
  return help;
}

size_t MaxIntDigitsFromFlags() { return static_cast<size_t>(absl::GetFlag(FLAGS_max_int_digits)); }

size_t MaxOutputBytesFromFlags() { return static_cast<size_t>(absl::GetFlag(FLAGS_max_output_bytes)); }

}  // namespace brine::cli
