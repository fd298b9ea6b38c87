// The opcode table (see opcodes.h): every opcode of protocols 0 to 5 in the
// order CPython's pickletools lists them, plus a byte -> entry lookup.
#include "brine/codec/opcodes.h"

#include <array>

namespace brine {
namespace {

constexpr OpcodeInfo kOpcodes[] = {
    {Op::kInt, "INT", ArgKind::kDecimalNlShort, 0, "Push an integer or bool."},
    {Op::kBinInt, "BININT", ArgKind::kInt4, 1, "Push a four-byte signed integer."},
    {Op::kBinInt1, "BININT1", ArgKind::kUint1, 1, "Push a one-byte unsigned integer."},
    {Op::kBinInt2, "BININT2", ArgKind::kUint2, 1, "Push a two-byte unsigned integer."},
    {Op::kLong, "LONG", ArgKind::kDecimalNlLong, 0, "Push a long integer."},
    {Op::kLong1, "LONG1", ArgKind::kLong1, 2, "Long integer using one-byte length."},
    {Op::kLong4, "LONG4", ArgKind::kLong4, 2, "Long integer using four-byte length."},
    {Op::kString, "STRING", ArgKind::kStringNl, 0, "Push a Python string object."},
    {Op::kBinString, "BINSTRING", ArgKind::kString4, 1, "Push a Python string object."},
    {Op::kShortBinString, "SHORT_BINSTRING", ArgKind::kString1, 1, "Push a Python string object."},
    {Op::kBinBytes, "BINBYTES", ArgKind::kBytes4, 3, "Push a Python bytes object."},
    {Op::kShortBinBytes, "SHORT_BINBYTES", ArgKind::kBytes1, 3, "Push a Python bytes object."},
    {Op::kBinBytes8, "BINBYTES8", ArgKind::kBytes8, 4, "Push a Python bytes object."},
    {Op::kByteArray8, "BYTEARRAY8", ArgKind::kByteArray8, 5, "Push a Python bytearray object."},
    {Op::kNextBuffer, "NEXT_BUFFER", ArgKind::kNone, 5, "Push an out-of-band buffer object."},
    {Op::kReadOnlyBuffer, "READONLY_BUFFER", ArgKind::kNone, 5, "Make an out-of-band buffer object read-only."},
    {Op::kNone, "NONE", ArgKind::kNone, 0, "Push None on the stack."},
    {Op::kNewTrue, "NEWTRUE", ArgKind::kNone, 2, "Push True onto the stack."},
    {Op::kNewFalse, "NEWFALSE", ArgKind::kNone, 2, "Push False onto the stack."},
    {Op::kUnicode, "UNICODE", ArgKind::kUnicodeStringNl, 0, "Push a Python Unicode string object."},
    {Op::kShortBinUnicode, "SHORT_BINUNICODE", ArgKind::kUnicodeString1, 4, "Push a Python Unicode string object."},
    {Op::kBinUnicode, "BINUNICODE", ArgKind::kUnicodeString4, 1, "Push a Python Unicode string object."},
    {Op::kBinUnicode8, "BINUNICODE8", ArgKind::kUnicodeString8, 4, "Push a Python Unicode string object."},
    {Op::kFloat, "FLOAT", ArgKind::kFloatNl, 0, "Newline-terminated decimal float literal."},
    {Op::kBinFloat, "BINFLOAT", ArgKind::kFloat8, 1, "Float stored in binary form, with 8 bytes of data."},
    {Op::kEmptyList, "EMPTY_LIST", ArgKind::kNone, 1, "Push an empty list."},
    {Op::kAppend, "APPEND", ArgKind::kNone, 0, "Append an object to a list."},
    {Op::kAppends, "APPENDS", ArgKind::kNone, 1, "Extend a list by a slice of stack objects."},
    {Op::kList, "LIST", ArgKind::kNone, 0, "Build a list out of the topmost stack slice, after markobject."},
    {Op::kEmptyTuple, "EMPTY_TUPLE", ArgKind::kNone, 1, "Push an empty tuple."},
    {Op::kTuple, "TUPLE", ArgKind::kNone, 0, "Build a tuple out of the topmost stack slice, after markobject."},
    {Op::kTuple1, "TUPLE1", ArgKind::kNone, 2, "Build a one-tuple out of the topmost item on the stack."},
    {Op::kTuple2, "TUPLE2", ArgKind::kNone, 2, "Build a two-tuple out of the top two items on the stack."},
    {Op::kTuple3, "TUPLE3", ArgKind::kNone, 2, "Build a three-tuple out of the top three items on the stack."},
    {Op::kEmptyDict, "EMPTY_DICT", ArgKind::kNone, 1, "Push an empty dict."},
    {Op::kDict, "DICT", ArgKind::kNone, 0, "Build a dict out of the topmost stack slice, after markobject."},
    {Op::kSetItem, "SETITEM", ArgKind::kNone, 0, "Add a key+value pair to an existing dict."},
    {Op::kSetItems, "SETITEMS", ArgKind::kNone, 1, "Add an arbitrary number of key+value pairs to an existing dict."},
    {Op::kEmptySet, "EMPTY_SET", ArgKind::kNone, 4, "Push an empty set."},
    {Op::kAddItems, "ADDITEMS", ArgKind::kNone, 4, "Add an arbitrary number of items to an existing set."},
    {Op::kFrozenSet, "FROZENSET", ArgKind::kNone, 4, "Build a frozenset out of the topmost slice, after markobject."},
    {Op::kPop, "POP", ArgKind::kNone, 0, "Discard the top stack item, shrinking the stack by one item."},
    {Op::kDup, "DUP", ArgKind::kNone, 0, "Push the top stack item onto the stack again, duplicating it."},
    {Op::kMark, "MARK", ArgKind::kNone, 0, "Push markobject onto the stack."},
    {Op::kPopMark, "POP_MARK", ArgKind::kNone, 1, "Pop all the stack objects at and above the topmost markobject."},
    {Op::kGet, "GET", ArgKind::kDecimalNlShort, 0, "Read an object from the memo and push it on the stack."},
    {Op::kBinGet, "BINGET", ArgKind::kUint1, 1, "Read an object from the memo and push it on the stack."},
    {Op::kLongBinGet, "LONG_BINGET", ArgKind::kUint4, 1, "Read an object from the memo and push it on the stack."},
    {Op::kPut, "PUT", ArgKind::kDecimalNlShort, 0, "Store the stack top into the memo.  The stack is not popped."},
    {Op::kBinPut, "BINPUT", ArgKind::kUint1, 1, "Store the stack top into the memo.  The stack is not popped."},
    {Op::kLongBinPut, "LONG_BINPUT", ArgKind::kUint4, 1, "Store the stack top into the memo.  The stack is not popped."},
    {Op::kMemoize, "MEMOIZE", ArgKind::kNone, 4, "Store the stack top into the memo.  The stack is not popped."},
    {Op::kExt1, "EXT1", ArgKind::kUint1, 2, "Extension code."},
    {Op::kExt2, "EXT2", ArgKind::kUint2, 2, "Extension code."},
    {Op::kExt4, "EXT4", ArgKind::kInt4, 2, "Extension code."},
    {Op::kGlobal, "GLOBAL", ArgKind::kStringNlNoEscapePair, 0, "Push a global object (module.attr) on the stack."},
    {Op::kStackGlobal, "STACK_GLOBAL", ArgKind::kNone, 4, "Push a global object (module.attr) on the stack."},
    {Op::kReduce, "REDUCE", ArgKind::kNone, 0, "Push an object built from a callable and an argument tuple."},
    {Op::kBuild, "BUILD", ArgKind::kNone, 0, "Finish building an object, via __setstate__ or dict update."},
    {Op::kInst, "INST", ArgKind::kStringNlNoEscapePair, 0, "Build a class instance."},
    {Op::kObj, "OBJ", ArgKind::kNone, 1, "Build a class instance."},
    {Op::kNewObj, "NEWOBJ", ArgKind::kNone, 2, "Build an object instance."},
    {Op::kNewObjEx, "NEWOBJ_EX", ArgKind::kNone, 4, "Build an object instance."},
    {Op::kProto, "PROTO", ArgKind::kUint1, 2, "Protocol version indicator."},
    {Op::kStop, "STOP", ArgKind::kNone, 0, "Stop the unpickling machine."},
    {Op::kFrame, "FRAME", ArgKind::kUint8, 4, "Indicate the beginning of a new frame."},
    {Op::kPersId, "PERSID", ArgKind::kStringNlNoEscape, 0, "Push an object identified by a persistent ID."},
    {Op::kBinPersId, "BINPERSID", ArgKind::kNone, 1, "Push an object identified by a persistent ID."},
};

// Index into kOpcodes for each byte, or -1 when the byte is not an opcode.
constexpr std::array<int8_t, 256> BuildIndex() {
  std::array<int8_t, 256> index{};
  for (int8_t& slot : index) slot = -1;
  for (size_t i = 0; i < std::size(kOpcodes); ++i) {
    index[static_cast<uint8_t>(kOpcodes[i].op)] = static_cast<int8_t>(i);
  }
  return index;
}

constexpr std::array<int8_t, 256> kIndexByCode = BuildIndex();

static_assert(std::size(kOpcodes) == 68, "protocols 0 to 5 define 68 opcodes");

}  // namespace

std::span<const OpcodeInfo> AllOpcodes() { return kOpcodes; }

const OpcodeInfo* FindOpcode(uint8_t code) {
  int8_t i = kIndexByCode[code];
  return i < 0 ? nullptr : &kOpcodes[i];
}

}  // namespace brine
