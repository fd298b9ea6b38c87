// Decode, DecodeSource and friends (see decoder.h): the inputs the
// Unpickler (unpickler.h) runs over, and the hooks' pass after it.
#include "brine/codec/decoder.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "brine/codec/opcode_reader.h"
#include "brine/codec/stream_input.h"
#include "brine/codec/unpickler.h"

namespace brine {
namespace {

// The decoder's input when the pickle is one contiguous buffer: the
// instruction reader over the whole of it. StreamInput (stream_input.h) is
// the other input; Unpickler::Run takes either.
class BufferInput {
 public:
  BufferInput(std::string_view data, bool borrow) : data_(data), borrow_(borrow) {}

  absl::Status Start() const {
    if (data_.empty()) return absl::InvalidArgumentError("at offset 0: empty input, not a pickle");
    return absl::OkStatus();
  }
  absl::Status Next(Instruction& in) {
    absl::Status read = ReadInstructionInto(data_, position_, in);
    position_ = in.end;
    return read;
  }
  // Arguments point into the caller's buffer, which outlives the Document
  // when the caller said so.
  bool argument_outlives_document() const { return borrow_; }
  absl::StatusOr<std::optional<uint64_t>> BytesLeft(uint64_t) const {
    return std::optional<uint64_t>(data_.size() - position_);
  }
  void Finish() const {}

 private:
  std::string_view data_;
  bool borrow_;
  size_t position_ = 0;
};

// Runs an Unpickler over `input` into `document`, then the hooks' pass if any.
template <typename Input>
absl::StatusOr<Document> DecodeInto(Document document, Input& input, const DecodeOptions& options) {
  Unpickler unpickler(options, document.heap());
  absl::StatusOr<Value> root = unpickler.Run(input);
  if (!root.ok()) return root.status();
  document.set_root(*root);
  if (options.hooks != nullptr) {
    if (absl::Status resolved = options.hooks->AfterDecode(document); !resolved.ok()) return resolved;
  }
  return document;
}

// `options` with the hooks' extension codes when it has hooks and no
// extensions of its own.
bool NeedsHookExtensions(const DecodeOptions& options) {
  return options.hooks != nullptr && options.extensions == nullptr &&
         options.hooks->extension_codes() != nullptr;
}
DecodeOptions WithHookExtensions(const DecodeOptions& options) {
  DecodeOptions with_extensions = options;
  with_extensions.extensions = options.hooks->extension_codes();
  return with_extensions;
}

}  // namespace

absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options) {
  if (NeedsHookExtensions(options)) return Decode(data, WithHookExtensions(options));
  BufferInput input(data, options.borrow_input);
  return DecodeInto(Document(), input, options);
}

absl::StatusOr<Document> DecodeSource(ByteSource& source, const DecodeOptions& options) {
  if (NeedsHookExtensions(options)) return DecodeSource(source, WithHookExtensions(options));
  Document document;
  StreamInput input(source, document.heap(), options.limits);
  return DecodeInto(std::move(document), input, options);
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
