// Decoder, Decode, DecodeSource and friends (see decoder.h): the Unpickler
// (unpickler.h) over a buffer or a stream, then the hooks' pass.
#include "brine/codec/decoder.h"

#include <memory>
#include <utility>

#include "brine/codec/idle_state.h"
#include "brine/codec/stream_input.h"
#include "brine/codec/unpickler.h"

namespace brine {
namespace {

// `options`, with the hooks' extension codes when it has hooks and no
// extension codes of its own.
DecodeOptions WithHookExtensions(const DecodeOptions& options) {
  DecodeOptions resolved = options;
  if (options.hooks != nullptr && options.extensions == nullptr) {
    resolved.extensions = options.hooks->extension_codes();
  }
  return resolved;
}

// `document` with the root the Unpickler produced, after the hooks' pass if any.
absl::StatusOr<Document> Finish(Document document, const absl::StatusOr<Value>& root,
                                const DecodeOptions& options) {
  if (!root.ok()) return root.status();
  document.set_root(*root);
  if (options.hooks != nullptr) {
    if (absl::Status resolved = options.hooks->AfterDecode(document); !resolved.ok()) return resolved;
  }
  return document;
}

}  // namespace

struct Decoder::State {
  explicit State(const DecodeOptions& given) : options(WithHookExtensions(given)), unpickler(options) {}

  absl::StatusOr<Document> Decode(std::string_view data) {
    Document document;
    unpickler.Reset(document.heap());
    absl::StatusOr<Value> root = unpickler.RunBuffer(data, options.borrow_input);
    return Finish(std::move(document), root, options);
  }

  DecodeOptions options;
  Unpickler unpickler;  // refers to `options`, read anew at each Reset
};

Decoder::Decoder(const DecodeOptions& options) : state_(std::make_unique<State>(options)) {}
Decoder::~Decoder() = default;
Decoder::Decoder(Decoder&&) noexcept = default;
Decoder& Decoder::operator=(Decoder&&) noexcept = default;

absl::StatusOr<Document> Decoder::Decode(std::string_view data) { return state_->Decode(data); }

absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options) {
  // This thread's idle Decoder::State (idle_state.h): building and freeing the
  // stacks, memo and name tables was a quarter of a 120-byte pickle's decode.
  std::unique_ptr<Decoder::State> state = IdleState<Decoder::State>::Take();
  if (state == nullptr) {
    state = std::make_unique<Decoder::State>(options);
  } else {
    state->options = WithHookExtensions(options);
  }
  absl::StatusOr<Document> document = state->Decode(data);
  const size_t retained_bytes = state->unpickler.retained_bytes();
  IdleState<Decoder::State>::Keep(std::move(state), retained_bytes);
  return document;
}

absl::StatusOr<Document> DecodeSource(ByteSource& source, const DecodeOptions& options) {
  const DecodeOptions resolved = WithHookExtensions(options);
  Document document;
  StreamInput input(source, document.heap(), resolved.limits);
  Unpickler unpickler(resolved);
  unpickler.Reset(document.heap());
  absl::StatusOr<Value> root = unpickler.Run(input);
  return Finish(std::move(document), root, resolved);
}

absl::StatusOr<Document> DecodeStream(std::istream& stream, const DecodeOptions& options) {
  IstreamSource source(stream);
  return DecodeSource(source, options);
}

absl::StatusOr<Document> DecodeFile(int fd, const DecodeOptions& options) {
  FdSource source(fd);
  return DecodeSource(source, options);
}

}  // namespace brine
