// PUT/GET opcode choice for the pickler's memo.
#include "codec/memo_writer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "codec/opcodes.h"

namespace brine {
namespace {

// The opcode referring to memo slot `index`: the text form at protocol 0, the
// one-byte form below 256, the four-byte form otherwise.
absl::Status WriteMemoOpcode(OutputBuffer& out, bool binary, Op text_op, Op short_op, Op long_op,
                             uint64_t index) {
  std::string op;
  if (!binary) {
    op.push_back(static_cast<char>(text_op));
    absl::StrAppend(&op, index, "\n");
  } else if (index < 256) {
    op.push_back(static_cast<char>(short_op));
    op.push_back(static_cast<char>(index));
  } else if (index <= 0xffffffffu) {
    op.push_back(static_cast<char>(long_op));
    AppendUint32(op, static_cast<uint32_t>(index));
  } else {
    return absl::OutOfRangeError("memo id too large for LONG_BINPUT/LONG_BINGET");
  }
  out.Write(op);
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

absl::Status MemoWriter::Get(const void* key) {
  auto it = index_.find(key);
  if (it == index_.end()) return absl::InternalError("memo GET of an object never memoized");
  return WriteMemoOpcode(out_, protocol_ > 0, Op::kGet, Op::kBinGet, Op::kLongBinGet, it->second);
}

}  // namespace brine
