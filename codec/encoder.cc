// Encoder, Encode and EncodeTo (see encoder.h): option checks and the hooks'
// pass around the Pickler (pickler.h).
#include "brine/codec/encoder.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "brine/codec/pickler.h"

namespace brine {
namespace {

// `options` with a negative protocol made the highest and the hooks'
// extension codes used when it has hooks and no extension codes of its own.
EncodeOptions Resolve(const EncodeOptions& options) {
  EncodeOptions resolved = options;
  if (resolved.protocol < 0) resolved.protocol = kHighestProtocol;
  if (options.hooks != nullptr && options.extensions == nullptr) {
    resolved.extensions = options.hooks->extension_codes();
  }
  return resolved;
}

}  // namespace

struct Encoder::State {
  explicit State(const EncodeOptions& given)
      : options(Resolve(given)),
        pickler(options.protocol <= kHighestProtocol ? std::make_unique<Pickler>(options) : nullptr) {}

  // Runs the Pickler on `value` (already through the hooks).
  absl::StatusOr<std::string> Dump(Value value);

  const EncodeOptions options;
  // Made only for a valid protocol; refers to `options`.
  std::unique_ptr<Pickler> pickler;
};

absl::StatusOr<std::string> Encoder::State::Dump(Value value) {
  std::vector<std::string_view>* buffers = options.out_of_band_buffers;
  const size_t buffers_before = buffers != nullptr ? buffers->size() : 0;
  if (absl::Status status = pickler->Dump(value); !status.ok()) {
    if (buffers != nullptr) buffers->resize(buffers_before);
    return status;
  }
  return pickler->out().Take();
}

Encoder::Encoder(const EncodeOptions& options) : state_(std::make_unique<State>(options)) {}
Encoder::~Encoder() = default;
Encoder::Encoder(Encoder&&) noexcept = default;
Encoder& Encoder::operator=(Encoder&&) noexcept = default;

absl::StatusOr<std::string> Encoder::Encode(Value value) {
  if (state_->pickler == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("pickle protocol must be <= ", kHighestProtocol));
  }
  if (state_->options.hooks == nullptr) return state_->Dump(value);
  Heap scratch;  // what the hooks build: reduce results, copies of what they changed
  absl::StatusOr<Value> lowered =
      state_->options.hooks->BeforeEncode(scratch, value, state_->options.protocol);
  if (!lowered.ok()) return lowered.status();
  return state_->Dump(*lowered);
}

absl::StatusOr<std::string> Encode(Value value, const EncodeOptions& options) {
  return Encoder(options).Encode(value);
}

absl::Status EncodeTo(Value value, Sink& sink, const EncodeOptions& options) {
  absl::StatusOr<std::string> bytes = Encode(value, options);
  if (!bytes.ok()) return bytes.status();
  return sink.Write(*bytes);
}

}  // namespace brine
