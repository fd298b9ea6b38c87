// The "collections" set's rebuild functions (see collections.h).
#include <span>

#include "brine/types/call_args.h"
#include "brine/types/collections.h"
#include "brine/value/containers.h"

namespace brine {
namespace {

// A new Dict of `pairs`; Python's TypeError when a key is unhashable, as
// the dict's own SETITEMS raises it.
absl::StatusOr<Value> DictOf(Heap& heap, std::span<const std::pair<Value, Value>> pairs) {
  Value dict = heap.NewDict();
  for (const auto& [key, value] : pairs) {
    if (absl::Status status = DictSetItem(heap, dict.as<Dict>(), key, value); !status.ok()) return status;
  }
  return dict;
}

// Whether `items` holds `node` itself (a container pickled inside itself),
// which the rebuilt value could not reach: such a node stays as decoded.
template <typename Items>
bool HoldsItself(const Items& items, Value node) {
  for (const auto& item : items) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(item)>, Value>) {
      if (item == node) return true;
    } else {
      if (item.first == node || item.second == node) return true;
    }
  }
  return false;
}

// A call with SETITEMS or APPENDS and nothing else after it.
bool NoStateNoKeywords(const Reconstruction& call) {
  if (call.has_state || call.args.kind() != Kind::kTuple) return false;
  if (call.kwargs.kind() == Kind::kDict && !call.kwargs.as<Dict>()->items.empty()) return false;
  return call.source.kind() != Kind::kReduce || call.source.as<Reduce>()->state_setter.is_none();
}

// Python 2's OrderedDict([[k, v], ...]): the pairs of the list, or nullopt.
std::optional<std::vector<std::pair<Value, Value>>> Python2Pairs(Value list) {
  if (list.kind() != Kind::kList) return std::nullopt;
  std::vector<std::pair<Value, Value>> pairs;
  for (Value item : list.as<List>()->items) {
    std::span<const Value> pair;
    if (item.kind() == Kind::kList) pair = item.as<List>()->items;
    if (item.kind() == Kind::kTuple) pair = item.as<Tuple>()->items;
    if (pair.size() != 2) return std::nullopt;
    pairs.emplace_back(pair[0], pair[1]);
  }
  return pairs;
}

RebuildResult RebuildOrderedDict(Heap& heap, const Reconstruction& call) {
  if (!NoStateNoKeywords(call) || !call.list_items.empty()) return std::nullopt;
  std::span<const Value> args = CallArgs(call);
  std::vector<std::pair<Value, Value>> pairs(call.dict_items.begin(), call.dict_items.end());
  if (args.size() == 1) {
    std::optional<std::vector<std::pair<Value, Value>>> listed = Python2Pairs(args[0]);
    if (!listed || !call.dict_items.empty()) return std::nullopt;
    pairs = *std::move(listed);
  } else if (!args.empty()) {
    return std::nullopt;
  }
  if (HoldsItself(pairs, call.source)) return std::nullopt;
  absl::StatusOr<Value> items = DictOf(heap, pairs);
  if (!items.ok()) return items.status();
  return MakeBuiltinNative(heap, OrderedDict{*items});
}

// Factories whose repr brine knows: classes of builtins and collections.
bool IsBuiltinFactory(Value factory) {
  if (factory.kind() != Kind::kGlobal) return false;
  const Global& name = *factory.as<Global>();
  static constexpr std::string_view kBuiltins[] = {
      "list", "dict", "set", "frozenset", "int", "float", "complex", "str",
      "bytes", "bytearray", "tuple", "bool", "object"};
  static constexpr std::string_view kCollections[] = {"OrderedDict", "defaultdict", "deque",
                                                      "Counter"};
  if (name.module == "builtins") {
    return std::find(std::begin(kBuiltins), std::end(kBuiltins), name.qualname) != std::end(kBuiltins);
  }
  return name.module == "collections" &&
         std::find(std::begin(kCollections), std::end(kCollections), name.qualname) !=
             std::end(kCollections);
}

RebuildResult RebuildDefaultDict(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!NoStateNoKeywords(call) || !call.list_items.empty() || args.size() > 1) return std::nullopt;
  Value factory = args.empty() ? Value() : args[0];
  if (!factory.is_none() && !IsBuiltinFactory(factory)) return std::nullopt;
  if (HoldsItself(call.dict_items, call.source)) return std::nullopt;
  absl::StatusOr<Value> items = DictOf(heap, call.dict_items);
  if (!items.ok()) return items.status();
  return MakeBuiltinNative(heap, DefaultDict{factory, *items});
}

RebuildResult RebuildDeque(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!NoStateNoKeywords(call) || !call.dict_items.empty()) return std::nullopt;
  Deque deque;
  if (args.size() == 2) {  // ((), maxlen)
    std::optional<int64_t> maxlen = SmallInt(args[1]);
    if (args[0].kind() != Kind::kTuple || !args[0].as<Tuple>()->items.empty() || !maxlen ||
        *maxlen < 0) {
      return std::nullopt;
    }
    deque.maxlen = maxlen;
  } else if (!args.empty()) {
    return std::nullopt;
  }
  if (HoldsItself(call.list_items, call.source)) return std::nullopt;
  deque.items = heap.NewList();
  deque.items.as<List>()->items.assign(call.list_items.begin(), call.list_items.end());
  return MakeBuiltinNative(heap, std::move(deque));
}

RebuildResult RebuildCounter(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || call.has_state) return std::nullopt;
  if (args.empty()) return MakeBuiltinNative(heap, Counter{heap.NewDict()});
  if (args.size() != 1 || args[0].kind() != Kind::kDict) return std::nullopt;
  return MakeBuiltinNative(heap, Counter{args[0]});
}

}  // namespace

ReconstructorSet CollectionsSet() {
  ReconstructorSet set{"collections",
                       "collections.OrderedDict, defaultdict (built-in factory), deque, Counter"};
  set.reconstructors = {
      {"collections", "OrderedDict", RebuildOrderedDict},
      {"collections", "defaultdict", RebuildDefaultDict},
      {"collections", "deque", RebuildDeque},
      {"collections", "Counter", RebuildCounter},
  };
  set.reducers = {ReducerFor<OrderedDict>(), ReducerFor<DefaultDict>(), ReducerFor<Deque>(),
                  ReducerFor<Counter>()};
  return set;
}

}  // namespace brine
