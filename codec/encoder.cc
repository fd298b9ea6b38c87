// Encode / EncodeTo: protocol checks around the Pickler.
#include "brine/codec/encoder.h"

#include "absl/strings/str_cat.h"
#include "brine/codec/output_buffer.h"
#include "brine/codec/pickler.h"

namespace brine {

absl::StatusOr<std::string> Encode(Value value, const EncodeOptions& options) {
  if (options.hooks != nullptr) {
    Heap scratch;  // what the hooks build: reduce results, copies of what they changed
    absl::StatusOr<Value> lowered = options.hooks->BeforeEncode(scratch, value);
    if (!lowered.ok()) return lowered.status();
    EncodeOptions lowered_options = options;
    lowered_options.hooks = nullptr;
    if (lowered_options.extensions == nullptr) lowered_options.extensions = options.hooks->extension_codes();
    return Encode(*lowered, lowered_options);
  }
  EncodeOptions resolved = options;
  if (resolved.protocol < 0) resolved.protocol = kHighestProtocol;
  if (resolved.protocol > kHighestProtocol) {
    return absl::InvalidArgumentError(absl::StrCat("pickle protocol must be <= ", kHighestProtocol));
  }
  const size_t buffers_before =
      resolved.out_of_band_buffers != nullptr ? resolved.out_of_band_buffers->size() : 0;
  OutputBuffer out;
  Pickler pickler(resolved, out);
  if (absl::Status status = pickler.Dump(value); !status.ok()) {
    if (resolved.out_of_band_buffers != nullptr) resolved.out_of_band_buffers->resize(buffers_before);
    return status;
  }
  return out.Release();
}

absl::Status EncodeTo(Value value, Sink& sink, const EncodeOptions& options) {
  absl::StatusOr<std::string> bytes = Encode(value, options);
  if (!bytes.ok()) return bytes.status();
  return sink.Write(*bytes);
}

}  // namespace brine
