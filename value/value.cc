// Python type names of brine's kinds, and the data of fresh one-byte bytes.
#include "brine/value/value.h"

#include <array>

namespace brine {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNone: return "NoneType";
    case Kind::kBool: return "bool";
    case Kind::kInt: return "int";
    case Kind::kFloat: return "float";
    case Kind::kBigInt: return "int";
    case Kind::kComplex: return "complex";
    case Kind::kStr: return "str";
    case Kind::kBytes: return "bytes";
    case Kind::kByteArray: return "bytearray";
    case Kind::kTuple: return "tuple";
    case Kind::kList: return "list";
    case Kind::kDict: return "dict";
    case Kind::kSet: return "set";
    case Kind::kFrozenSet: return "frozenset";
    case Kind::kGlobal: return "global";
    case Kind::kInstance: return "instance";
    case Kind::kReduce: return "reduce";
    case Kind::kBoundMethod: return "method";
    case Kind::kPersistentId: return "persistent_id";
    case Kind::kBuffer: return "PickleBuffer";
    case Kind::kNative: return "native";
  }
  return "unknown";
}

namespace {

constexpr auto kFreshBytes = [] {
  std::array<char, 256> bytes{};
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i);
  return bytes;
}();

}  // namespace

std::string_view FreshByte(uint8_t byte) { return std::string_view(kFreshBytes.data() + byte, 1); }

bool IsFreshByte(std::string_view data) {
  return data.size() == 1 && data.data() >= kFreshBytes.data() && data.data() < kFreshBytes.data() + kFreshBytes.size();
}

}  // namespace brine
