// Python type names of brine's kinds.
#include "brine/value/value.h"

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

}  // namespace brine
