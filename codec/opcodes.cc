// The opcode table and the argument descriptors (see opcodes.h): every opcode
// of protocols 0 to 5 in the order CPython's pickletools lists them, with the
// stack_before/stack_after of its pickletools entry, plus a byte -> entry
// lookup.
#include "brine/codec/opcodes.h"

#include <array>

namespace brine {
namespace {

using Layout = ArgLayout;
using Encoding = ArgEncoding;

constexpr ArgumentDescriptor kArguments[] = {
    {ArgKind::kNone, "None", {Layout::kFixed, 0, false}, Encoding::kNone},
    {ArgKind::kUint1, "uint1", {Layout::kFixed, 1, false}, Encoding::kInteger},
    {ArgKind::kUint2, "uint2", {Layout::kFixed, 2, false}, Encoding::kInteger},
    {ArgKind::kUint4, "uint4", {Layout::kFixed, 4, false}, Encoding::kInteger},
    {ArgKind::kUint8, "uint8", {Layout::kFixed, 8, false}, Encoding::kUnsigned64},
    {ArgKind::kInt4, "int4", {Layout::kFixed, 4, true}, Encoding::kInteger},
    {ArgKind::kDecimalNlShort, "decimalnl_short", {Layout::kLines, 1, false}, Encoding::kDecimalOrBool},
    {ArgKind::kDecimalNlLong, "decimalnl_long", {Layout::kLines, 1, false}, Encoding::kDecimalLong},
    {ArgKind::kFloatNl, "floatnl", {Layout::kLines, 1, false}, Encoding::kDecimalFloat},
    {ArgKind::kFloat8, "float8", {Layout::kFixed, 8, false}, Encoding::kFloat64},
    {ArgKind::kStringNl, "stringnl", {Layout::kLines, 1, false}, Encoding::kQuotedBytesLiteral},
    {ArgKind::kStringNlNoEscape, "stringnl_noescape", {Layout::kLines, 1, false}, Encoding::kEscapedAscii},
    {ArgKind::kStringNlNoEscapePair, "stringnl_noescape_pair", {Layout::kLines, 2, false}, Encoding::kEscapedAscii},
    {ArgKind::kString1, "string1", {Layout::kLengthPrefixed, 1, false}, Encoding::kLatin1},
    {ArgKind::kString4, "string4", {Layout::kLengthPrefixed, 4, true}, Encoding::kLatin1},
    {ArgKind::kBytes1, "bytes1", {Layout::kLengthPrefixed, 1, false}, Encoding::kBytes},
    {ArgKind::kBytes4, "bytes4", {Layout::kLengthPrefixed, 4, false}, Encoding::kBytes},
    {ArgKind::kBytes8, "bytes8", {Layout::kLengthPrefixed, 8, false}, Encoding::kBytes},
    {ArgKind::kByteArray8, "bytearray8", {Layout::kLengthPrefixed, 8, false}, Encoding::kByteArray},
    {ArgKind::kUnicodeStringNl, "unicodestringnl", {Layout::kLines, 1, false}, Encoding::kRawUnicodeEscape},
    {ArgKind::kUnicodeString1, "unicodestring1", {Layout::kLengthPrefixed, 1, false}, Encoding::kUtf8},
    {ArgKind::kUnicodeString4, "unicodestring4", {Layout::kLengthPrefixed, 4, false}, Encoding::kUtf8},
    {ArgKind::kUnicodeString8, "unicodestring8", {Layout::kLengthPrefixed, 8, false}, Encoding::kUtf8},
    {ArgKind::kLong1, "long1", {Layout::kLengthPrefixed, 1, false}, Encoding::kTwosComplement},
    {ArgKind::kLong4, "long4", {Layout::kLengthPrefixed, 4, true}, Encoding::kTwosComplement},
};

constexpr bool EachArgumentAtItsKind() {
  for (size_t i = 0; i < std::size(kArguments); ++i) {
    if (static_cast<size_t>(kArguments[i].kind) != i) return false;
  }
  return true;
}
static_assert(EachArgumentAtItsKind(), "kArguments is indexed by ArgKind");

// Stack items (see kMarkItem), named by what they hold, bottom first.
constexpr std::string_view kStackSliceItem = "stackslice";
constexpr std::string_view kAny[] = {"any"};
constexpr std::string_view kAnyAny[] = {"any", "any"};
constexpr std::string_view kAnyAnyAny[] = {"any", "any", "any"};
constexpr std::string_view kMarkSlice[] = {kMarkItem, kStackSliceItem};
constexpr std::string_view kMarkAnySlice[] = {kMarkItem, "any", kStackSliceItem};
constexpr std::string_view kListAny[] = {"list", "any"};
constexpr std::string_view kListMarkSlice[] = {"list", kMarkItem, kStackSliceItem};
constexpr std::string_view kDictAnyAny[] = {"dict", "any", "any"};
constexpr std::string_view kDictMarkSlice[] = {"dict", kMarkItem, kStackSliceItem};
constexpr std::string_view kSetMarkSlice[] = {"set", kMarkItem, kStackSliceItem};
constexpr std::string_view kStrStr[] = {"str", "str"};
constexpr std::string_view kMark[] = {kMarkItem};
constexpr std::string_view kInt[] = {"int"};
constexpr std::string_view kIntOrBool[] = {"int_or_bool"};
constexpr std::string_view kBytesOrStr[] = {"bytes_or_str"};
constexpr std::string_view kBytes[] = {"bytes"};
constexpr std::string_view kByteArray[] = {"bytearray"};
constexpr std::string_view kBuffer[] = {"buffer"};
constexpr std::string_view kNone[] = {"None"};
constexpr std::string_view kBool[] = {"bool"};
constexpr std::string_view kStr[] = {"str"};
constexpr std::string_view kFloat[] = {"float"};
constexpr std::string_view kList[] = {"list"};
constexpr std::string_view kTuple[] = {"tuple"};
constexpr std::string_view kDict[] = {"dict"};
constexpr std::string_view kSet[] = {"set"};
constexpr std::string_view kFrozenSet[] = {"frozenset"};

// {op, name, arg, stack_before, stack_after, protocol, doc}
constexpr OpcodeInfo kOpcodes[] = {
    {Op::kInt, "INT", ArgKind::kDecimalNlShort, {}, kIntOrBool, 0, "Push an integer or bool."},
    {Op::kBinInt, "BININT", ArgKind::kInt4, {}, kInt, 1, "Push a four-byte signed integer."},
    {Op::kBinInt1, "BININT1", ArgKind::kUint1, {}, kInt, 1, "Push a one-byte unsigned integer."},
    {Op::kBinInt2, "BININT2", ArgKind::kUint2, {}, kInt, 1, "Push a two-byte unsigned integer."},
    {Op::kLong, "LONG", ArgKind::kDecimalNlLong, {}, kInt, 0, "Push a long integer."},
    {Op::kLong1, "LONG1", ArgKind::kLong1, {}, kInt, 2, "Long integer using one-byte length."},
    {Op::kLong4, "LONG4", ArgKind::kLong4, {}, kInt, 2, "Long integer using four-byte length."},
    {Op::kString, "STRING", ArgKind::kStringNl, {}, kBytesOrStr, 0, "Push a Python string object."},
    {Op::kBinString, "BINSTRING", ArgKind::kString4, {}, kBytesOrStr, 1, "Push a Python string object."},
    {Op::kShortBinString, "SHORT_BINSTRING", ArgKind::kString1, {}, kBytesOrStr, 1, "Push a Python string object."},
    {Op::kBinBytes, "BINBYTES", ArgKind::kBytes4, {}, kBytes, 3, "Push a Python bytes object."},
    {Op::kShortBinBytes, "SHORT_BINBYTES", ArgKind::kBytes1, {}, kBytes, 3, "Push a Python bytes object."},
    {Op::kBinBytes8, "BINBYTES8", ArgKind::kBytes8, {}, kBytes, 4, "Push a Python bytes object."},
    {Op::kByteArray8, "BYTEARRAY8", ArgKind::kByteArray8, {}, kByteArray, 5, "Push a Python bytearray object."},
    {Op::kNextBuffer, "NEXT_BUFFER", ArgKind::kNone, {}, kBuffer, 5, "Push an out-of-band buffer object."},
    {Op::kReadOnlyBuffer, "READONLY_BUFFER", ArgKind::kNone, kBuffer, kBuffer, 5,
      "Make an out-of-band buffer object read-only."},
    {Op::kNone, "NONE", ArgKind::kNone, {}, kNone, 0, "Push None on the stack."},
    {Op::kNewTrue, "NEWTRUE", ArgKind::kNone, {}, kBool, 2, "Push True onto the stack."},
    {Op::kNewFalse, "NEWFALSE", ArgKind::kNone, {}, kBool, 2, "Push False onto the stack."},
    {Op::kUnicode, "UNICODE", ArgKind::kUnicodeStringNl, {}, kStr, 0, "Push a Python Unicode string object."},
    {Op::kShortBinUnicode, "SHORT_BINUNICODE", ArgKind::kUnicodeString1, {}, kStr, 4,
      "Push a Python Unicode string object."},
    {Op::kBinUnicode, "BINUNICODE", ArgKind::kUnicodeString4, {}, kStr, 1, "Push a Python Unicode string object."},
    {Op::kBinUnicode8, "BINUNICODE8", ArgKind::kUnicodeString8, {}, kStr, 4, "Push a Python Unicode string object."},
    {Op::kFloat, "FLOAT", ArgKind::kFloatNl, {}, kFloat, 0, "Newline-terminated decimal float literal."},
    {Op::kBinFloat, "BINFLOAT", ArgKind::kFloat8, {}, kFloat, 1, "Float stored in binary form, with 8 bytes of data."},
    {Op::kEmptyList, "EMPTY_LIST", ArgKind::kNone, {}, kList, 1, "Push an empty list."},
    {Op::kAppend, "APPEND", ArgKind::kNone, kListAny, kList, 0, "Append an object to a list."},
    {Op::kAppends, "APPENDS", ArgKind::kNone, kListMarkSlice, kList, 1, "Extend a list by a slice of stack objects."},
    {Op::kList, "LIST", ArgKind::kNone, kMarkSlice, kList, 0,
      "Build a list out of the topmost stack slice, after markobject."},
    {Op::kEmptyTuple, "EMPTY_TUPLE", ArgKind::kNone, {}, kTuple, 1, "Push an empty tuple."},
    {Op::kTuple, "TUPLE", ArgKind::kNone, kMarkSlice, kTuple, 0,
      "Build a tuple out of the topmost stack slice, after markobject."},
    {Op::kTuple1, "TUPLE1", ArgKind::kNone, kAny, kTuple, 2, "Build a one-tuple out of the topmost item on the stack."},
    {Op::kTuple2, "TUPLE2", ArgKind::kNone, kAnyAny, kTuple, 2,
      "Build a two-tuple out of the top two items on the stack."},
    {Op::kTuple3, "TUPLE3", ArgKind::kNone, kAnyAnyAny, kTuple, 2,
      "Build a three-tuple out of the top three items on the stack."},
    {Op::kEmptyDict, "EMPTY_DICT", ArgKind::kNone, {}, kDict, 1, "Push an empty dict."},
    {Op::kDict, "DICT", ArgKind::kNone, kMarkSlice, kDict, 0,
      "Build a dict out of the topmost stack slice, after markobject."},
    {Op::kSetItem, "SETITEM", ArgKind::kNone, kDictAnyAny, kDict, 0, "Add a key+value pair to an existing dict."},
    {Op::kSetItems, "SETITEMS", ArgKind::kNone, kDictMarkSlice, kDict, 1,
      "Add an arbitrary number of key+value pairs to an existing dict."},
    {Op::kEmptySet, "EMPTY_SET", ArgKind::kNone, {}, kSet, 4, "Push an empty set."},
    {Op::kAddItems, "ADDITEMS", ArgKind::kNone, kSetMarkSlice, kSet, 4,
      "Add an arbitrary number of items to an existing set."},
    {Op::kFrozenSet, "FROZENSET", ArgKind::kNone, kMarkSlice, kFrozenSet, 4,
      "Build a frozenset out of the topmost slice, after markobject."},
    {Op::kPop, "POP", ArgKind::kNone, kAny, {}, 0, "Discard the top stack item, shrinking the stack by one item."},
    {Op::kDup, "DUP", ArgKind::kNone, kAny, kAnyAny, 0,
      "Push the top stack item onto the stack again, duplicating it."},
    {Op::kMark, "MARK", ArgKind::kNone, {}, kMark, 0, "Push markobject onto the stack."},
    {Op::kPopMark, "POP_MARK", ArgKind::kNone, kMarkSlice, {}, 1,
      "Pop all the stack objects at and above the topmost markobject."},
    {Op::kGet, "GET", ArgKind::kDecimalNlShort, {}, kAny, 0, "Read an object from the memo and push it on the stack."},
    {Op::kBinGet, "BINGET", ArgKind::kUint1, {}, kAny, 1, "Read an object from the memo and push it on the stack."},
    {Op::kLongBinGet, "LONG_BINGET", ArgKind::kUint4, {}, kAny, 1,
      "Read an object from the memo and push it on the stack."},
    {Op::kPut, "PUT", ArgKind::kDecimalNlShort, {}, {}, 0,
      "Store the stack top into the memo.  The stack is not popped."},
    {Op::kBinPut, "BINPUT", ArgKind::kUint1, {}, {}, 1, "Store the stack top into the memo.  The stack is not popped."},
    {Op::kLongBinPut, "LONG_BINPUT", ArgKind::kUint4, {}, {}, 1,
      "Store the stack top into the memo.  The stack is not popped."},
    {Op::kMemoize, "MEMOIZE", ArgKind::kNone, kAny, kAny, 4,
      "Store the stack top into the memo.  The stack is not popped."},
    {Op::kExt1, "EXT1", ArgKind::kUint1, {}, kAny, 2, "Extension code."},
    {Op::kExt2, "EXT2", ArgKind::kUint2, {}, kAny, 2, "Extension code."},
    {Op::kExt4, "EXT4", ArgKind::kInt4, {}, kAny, 2, "Extension code."},
    {Op::kGlobal, "GLOBAL", ArgKind::kStringNlNoEscapePair, {}, kAny, 0,
      "Push a global object (module.attr) on the stack."},
    {Op::kStackGlobal, "STACK_GLOBAL", ArgKind::kNone, kStrStr, kAny, 4,
      "Push a global object (module.attr) on the stack."},
    {Op::kReduce, "REDUCE", ArgKind::kNone, kAnyAny, kAny, 0,
      "Push an object built from a callable and an argument tuple."},
    {Op::kBuild, "BUILD", ArgKind::kNone, kAnyAny, kAny, 0,
      "Finish building an object, via __setstate__ or dict update."},
    {Op::kInst, "INST", ArgKind::kStringNlNoEscapePair, kMarkSlice, kAny, 0, "Build a class instance."},
    {Op::kObj, "OBJ", ArgKind::kNone, kMarkAnySlice, kAny, 1, "Build a class instance."},
    {Op::kNewObj, "NEWOBJ", ArgKind::kNone, kAnyAny, kAny, 2, "Build an object instance."},
    {Op::kNewObjEx, "NEWOBJ_EX", ArgKind::kNone, kAnyAnyAny, kAny, 4, "Build an object instance."},
    {Op::kProto, "PROTO", ArgKind::kUint1, {}, {}, 2, "Protocol version indicator."},
    {Op::kStop, "STOP", ArgKind::kNone, kAny, {}, 0, "Stop the unpickling machine."},
    {Op::kFrame, "FRAME", ArgKind::kUint8, {}, {}, 4, "Indicate the beginning of a new frame."},
    {Op::kPersId, "PERSID", ArgKind::kStringNlNoEscape, {}, kAny, 0, "Push an object identified by a persistent ID."},
    {Op::kBinPersId, "BINPERSID", ArgKind::kNone, kAny, kAny, 1, "Push an object identified by a persistent ID."},
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

std::span<const ArgumentDescriptor> AllArguments() { return kArguments; }

const ArgumentDescriptor& ArgumentOf(ArgKind kind) { return kArguments[static_cast<size_t>(kind)]; }

}  // namespace brine
