// The Unpickler's opcodes for scalars: None, bools, ints, floats, str and
// bytes in every protocol's form, and protocol 5's out-of-band buffers (see
// unpickler.h).
#include "brine/codec/unpickler.h"
#include "brine/codec/unpickler_inline.h"
#include "brine/codec/unpickler_numbers.h"
#include "brine/value/bigint.h"
#include "brine/value/string_views.h"

namespace brine {

absl::Status Unpickler::LoadIntText(std::string_view text) {
  return PushInt(UnpicklerIntFromText(*heap_, text, limits_.max_int_digits));
}

absl::Status Unpickler::LoadLongText(std::string_view text) {
  return PushInt(UnpicklerLongFromText(*heap_, text, limits_.max_int_digits));
}

absl::Status Unpickler::LoadFloatText(std::string_view text) {
  absl::StatusOr<double> value = UnpicklerFloatFromText(text);
  if (!value.ok()) return FailWith(value.status());
  return PushFloat(*value);
}

absl::Status Unpickler::LoadString(std::string_view quoted_body, size_t line_length) {
  // The reader lets a lone quote character through, as pickletools does;
  // pickle.loads wants two.
  if (line_length < 2) return Fail("the STRING opcode argument must be quoted");
  absl::StatusOr<ConvertedText> unescaped = UnescapeBytesLiteral(quoted_body);
  if (!unescaped.ok()) return FailWith(unescaped.status());
  if (unescaped->same_as_input) return PushPythonStr(quoted_body);
  // The unescaped bytes are a temporary: decode them, then copy.
  absl::StatusOr<const StringDecoder*> decoder = GetStringDecoder();
  if (!decoder.ok()) return decoder.status();
  const std::string& bytes = unescaped->text;
  if (absl::Status room = CheckAllocation(bytes.size()); !room.ok()) return room;
  if ((*decoder)->keeps_bytes()) {
    stack_.push_back(heap_->NewBytes(bytes));
    return absl::OkStatus();
  }
  absl::StatusOr<ConvertedText> text = (*decoder)->Decode(bytes);
  if (!text.ok()) return FailWith(text.status());
  stack_.push_back(heap_->NewStr(text->same_as_input ? std::string_view(bytes) : text->text));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadBinString(std::string_view data) { return PushPythonStr(data); }

absl::Status Unpickler::LoadUnicode(std::string_view raw_escaped) {
  absl::StatusOr<ConvertedText> text = DecodeRawUnicodeEscape(raw_escaped);
  if (!text.ok()) return FailWith(text.status());
  return PushStr(raw_escaped, *text);
}

absl::Status Unpickler::LoadByteArray8(std::string_view data) { return PushBytesPayload(data, Kind::kByteArray); }

absl::Status Unpickler::LoadNextBuffer() {
  if (options_.buffers.empty() && !options_.buffer_placeholders) {
    return Fail("pickle stream refers to out-of-band data but no *buffers* argument was given");
  }
  Buffer* buffer = heap_->NewBuffer();
  buffer->index = next_buffer_++;
  if (!options_.buffers.empty()) {
    if (buffer->index >= options_.buffers.size()) {
      return Fail(absl::StrCat("not enough out-of-band buffers: buffer ", buffer->index, " requested, ",
                               options_.buffers.size(), " given"));
    }
    buffer->has_data = true;
    buffer->data = options_.buffers[buffer->index];
  }
  stack_.push_back(Value::FromObject(buffer));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadReadOnlyBuffer() {
  if (absl::Status top = Need(1); !top.ok()) return top;
  Value top = stack_.back();
  if (top.kind() == Kind::kBuffer) {
    top.as<Buffer>()->readonly = true;
  } else if (top.kind() != Kind::kBytes) {
    return Fail(absl::StrCat("expected a buffer on the stack, found ", ToAbsl(KindName(top.kind()))));
  }
  return absl::OkStatus();
}

absl::StatusOr<const StringDecoder*> Unpickler::GetStringDecoder() {
  if (!string_decoder_) {
    absl::StatusOr<StringDecoder> decoder = StringDecoder::Create(options_.encoding, options_.errors);
    if (!decoder.ok()) return FailWith(decoder.status());
    string_decoder_ = *decoder;
  }
  return &*string_decoder_;
}

absl::Status Unpickler::PushPythonStr(std::string_view data) {
  absl::StatusOr<const StringDecoder*> decoder = GetStringDecoder();
  if (!decoder.ok()) return decoder.status();
  if ((*decoder)->keeps_bytes()) return PushBytesPayload(data, Kind::kBytes);
  absl::StatusOr<ConvertedText> text = (*decoder)->Decode(data);
  if (!text.ok()) return FailWith(text.status());
  return PushStr(data, *text);
}

absl::Status Unpickler::PushInt(const absl::StatusOr<Value>& value) {
  if (!value.ok()) return FailWith(value.status());
  stack_.push_back(*value);
  return absl::OkStatus();
}

}  // namespace brine
