// The decode options the fuzz targets share (see fuzz_options.h).
#include "brine/fuzz/fuzz_options.h"

#include <array>
#include <cstdlib>
#include <string_view>

#include "brine/codec/extension_codes.h"

namespace brine::fuzz {
namespace {

DecodeLimits TightLimits() {
  DecodeLimits limits;
  limits.max_mark_depth = 10000;
  limits.max_stack_size = size_t{1} << 16;
  limits.max_memo_entries = size_t{1} << 16;
  limits.max_total_bytes = size_t{64} << 20;
  limits.max_int_digits = kDefaultMaxIntDigits;
  return limits;
}

// BRINE_FUZZ_LIMITS=default (run_fuzzers.sh's FUZZ_LIMITS) fuzzes under
// DecodeLimits' defaults, what an application gets unless it sets its own,
// so that the slow paths the small limits cut short are reached; anything
// else keeps TightLimits.
DecodeLimits FuzzLimits() {
  static const bool use_defaults = [] {
    const char* value = std::getenv("BRINE_FUZZ_LIMITS");
    return value != nullptr && std::string_view(value) == "default";
  }();
  return use_defaults ? DecodeLimits{} : TightLimits();
}

// Codes 1, 255, 256, 65535, 65536 and 0x7fffffff exercise EXT1, EXT2 and EXT4.
const ExtensionRegistry& FuzzExtensions() {
  static const ExtensionRegistry registry = [] {
    ExtensionRegistry r;
    struct Entry {
      std::string_view module, name;
      int64_t code;
    };
    constexpr std::array<Entry, 6> kEntries = {{
        {"collections", "OrderedDict", 1},
        {"builtins", "set", 255},
        {"copyreg", "_reconstructor", 256},
        {"datetime", "date", 65535},
        {"decimal", "Decimal", 65536},
        {"m", "C", 0x7fffffff},
    }};
    for (const Entry& e : kEntries) {
      if (!r.Add(e.module, e.name, e.code).ok()) std::abort();
    }
    return r;
  }();
  return registry;
}

}  // namespace

DecodeOptions TightDecodeOptions() {
  DecodeOptions options;
  options.limits = FuzzLimits();
  return options;
}

DecodeOptions TranscodeDecodeOptions() {
  DecodeOptions options = TightDecodeOptions();
  options.buffer_placeholders = true;
  options.keep_unregistered_extensions = true;
  return options;
}

DecodeOptions PermissiveDecodeOptions() {
  static constexpr std::array<std::string_view, 2> kBuffers = {"buffer zero", ""};
  DecodeOptions options;
  options.limits = FuzzLimits();
  options.encoding = "bytes";
  options.fix_imports = false;
  options.borrow_input = true;
  options.buffers = kBuffers;
  options.extensions = &FuzzExtensions();
  return options;
}

ReprOptions FuzzReprOptions() {
  ReprOptions options;
  options.max_output_bytes = size_t{64} << 10;
  return options;
}

}  // namespace brine::fuzz
