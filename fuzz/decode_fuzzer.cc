// Fuzz target: brine::Decode over arbitrary bytes, then repr() of the root.
// Decoding untrusted input must never crash, leak, hang or allocate without
// bound; errors are fine. Each input is decoded twice, once with the default
// options and once with the permissive ones (fuzz_options.h), both under tight
// limits, and printed with at most 64 KiB of repr().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/decoder.h"
#include "brine/fuzz/fuzz_options.h"
#include "brine/value/repr.h"

namespace {

void DecodeAndRepr(std::string_view input, const brine::DecodeOptions& options) {
  absl::StatusOr<brine::Document> doc = brine::Decode(input, options);
  if (!doc.ok()) return;
  absl::StatusOr<std::string> repr = brine::Repr(doc->root(), brine::fuzz::FuzzReprOptions());
  (void)repr;  // only its safety matters here
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  DecodeAndRepr(input, brine::fuzz::TightDecodeOptions());
  DecodeAndRepr(input, brine::fuzz::PermissiveDecodeOptions());
  return 0;
}
