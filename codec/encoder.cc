// Encoder, Encode and EncodeTo (see encoder.h): option checks and the hooks'
// pass around the Pickler (pickler.h).
#include "brine/codec/encoder.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "brine/codec/idle_state.h"
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

absl::Status ProtocolTooHigh() {
  return absl::InvalidArgumentError(absl::StrCat("pickle protocol must be <= ", kHighestProtocol));
}

}  // namespace

struct Encoder::State {
  // `resolved`: options as Resolve returns them.
  explicit State(const EncodeOptions& resolved)
      : options(resolved),
        pickler(options.protocol <= kHighestProtocol ? std::make_unique<Pickler>(options) : nullptr) {}

  // Runs the hooks, if any, then the Pickler on what they return, into the
  // Pickler's output buffer (see OutputBuffer::KeepLargePayloads for
  // `keep_large_payloads`). What the hooks build goes to `scratch`, which
  // must live as long as the output buffer's payloads are needed.
  absl::Status Dump(Value value, std::optional<Heap>& scratch, bool keep_large_payloads);

  EncodeOptions options;
  // Made only for a valid protocol; refers to `options`.
  std::unique_ptr<Pickler> pickler;
};

// This thread's idle State (idle_state.h) when it was made for the protocol
// `options` asks (a Pickler is made for one), else a fresh one.
std::unique_ptr<Encoder::State> Encoder::TakeThreadState(const EncodeOptions& options) {
  const EncodeOptions resolved = Resolve(options);
  std::unique_ptr<State> state = IdleState<State>::Take();
  if (state == nullptr || state->pickler == nullptr || state->pickler->protocol() != resolved.protocol) {
    return std::make_unique<State>(resolved);
  }
  state->options = resolved;
  return state;
}

void Encoder::ReturnThreadState(std::unique_ptr<State> state) {
  if (state->pickler == nullptr) return;
  const size_t retained_bytes = state->pickler->retained_bytes();
  IdleState<State>::Keep(std::move(state), retained_bytes);
}

absl::Status Encoder::State::Dump(Value value, std::optional<Heap>& scratch, bool keep_large_payloads) {
  if (pickler == nullptr) return ProtocolTooHigh();
  if (options.hooks != nullptr) {
    absl::StatusOr<Value> lowered = options.hooks->BeforeEncode(scratch.emplace(), value, options.protocol);
    if (!lowered.ok()) return lowered.status();
    value = *lowered;
  }
  std::vector<std::string_view>* buffers = options.out_of_band_buffers;
  const size_t buffers_before = buffers != nullptr ? buffers->size() : 0;
  pickler->out().KeepLargePayloads(keep_large_payloads);
  absl::Status status = pickler->Dump(value);
  if (!status.ok() && buffers != nullptr) buffers->resize(buffers_before);
  return status;
}

Encoder::Encoder(const EncodeOptions& options) : state_(std::make_unique<State>(Resolve(options))) {}
Encoder::Encoder(std::unique_ptr<State> state) : state_(std::move(state)) {}
Encoder::~Encoder() = default;
Encoder::Encoder(Encoder&&) noexcept = default;
Encoder& Encoder::operator=(Encoder&&) noexcept = default;

absl::StatusOr<std::string> Encoder::Encode(Value value) {
  std::optional<Heap> scratch;  // what the hooks build: reduce results, copies of what they changed
  absl::Status dumped = state_->Dump(value, scratch, /*keep_large_payloads=*/false);
  if (!dumped.ok()) return dumped;
  return state_->pickler->out().Take();
}

absl::Status Encoder::EncodeTo(Value value, Sink& sink) {
  std::optional<Heap> scratch;  // as in Encode; lives until its payloads are written
  absl::Status dumped = state_->Dump(value, scratch, /*keep_large_payloads=*/true);
  if (!dumped.ok()) return dumped;
  return state_->pickler->out().WriteTo(sink);
}

absl::StatusOr<std::string> Encode(Value value, const EncodeOptions& options) {
  Encoder encoder(Encoder::TakeThreadState(options));
  absl::StatusOr<std::string> pickle = encoder.Encode(value);
  Encoder::ReturnThreadState(std::move(encoder.state_));
  return pickle;
}

absl::Status EncodeTo(Value value, Sink& sink, const EncodeOptions& options) {
  Encoder encoder(Encoder::TakeThreadState(options));
  absl::Status written = encoder.EncodeTo(value, sink);
  Encoder::ReturnThreadState(std::move(encoder.state_));
  return written;
}

}  // namespace brine
