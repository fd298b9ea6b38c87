// RunBuffer, the Unpickler's fast path over one contiguous buffer (see
// unpickler.h): one switch on the opcode byte, the arguments of the common
// binary opcodes read inline, and everything else, including any argument
// that does not fit in the bytes left, handed to the opcode reader so that
// every error is worded by one reader.
#include <cstring>

#include "brine/codec/unpickler.h"
#include "brine/codec/unpickler_inline.h"

namespace brine {
namespace {

// BINFLOAT's argument: an IEEE double, big-endian.
inline double ReadBigEndianDouble(const char* p) {
  uint64_t bits = __builtin_bswap64(LoadLittleEndian(p, 8));
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

absl::StatusOr<size_t> Unpickler::ExecuteSlow(std::string_view data, size_t offset) {
  Instruction in;
  if (absl::Status read = ReadInstructionInto(data, offset, in); !read.ok()) return read;
  Begin(in.info->op, in.offset);
  if (in.info->op == Op::kFrame && in.arg.unsigned_integer > data.size() - in.end) {
    return Fail(absl::StrCat("frame length ", in.arg.unsigned_integer, " exceeds the ", data.size() - in.end,
                             " bytes left"));
  }
  if (absl::Status done = Execute(in); !done.ok()) return done;
  return in.end;
}

absl::StatusOr<Value> Unpickler::RunBuffer(std::string_view data, bool borrow) {
  if (data.empty()) return absl::InvalidArgumentError("at offset 0: empty input, not a pickle");
  borrow_argument_ = borrow;
  const char* const begin = data.data();
  const size_t size = data.size();
  size_t at = 0;
  for (;;) {
    const size_t left = size - at;  // bytes from the opcode byte on
    const char* p = begin + at;
    const Op op = left == 0 ? Op::kStop : static_cast<Op>(static_cast<uint8_t>(*p));
    Begin(op, at);
    absl::Status status;
    // `width`: argument bytes read inline; 0 with `slow` set sends the opcode
    // to ExecuteSlow.
    size_t width = 0;
    bool slow = left == 0;
    if (!slow) {
      switch (op) {
        case Op::kMark: status = LoadMark(); break;
        case Op::kStop:
          status = LoadStop();
          if (status.ok()) return stack_.back();
          break;
        case Op::kPop: status = LoadPop(); break;
        case Op::kNone: status = LoadNone(); break;
        case Op::kNewTrue: status = LoadBool(true); break;
        case Op::kNewFalse: status = LoadBool(false); break;
        case Op::kEmptyList: status = LoadEmptyList(); break;
        case Op::kEmptyDict: status = LoadEmptyDict(); break;
        case Op::kEmptySet: status = LoadEmptySet(); break;
        case Op::kEmptyTuple: status = LoadEmptyTuple(); break;
        case Op::kTuple1: status = LoadTupleN(1); break;
        case Op::kTuple2: status = LoadTupleN(2); break;
        case Op::kTuple3: status = LoadTupleN(3); break;
        case Op::kTuple: status = LoadTuple(); break;
        case Op::kList: status = LoadList(); break;
        case Op::kDict: status = LoadDict(); break;
        case Op::kFrozenSet: status = LoadFrozenSet(); break;
        case Op::kAppend: status = LoadAppend(); break;
        case Op::kAppends: status = LoadAppends(); break;
        case Op::kSetItem: status = LoadSetItem(); break;
        case Op::kSetItems: status = LoadSetItems(); break;
        case Op::kAddItems: status = LoadAddItems(); break;
        case Op::kMemoize: status = LoadMemoize(); break;
        case Op::kStackGlobal: status = LoadStackGlobal(); break;
        case Op::kReduce: status = LoadReduce(); break;
        case Op::kBuild: status = LoadBuild(); break;
        case Op::kNewObj: status = LoadNewObj(); break;
        case Op::kNewObjEx: status = LoadNewObjEx(); break;
        case Op::kBinPersId: status = LoadBinPersId(); break;
        case Op::kProto:
          if ((slow = left < 2)) break;
          width = 1;
          status = LoadProto(static_cast<uint8_t>(p[1]));
          break;
        case Op::kFrame:
          // A frame longer than the bytes left goes to ExecuteSlow, which
          // words the error; otherwise FRAME has no effect on a whole buffer.
          if ((slow = left < 9 || LoadLittleEndian(p + 1, 8) > left - 9)) break;
          width = 8;
          break;
        case Op::kBinInt1:
          if ((slow = left < 2)) break;
          width = 1;
          status = LoadBinInt(static_cast<uint8_t>(p[1]));
          break;
        case Op::kBinInt2:
          if ((slow = left < 3)) break;
          width = 2;
          status = LoadBinInt(static_cast<int64_t>(LoadLittleEndian(p + 1, 2)));
          break;
        case Op::kBinInt:
          if ((slow = left < 5)) break;
          width = 4;
          status = LoadBinInt(static_cast<int32_t>(LoadLittleEndian(p + 1, 4)));
          break;
        case Op::kLong1: {
          if ((slow = left < 2)) break;
          const size_t length = static_cast<uint8_t>(p[1]);
          if ((slow = length > left - 2)) break;
          width = 1 + length;
          status = LoadLongBytes(std::string_view(p + 2, length));
          break;
        }
        case Op::kBinFloat:
          if ((slow = left < 9)) break;
          width = 8;
          status = LoadBinFloat(ReadBigEndianDouble(p + 1));
          break;
        case Op::kBinPut:
          if ((slow = left < 2)) break;
          width = 1;
          status = LoadPut(static_cast<uint8_t>(p[1]));
          break;
        case Op::kLongBinPut:
          if ((slow = left < 5)) break;
          width = 4;
          status = LoadPut(static_cast<int64_t>(LoadLittleEndian(p + 1, 4)));
          break;
        case Op::kBinGet:
          if ((slow = left < 2)) break;
          width = 1;
          status = LoadGet(static_cast<uint8_t>(p[1]));
          break;
        case Op::kLongBinGet:
          if ((slow = left < 5)) break;
          width = 4;
          status = LoadGet(static_cast<int64_t>(LoadLittleEndian(p + 1, 4)));
          break;
        case Op::kShortBinUnicode:
        case Op::kShortBinBytes: {
          if ((slow = left < 2)) break;
          const size_t length = static_cast<uint8_t>(p[1]);
          if ((slow = length > left - 2)) break;
          width = 1 + length;
          std::string_view text(p + 2, length);
          status = op == Op::kShortBinUnicode ? LoadBinUnicode(text) : LoadBinBytes(text);
          break;
        }
        case Op::kBinUnicode:
        case Op::kBinBytes: {
          if ((slow = left < 5)) break;
          const uint64_t length = LoadLittleEndian(p + 1, 4);
          if ((slow = length > left - 5)) break;
          width = 4 + length;
          std::string_view text(p + 5, length);
          status = op == Op::kBinUnicode ? LoadBinUnicode(text) : LoadBinBytes(text);
          break;
        }
        default:
          slow = true;
          break;
      }
    }
    if (slow) {
      absl::StatusOr<size_t> next = ExecuteSlow(data, at);
      if (!next.ok()) return next.status();
      if (stopped_) return stack_.back();
      at = *next;
    } else {
      if (!status.ok()) return status;
      at += 1 + width;
    }
    if (absl::Status within = CheckGrowth(); !within.ok()) return within;
  }
}

}  // namespace brine
