// Decoder, Decode, DecodeSource and friends (see decoder.h): the Unpickler
// (unpickler.h) over a buffer or a stream, then the hooks' pass.
#include "brine/codec/decoder.h"

#include <memory>
#include <utility>

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
  const DecodeOptions options;
  Unpickler unpickler;  // refers to `options`
};

Decoder::Decoder(const DecodeOptions& options) : state_(std::make_unique<State>(options)) {}
Decoder::~Decoder() = default;
Decoder::Decoder(Decoder&&) noexcept = default;
Decoder& Decoder::operator=(Decoder&&) noexcept = default;

absl::StatusOr<Document> Decoder::Decode(std::string_view data) {
  Document document;
  state_->unpickler.Reset(document.heap());
  absl::StatusOr<Value> root = state_->unpickler.RunBuffer(data, state_->options.borrow_input);
  return Finish(std::move(document), root, state_->options);
}

absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options) {
  return Decoder(options).Decode(data);
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
