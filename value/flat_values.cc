// IsLeaf, FlatItems and HasCostlyText (see flat_values.h).
#include "brine/value/flat_values.h"

#include <algorithm>

namespace brine {

bool IsLeaf(Value value) {
  switch (value.kind()) {
    case Kind::kNone:
    case Kind::kBool:
    case Kind::kInt:
    case Kind::kBigInt:
    case Kind::kFloat:
    case Kind::kComplex:
    case Kind::kStr:
    case Kind::kBytes:
    case Kind::kByteArray:
    case Kind::kGlobal:
      return true;
    default:
      return false;
  }
}

namespace {

// The bytes of a str, bytes or bytearray; 0 for other values.
size_t TextBytes(Value value) {
  switch (value.kind()) {
    case Kind::kStr: return value.as<Str>()->utf8.size();
    case Kind::kBytes:
    case Kind::kByteArray: return value.as<Bytes>()->data.size();
    default: return 0;
  }
}

}  // namespace

bool HasCostlyText(Value value) {
  switch (value.kind()) {
    case Kind::kBigInt: return true;
    case Kind::kStr:
    case Kind::kBytes:
    case Kind::kByteArray: return TextBytes(value) >= kMinLongLeafBytes;
    case Kind::kTuple:
    case Kind::kList: {
      std::span<const Value> items = FlatItems(value);
      return items.size() > kMostCheapFlatItems ||
             std::any_of(items.begin(), items.end(), [](Value item) { return TextBytes(item) >= kMinCheapFlatTextBytes; });
    }
    default: return false;
  }
}

std::span<const Value> FlatItems(Value value) {
  std::span<const Value> items;
  if (value.kind() == Kind::kTuple) {
    items = value.as<Tuple>()->items;
  } else if (value.kind() == Kind::kList) {
    items = value.as<List>()->items;
  } else {
    return {};
  }
  if (items.size() > kMostFlatItems || !std::all_of(items.begin(), items.end(), IsLeaf)) return {};
  return items;
}

}  // namespace brine
