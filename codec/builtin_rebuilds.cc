// Rebuilding the built-in types CPython pickles through REDUCE (see
// builtin_rebuilds.h).
#include "brine/codec/builtin_rebuilds.h"

#include <span>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/codec/text_codecs.h"
#include "brine/value/containers.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// Python 2 spellings (__builtin__, copy_reg) are mapped by the decoder before
// this point, below protocol 3 as CPython maps them, so only Python 3 names
// are recognised here.
bool IsBuiltinsModule(std::string_view module) { return module == "builtins"; }

bool IsGlobal(Value value, bool (*module_matches)(std::string_view), std::string_view qualname) {
  if (value.kind() != Kind::kGlobal) return false;
  const Global* global = value.as<Global>();
  return module_matches(global->module) && global->qualname == qualname;
}

bool IsCopyregModule(std::string_view module) { return module == "copyreg"; }
bool IsCodecsModule(std::string_view module) { return module == "_codecs"; }

std::optional<double> AsDouble(Value value) {
  if (value.kind() == Kind::kFloat) return value.as_float();
  if (value.kind() == Kind::kInt) return static_cast<double>(value.as_int());
  return std::nullopt;
}

// The elements of a list, tuple, set or frozenset, which set(), frozenset()
// and tuple() take as their iterable; nullopt for other kinds.
std::optional<std::span<const Value>> IterableItems(Value value) {
  switch (value.kind()) {
    case Kind::kList: return std::span<const Value>(value.as<List>()->items);
    case Kind::kTuple: return std::span<const Value>(value.as<Tuple>()->items);
    case Kind::kSet:
    case Kind::kFrozenSet: return std::span<const Value>(value.as<Set>()->items);
    default: return std::nullopt;
  }
}

absl::Status TooManyArguments(std::string_view type_name, size_t most, size_t given) {
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(type_name), " expected at most ", most, " argument",
                                                 most == 1 ? "" : "s", ", got ", given));
}

// set(iterable) / frozenset(iterable) / set() / frozenset().
absl::StatusOr<std::optional<Value>> RebuildSet(Heap& heap, std::span<const Value> args, bool frozen,
                                                KeyHashCache* hashes) {
  if (args.size() > 1) return TooManyArguments(frozen ? "frozenset" : "set", 1, args.size());
  std::optional<std::span<const Value>> elements;
  if (args.size() == 1 && !(elements = IterableItems(args[0]))) return std::nullopt;
  Value result = frozen ? heap.NewFrozenSet() : heap.NewSet();
  if (elements) {
    for (Value element : *elements) {
      absl::Status added = SetAdd(heap, result.as<Set>(), element, hashes);
      if (!added.ok()) return added;
    }
  }
  return result;
}

// The Latin-1 bytes of `text`, written straight into the heap, when
// `encoding` is a Latin-1 codec name and every character is below U+0100.
std::optional<std::string_view> Latin1Payload(Heap& heap, Value text, Value encoding) {
  if (text.kind() != Kind::kStr || encoding.kind() != Kind::kStr) return std::nullopt;
  if (!IsLatin1CodecName(encoding.as<Str>()->utf8)) return std::nullopt;
  const std::string_view utf8 = text.as<Str>()->utf8;
  const std::optional<size_t> size = Latin1Size(utf8);
  if (!size) return std::nullopt;
  char* payload = heap.AllocateChars(*size);
  if (!EncodeLatin1(utf8, std::span<char>(payload, *size))) return std::nullopt;
  return std::string_view(payload, *size);
}

std::optional<Value> RebuildByteArray(Heap& heap, std::span<const Value> args) {
  if (args.empty()) return heap.NewByteArray("");
  if (args.size() == 1 && args[0].kind() == Kind::kBytes) {
    // The bytes object's data lives in the heap or the borrowed input already.
    return heap.NewByteArray(args[0].as<Bytes>()->data, /*borrow=*/true);
  }
  if (args.size() == 2) {
    std::optional<std::string_view> payload = Latin1Payload(heap, args[0], args[1]);
    if (payload) return heap.NewByteArray(*payload, /*borrow=*/true);
  }
  return std::nullopt;
}

// _codecs.encode(text): UTF-8, the default encoding. A lone surrogate (kept
// in a Str as its three-byte form, ED A0..BF xx) fails, with CPython's
// UnicodeEncodeError text.
absl::StatusOr<std::optional<Value>> RebuildUtf8Encode(Heap& heap, Value text) {
  if (text.kind() != Kind::kStr) return std::nullopt;
  const std::string_view utf8 = text.as<Str>()->utf8;
  size_t position = 0;  // in code points
  for (size_t i = 0; i < utf8.size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>(utf8[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
    if (byte == 0xED && i + 2 < utf8.size() && static_cast<uint8_t>(utf8[i + 1]) >= 0xA0) {
      const unsigned surrogate = 0xD000u | ((static_cast<uint8_t>(utf8[i + 1]) & 0x3Fu) << 6) |
                                 (static_cast<uint8_t>(utf8[i + 2]) & 0x3Fu);
      return absl::InvalidArgumentError(absl::StrFormat(
          "'utf-8' codec can't encode character '\\u%04x' in position %d: surrogates not allowed", surrogate,
          position));
    }
    ++position;
  }
  return heap.NewBytes(utf8, /*borrow=*/true);
}

// cls.__new__(cls) for the built-in types whose __new__ ignores its
// arguments (list, dict, set, bytearray: their __init__ fills them, and
// NEWOBJ does not call __init__).
std::optional<Value> EmptyContainer(Heap& heap, std::string_view type_name) {
  if (type_name == "list") return heap.NewList();
  if (type_name == "dict") return heap.NewDict();
  if (type_name == "set") return heap.NewSet();
  if (type_name == "bytearray") return heap.NewByteArray("");
  return std::nullopt;
}

// cls.__new__(cls) of the immutable built-in types, which take no argument.
std::optional<Value> EmptyImmutable(Heap& heap, std::string_view type_name) {
  if (type_name == "tuple") return heap.NewTuple({});
  if (type_name == "frozenset") return heap.NewFrozenSet();
  if (type_name == "str") return heap.NewStr("");
  if (type_name == "bytes") return heap.NewBytes("");
  if (type_name == "int") return Value::Int(0);
  if (type_name == "bool") return Value::Bool(false);
  if (type_name == "float") return Value::Float(0.0);
  if (type_name == "complex") return heap.NewComplex(0.0, 0.0);
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::optional<Value>> RebuildBuiltinNew(Heap& heap, Value cls, Value args_tuple,
                                                       KeyHashCache* hashes) {
  if (cls.kind() != Kind::kGlobal || !IsBuiltinsModule(cls.as<Global>()->module)) return std::nullopt;
  const std::string_view type_name = cls.as<Global>()->qualname;
  std::span<const Value> args = args_tuple.as<Tuple>()->items;
  if (std::optional<Value> empty = EmptyContainer(heap, type_name)) return empty;
  if (args.empty()) return EmptyImmutable(heap, type_name);
  if (type_name == "frozenset") return RebuildSet(heap, args, /*frozen=*/true, hashes);
  if (type_name == "tuple") {
    if (args.size() > 1) return TooManyArguments("tuple", 1, args.size());
    std::optional<std::span<const Value>> items = IterableItems(args[0]);
    if (!items) return std::nullopt;
    return heap.NewTuple(*items);
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<Value>> RebuildBuiltin(Heap& heap, Value callable, Value args_tuple,
                                                    KeyHashCache* hashes) {
  if (callable.kind() != Kind::kGlobal) return std::nullopt;
  std::span<const Value> args = args_tuple.as<Tuple>()->items;
  if (args.empty() && IsBuiltinsModule(callable.as<Global>()->module)) {
    // A built-in type called with nothing is its empty value.
    const std::string_view type_name = callable.as<Global>()->qualname;
    if (std::optional<Value> empty = EmptyContainer(heap, type_name)) return empty;
    if (std::optional<Value> empty = EmptyImmutable(heap, type_name)) return empty;
  }
  if (IsGlobal(callable, IsBuiltinsModule, "set")) return RebuildSet(heap, args, /*frozen=*/false, hashes);
  if (IsGlobal(callable, IsBuiltinsModule, "frozenset")) return RebuildSet(heap, args, /*frozen=*/true, hashes);
  if (IsGlobal(callable, IsBuiltinsModule, "bytearray")) return RebuildByteArray(heap, args);
  if (IsGlobal(callable, IsBuiltinsModule, "bytes")) {
    if (args.empty()) return heap.NewBytes("");
    return std::nullopt;
  }
  if (IsGlobal(callable, IsCodecsModule, "encode")) {
    if (args.size() == 1) return RebuildUtf8Encode(heap, args[0]);
    if (args.size() != 2) return std::nullopt;
    std::optional<std::string_view> payload = Latin1Payload(heap, args[0], args[1]);
    if (!payload) return std::nullopt;
    // CPython's Latin-1 encoder allocates its result, never a one-byte
    // singleton (its UTF-8 encoder of ASCII text does not).
    if (payload->size() == 1) return heap.NewBytes(FreshByte(static_cast<uint8_t>((*payload)[0])), /*borrow=*/true);
    return heap.NewBytes(*payload, /*borrow=*/true);
  }
  if (IsGlobal(callable, IsBuiltinsModule, "complex")) {
    if (args.size() != 2) return std::nullopt;
    std::optional<double> real = AsDouble(args[0]);
    std::optional<double> imag = AsDouble(args[1]);
    if (!real || !imag) return std::nullopt;
    return heap.NewComplex(*real, *imag);
  }
  if (IsGlobal(callable, IsCopyregModule, "_reconstructor")) {
    if (args.size() != 3 || !IsGlobal(args[1], IsBuiltinsModule, "object") || !args[2].is_none()) {
      return std::nullopt;
    }
    Instance* instance = heap.NewInstance();
    instance->cls = args[0];
    instance->args = heap.NewTuple({});
    return Value::FromObject(instance);
  }
  // The forms brine's encoder (and a __reduce__ returning them) writes below
  // protocols 2 and 4 for instances with __new__ arguments; only the shapes
  // the encoder writes back identically are rebuilt.
  if (IsGlobal(callable, IsCopyregModule, "__newobj__")) {
    if (args.size() < 2) return std::nullopt;
    Instance* instance = heap.NewInstance();
    instance->cls = args[0];
    instance->args = heap.NewTuple(args.subspan(1));
    return Value::FromObject(instance);
  }
  if (IsGlobal(callable, IsCopyregModule, "__newobj_ex__")) {
    if (args.size() != 3 || args[1].kind() != Kind::kTuple || args[2].kind() != Kind::kDict ||
        args[2].as<Dict>()->items.empty()) {
      return std::nullopt;
    }
    Instance* instance = heap.NewInstance();
    instance->cls = args[0];
    instance->args = args[1];
    instance->kwargs = args[2];
    return Value::FromObject(instance);
  }
  return std::nullopt;
}

bool IsRebuiltBuiltinName(std::string_view module, std::string_view name) {
  if (IsBuiltinsModule(module)) {
    return name == "set" || name == "frozenset" || name == "bytearray" || name == "bytes" || name == "complex" ||
           name == "object";
  }
  return (IsCodecsModule(module) && name == "encode") ||
         (IsCopyregModule(module) && (name == "_reconstructor" || name == "__newobj__" || name == "__newobj_ex__"));
}

}  // namespace brine
