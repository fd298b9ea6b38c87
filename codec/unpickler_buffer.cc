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

// Returns from RunBuffer with the error of `expr` (an absl::Status). Each
// case checks its own Load*'s status, so that the check of an inline Load*
// that cannot fail compiles to nothing.
#define BRINE_RETURN_IF_ERROR(expr)                       \
  if (absl::Status status = (expr); !status.ok()) [[unlikely]] \
  return status

absl::StatusOr<Value> Unpickler::RunBuffer(std::string_view data, bool borrow) {
  if (data.empty()) return absl::InvalidArgumentError("at offset 0: empty input, not a pickle");
  borrow_argument_ = borrow;
  auto stop_watching = WatchHeapGrowth();
  const char* const begin = data.data();
  const size_t size = data.size();
  size_t at = 0;
  for (;;) {
    const size_t left = size - at;  // bytes from the opcode byte on
    const char* p = begin + at;
    // No STOP before the end: ExecuteSlow words the error.
    if (left == 0) [[unlikely]] goto slow;
    {
      const Op op = static_cast<Op>(static_cast<uint8_t>(*p));
      Begin(op, at);
      // Argument bytes read inline. An opcode whose argument does not fit in
      // the bytes left, or that has no case, goes to ExecuteSlow.
      size_t width = 0;
      bool pushed_memoizable = false;  // a str or container, often put next
      switch (op) {
        case Op::kMark: BRINE_RETURN_IF_ERROR(LoadMark()); break;
        case Op::kStop:
          BRINE_RETURN_IF_ERROR(LoadStop());
          return stack_.back();
        case Op::kPop: BRINE_RETURN_IF_ERROR(LoadPop()); break;
        case Op::kNone: BRINE_RETURN_IF_ERROR(LoadNone()); break;
        case Op::kNewTrue: BRINE_RETURN_IF_ERROR(LoadBool(true)); break;
        case Op::kNewFalse: BRINE_RETURN_IF_ERROR(LoadBool(false)); break;
        case Op::kEmptyList:
          BRINE_RETURN_IF_ERROR(LoadEmptyList());
          pushed_memoizable = true;
          break;
        case Op::kEmptyDict:
          BRINE_RETURN_IF_ERROR(LoadEmptyDict());
          pushed_memoizable = true;
          break;
        case Op::kEmptySet:
          BRINE_RETURN_IF_ERROR(LoadEmptySet());
          pushed_memoizable = true;
          break;
        case Op::kEmptyTuple: BRINE_RETURN_IF_ERROR(LoadEmptyTuple()); break;
        case Op::kTuple1:
          BRINE_RETURN_IF_ERROR(LoadTupleN(1));
          pushed_memoizable = true;
          break;
        case Op::kTuple2:
          BRINE_RETURN_IF_ERROR(LoadTupleN(2));
          pushed_memoizable = true;
          break;
        case Op::kTuple3:
          BRINE_RETURN_IF_ERROR(LoadTupleN(3));
          pushed_memoizable = true;
          break;
        case Op::kTuple:
          BRINE_RETURN_IF_ERROR(LoadTuple());
          pushed_memoizable = true;
          break;
        case Op::kList:
          BRINE_RETURN_IF_ERROR(LoadList());
          pushed_memoizable = true;
          break;
        case Op::kDict:
          BRINE_RETURN_IF_ERROR(LoadDict());
          pushed_memoizable = true;
          break;
        case Op::kFrozenSet:
          BRINE_RETURN_IF_ERROR(LoadFrozenSet());
          pushed_memoizable = true;
          break;
        case Op::kAppend: BRINE_RETURN_IF_ERROR(LoadAppend()); break;
        case Op::kAppends: BRINE_RETURN_IF_ERROR(LoadAppends()); break;
        case Op::kSetItem: BRINE_RETURN_IF_ERROR(LoadSetItem()); break;
        case Op::kSetItems: BRINE_RETURN_IF_ERROR(LoadSetItems()); break;
        case Op::kAddItems: BRINE_RETURN_IF_ERROR(LoadAddItems()); break;
        case Op::kMemoize: BRINE_RETURN_IF_ERROR(LoadMemoize()); break;
        case Op::kStackGlobal:
          BRINE_RETURN_IF_ERROR(LoadStackGlobal());
          pushed_memoizable = true;
          break;
        case Op::kReduce:
          BRINE_RETURN_IF_ERROR(LoadReduce());
          pushed_memoizable = true;
          break;
        case Op::kBuild: BRINE_RETURN_IF_ERROR(LoadBuild()); break;
        case Op::kNewObj:
          BRINE_RETURN_IF_ERROR(LoadNewObj());
          pushed_memoizable = true;
          break;
        case Op::kNewObjEx:
          BRINE_RETURN_IF_ERROR(LoadNewObjEx());
          pushed_memoizable = true;
          break;
        case Op::kBinPersId: BRINE_RETURN_IF_ERROR(LoadBinPersId()); break;
        case Op::kProto:
          if (left < 2) goto slow;
          width = 1;
          BRINE_RETURN_IF_ERROR(LoadProto(static_cast<uint8_t>(p[1])));
          break;
        case Op::kFrame:
          // A frame longer than the bytes left goes to ExecuteSlow, which
          // words the error; otherwise FRAME has no effect on a whole buffer.
          if (left < 9 || LoadLittleEndian(p + 1, 8) > left - 9) goto slow;
          width = 8;
          break;
        case Op::kBinInt1:
          if (left < 2) goto slow;
          width = 1;
          BRINE_RETURN_IF_ERROR(LoadBinInt(static_cast<uint8_t>(p[1])));
          break;
        case Op::kBinInt2:
          if (left < 3) goto slow;
          width = 2;
          BRINE_RETURN_IF_ERROR(LoadBinInt(static_cast<int64_t>(LoadLittleEndian(p + 1, 2))));
          break;
        case Op::kBinInt:
          if (left < 5) goto slow;
          width = 4;
          BRINE_RETURN_IF_ERROR(LoadBinInt(static_cast<int32_t>(LoadLittleEndian(p + 1, 4))));
          break;
        case Op::kLong1: {
          if (left < 2) goto slow;
          const size_t length = static_cast<uint8_t>(p[1]);
          if (length > left - 2) goto slow;
          width = 1 + length;
          BRINE_RETURN_IF_ERROR(LoadLongBytes(std::string_view(p + 2, length)));
          break;
        }
        case Op::kBinFloat:
          if (left < 9) goto slow;
          width = 8;
          BRINE_RETURN_IF_ERROR(LoadBinFloat(ReadBigEndianDouble(p + 1)));
          break;
        case Op::kBinPut:
          if (left < 2) goto slow;
          width = 1;
          BRINE_RETURN_IF_ERROR(LoadPut(static_cast<uint8_t>(p[1])));
          break;
        case Op::kLongBinPut:
          if (left < 5) goto slow;
          width = 4;
          BRINE_RETURN_IF_ERROR(LoadPut(static_cast<int64_t>(LoadLittleEndian(p + 1, 4))));
          break;
        case Op::kBinGet:
          if (left < 2) goto slow;
          width = 1;
          BRINE_RETURN_IF_ERROR(LoadGet(static_cast<uint8_t>(p[1])));
          break;
        case Op::kLongBinGet:
          if (left < 5) goto slow;
          width = 4;
          BRINE_RETURN_IF_ERROR(LoadGet(static_cast<int64_t>(LoadLittleEndian(p + 1, 4))));
          break;
        case Op::kShortBinUnicode:
        case Op::kShortBinBytes: {
          if (left < 2) goto slow;
          const size_t length = static_cast<uint8_t>(p[1]);
          if (length > left - 2) goto slow;
          width = 1 + length;
          std::string_view text(p + 2, length);
          BRINE_RETURN_IF_ERROR(op == Op::kShortBinUnicode ? LoadBinUnicode(text) : LoadBinBytes(text));
          pushed_memoizable = true;
          break;
        }
        case Op::kBinUnicode:
        case Op::kBinBytes: {
          if (left < 5) goto slow;
          const uint64_t length = LoadLittleEndian(p + 1, 4);
          if (length > left - 5) goto slow;
          width = 4 + length;
          std::string_view text(p + 5, length);
          BRINE_RETURN_IF_ERROR(op == Op::kBinUnicode ? LoadBinUnicode(text) : LoadBinBytes(text));
          pushed_memoizable = true;
          break;
        }
        default:
          goto slow;
      }
      at += 1 + width;
      if (pushed_memoizable) BRINE_RETURN_IF_ERROR(PutIfNext(data, at));
      BRINE_RETURN_IF_ERROR(CheckGrowth());
      continue;
    }
  slow:
    absl::StatusOr<size_t> next = ExecuteSlow(data, at);
    if (!next.ok()) return next.status();
    if (stopped_) return stack_.back();
    at = *next;
    BRINE_RETURN_IF_ERROR(CheckGrowth());
  }
}

#undef BRINE_RETURN_IF_ERROR

}  // namespace brine
