// The stack effect table (see stack_effects.h), transcribed from the
// stack_before/stack_after of every entry in pickletools.opcodes;
// stack_effects_test.cc checks it against CPython's table.
#include "brine/codec/stack_effects.h"

namespace brine {
namespace {

using Items = std::span<const std::string_view>;

constexpr std::string_view kAny[] = {"any"};
constexpr std::string_view kAnyAny[] = {"any", "any"};
constexpr std::string_view kAnyAnyAny[] = {"any", "any", "any"};
constexpr std::string_view kMarkSlice[] = {"mark", "stackslice"};
constexpr std::string_view kMarkAnySlice[] = {"mark", "any", "stackslice"};
constexpr std::string_view kListAny[] = {"list", "any"};
constexpr std::string_view kListMarkSlice[] = {"list", "mark", "stackslice"};
constexpr std::string_view kDictAnyAny[] = {"dict", "any", "any"};
constexpr std::string_view kDictMarkSlice[] = {"dict", "mark", "stackslice"};
constexpr std::string_view kSetMarkSlice[] = {"set", "mark", "stackslice"};
constexpr std::string_view kStrStr[] = {"str", "str"};
constexpr std::string_view kMark[] = {"mark"};
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

constexpr Items kEmpty{};

StackEffect Push(Items after) { return {kEmpty, after}; }

}  // namespace

StackEffect StackEffectOf(Op op) {
  switch (op) {
    case Op::kInt:
      return Push(kIntOrBool);
    case Op::kBinInt:
    case Op::kBinInt1:
    case Op::kBinInt2:
    case Op::kLong:
    case Op::kLong1:
    case Op::kLong4:
      return Push(kInt);
    case Op::kString:
    case Op::kBinString:
    case Op::kShortBinString:
      return Push(kBytesOrStr);
    case Op::kBinBytes:
    case Op::kShortBinBytes:
    case Op::kBinBytes8:
      return Push(kBytes);
    case Op::kByteArray8:
      return Push(kByteArray);
    case Op::kNextBuffer:
      return Push(kBuffer);
    case Op::kReadOnlyBuffer:
      return {kBuffer, kBuffer};
    case Op::kNone:
      return Push(kNone);
    case Op::kNewTrue:
    case Op::kNewFalse:
      return Push(kBool);
    case Op::kUnicode:
    case Op::kShortBinUnicode:
    case Op::kBinUnicode:
    case Op::kBinUnicode8:
      return Push(kStr);
    case Op::kFloat:
    case Op::kBinFloat:
      return Push(kFloat);
    case Op::kEmptyList:
      return Push(kList);
    case Op::kAppend:
      return {kListAny, kList};
    case Op::kAppends:
      return {kListMarkSlice, kList};
    case Op::kList:
      return {kMarkSlice, kList};
    case Op::kEmptyTuple:
      return Push(kTuple);
    case Op::kTuple:
      return {kMarkSlice, kTuple};
    case Op::kTuple1:
      return {kAny, kTuple};
    case Op::kTuple2:
      return {kAnyAny, kTuple};
    case Op::kTuple3:
      return {kAnyAnyAny, kTuple};
    case Op::kEmptyDict:
      return Push(kDict);
    case Op::kDict:
      return {kMarkSlice, kDict};
    case Op::kSetItem:
      return {kDictAnyAny, kDict};
    case Op::kSetItems:
      return {kDictMarkSlice, kDict};
    case Op::kEmptySet:
      return Push(kSet);
    case Op::kAddItems:
      return {kSetMarkSlice, kSet};
    case Op::kFrozenSet:
      return {kMarkSlice, kFrozenSet};
    case Op::kPop:
      return {kAny, kEmpty};
    case Op::kDup:
      return {kAny, kAnyAny};
    case Op::kMark:
      return Push(kMark);
    case Op::kPopMark:
      return {kMarkSlice, kEmpty};
    case Op::kGet:
    case Op::kBinGet:
    case Op::kLongBinGet:
      return Push(kAny);
    case Op::kPut:
    case Op::kBinPut:
    case Op::kLongBinPut:
      return {kEmpty, kEmpty};
    case Op::kMemoize:
      return {kAny, kAny};
    case Op::kExt1:
    case Op::kExt2:
    case Op::kExt4:
    case Op::kGlobal:
      return Push(kAny);
    case Op::kStackGlobal:
      return {kStrStr, kAny};
    case Op::kReduce:
    case Op::kBuild:
    case Op::kNewObj:
      return {kAnyAny, kAny};
    case Op::kInst:
      return {kMarkSlice, kAny};
    case Op::kObj:
      return {kMarkAnySlice, kAny};
    case Op::kNewObjEx:
      return {kAnyAnyAny, kAny};
    case Op::kProto:
    case Op::kFrame:
      return {kEmpty, kEmpty};
    case Op::kStop:
      return {kAny, kEmpty};
    case Op::kPersId:
      return Push(kAny);
    case Op::kBinPersId:
      return {kAny, kAny};
  }
  return {kEmpty, kEmpty};
}

}  // namespace brine
