// Rebuilding the built-in types CPython pickles through REDUCE (see
// builtin_rebuilds.h).
#include "brine/codec/builtin_rebuilds.h"

#include <span>
#include <string>
#include <string_view>

#include "brine/codec/text_codecs.h"
#include "brine/value/containers.h"

namespace brine {
namespace {

bool IsBuiltinsModule(std::string_view module) { return module == "builtins" || module == "__builtin__"; }

bool IsGlobal(Value value, bool (*module_matches)(std::string_view), std::string_view qualname) {
  if (value.kind() != Kind::kGlobal) return false;
  const Global* global = value.as<Global>();
  return module_matches(global->module) && global->qualname == qualname;
}

bool IsCopyregModule(std::string_view module) { return module == "copyreg" || module == "copy_reg"; }
bool IsCodecsModule(std::string_view module) { return module == "_codecs"; }

std::optional<double> AsDouble(Value value) {
  if (value.kind() == Kind::kFloat) return value.as_float();
  if (value.kind() == Kind::kInt) return static_cast<double>(value.as_int());
  return std::nullopt;
}

// set(list) / frozenset(list) / set() / frozenset().
absl::StatusOr<std::optional<Value>> RebuildSet(Heap& heap, std::span<const Value> args, bool frozen) {
  if (args.size() > 1 || (args.size() == 1 && args[0].kind() != Kind::kList)) return std::nullopt;
  Value result = frozen ? heap.NewFrozenSet() : heap.NewSet();
  if (args.size() == 1) {
    for (Value element : args[0].as<List>()->items) {
      absl::Status added = SetAdd(heap, result.as<Set>(), element);
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

}  // namespace

absl::StatusOr<std::optional<Value>> RebuildBuiltin(Heap& heap, Value callable, Value args_tuple) {
  if (callable.kind() != Kind::kGlobal) return std::nullopt;
  std::span<const Value> args = args_tuple.as<Tuple>()->items;
  if (IsGlobal(callable, IsBuiltinsModule, "set")) return RebuildSet(heap, args, /*frozen=*/false);
  if (IsGlobal(callable, IsBuiltinsModule, "frozenset")) return RebuildSet(heap, args, /*frozen=*/true);
  if (IsGlobal(callable, IsBuiltinsModule, "bytearray")) return RebuildByteArray(heap, args);
  if (IsGlobal(callable, IsBuiltinsModule, "bytes")) {
    if (args.empty()) return heap.NewBytes("");
    return std::nullopt;
  }
  if (IsGlobal(callable, IsCodecsModule, "encode")) {
    if (args.size() != 2) return std::nullopt;
    std::optional<std::string_view> payload = Latin1Payload(heap, args[0], args[1]);
    if (!payload) return std::nullopt;
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
