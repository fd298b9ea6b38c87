// PUT/GET opcode choice for the pickler's memo.
#include "brine/codec/memo_writer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "brine/codec/opcodes.h"

namespace brine {
namespace {

// The opcode referring to memo slot `index`: the text form at protocol 0, the
// one-byte form below 256, the four-byte form otherwise.
absl::Status WriteMemoOpcode(OutputBuffer& out, bool binary, Op text_op, Op short_op, Op long_op,
                             uint64_t index) {
  if (!binary) {
    out.Write(absl::StrCat(std::string(1, static_cast<char>(text_op)), index, "\n"));
  } else if (index < 256) {
    const char op[2] = {static_cast<char>(short_op), static_cast<char>(index)};
    out.Write(std::string_view(op, 2));
  } else if (index <= 0xffffffffu) {
    const char op[5] = {static_cast<char>(long_op), static_cast<char>(index & 0xff),
                        static_cast<char>((index >> 8) & 0xff), static_cast<char>((index >> 16) & 0xff),
                        static_cast<char>((index >> 24) & 0xff)};
    out.Write(std::string_view(op, 5));
  } else {
    return absl::OutOfRangeError("memo id too large for LONG_BINPUT/LONG_BINGET");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MemoWriter::Put(const void* key) {
  const uint64_t index = index_.size();
  index_.emplace(key, index);
  if (protocol_ >= 4) {
    out_.WriteByte(static_cast<uint8_t>(Op::kMemoize));
    return absl::OkStatus();
  }
  return WriteMemoOpcode(out_, protocol_ > 0, Op::kPut, Op::kBinPut, Op::kLongBinPut, index);
}

absl::Status MemoWriter::Get(uint64_t index) {
  return WriteMemoOpcode(out_, protocol_ > 0, Op::kGet, Op::kBinGet, Op::kLongBinGet, index);
}

}  // namespace brine
