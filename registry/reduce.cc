// Reduce tuples to encoder nodes (CPython's save_reduce rules and messages),
// and Reduce/Instance nodes to the Reconstruction a reconstructor reads.
#include "brine/registry/reduce.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace brine {
namespace {

bool IsGlobal(Value value, std::string_view module, std::string_view qualname) {
  return value.kind() == Kind::kGlobal && value.as<Global>()->module == module &&
         value.as<Global>()->qualname == qualname;
}

std::string TypeName(Value value) { return std::string(KindName(value.kind())); }

template <typename Node>
void CopyItemsAndState(Heap& heap, ReduceTuple& tuple, Node* node) {
  node->list_items = ArenaVector<Value>(tuple.list_items.begin(), tuple.list_items.end(),
                                        heap.resource());
  node->dict_items = ArenaVector<std::pair<Value, Value>>(
      tuple.dict_items.begin(), tuple.dict_items.end(), heap.resource());
  node->has_state = tuple.state.has_value();
  if (tuple.state) node->state = *tuple.state;
}

absl::StatusOr<Value> NewObjNode(Heap& heap, ReduceTuple& tuple, std::span<Value> args) {
  if (args.empty()) return absl::InvalidArgumentError("__newobj__ arglist is empty");
  if (args[0].kind() != Kind::kGlobal) {
    return absl::InvalidArgumentError("args[0] from __newobj__ args is not a type");
  }
  Instance* instance = heap.NewInstance();
  instance->cls = args[0];
  instance->args = heap.NewTuple(args.subspan(1));
  CopyItemsAndState(heap, tuple, instance);
  return Value::FromObject(instance);
}

absl::StatusOr<Value> NewObjExNode(Heap& heap, ReduceTuple& tuple, std::span<Value> args) {
  if (args.size() != 3) {
    return absl::InvalidArgumentError(absl::StrCat(
        "length of the NEWOBJ_EX argument tuple must be exactly 3, not ", args.size()));
  }
  if (args[0].kind() != Kind::kGlobal) {
    return absl::InvalidArgumentError("args[0] from __newobj_ex__ args is not a type");
  }
  if (args[1].kind() != Kind::kTuple) {
    return absl::InvalidArgumentError(absl::StrCat(
        "second item from NEWOBJ_EX argument tuple must be a tuple, not ", TypeName(args[1])));
  }
  if (args[2].kind() != Kind::kDict) {
    return absl::InvalidArgumentError(absl::StrCat(
        "third item from NEWOBJ_EX argument tuple must be a dict, not ", TypeName(args[2])));
  }
  Instance* instance = heap.NewInstance();
  instance->cls = args[0];
  instance->args = args[1];
  instance->kwargs = args[2];
  CopyItemsAndState(heap, tuple, instance);
  return Value::FromObject(instance);
}

}  // namespace

ReduceTuple ReduceTuple::NewObj(Heap& heap, std::string_view module, std::string_view qualname,
                                std::span<const Value> args, std::optional<Value> state) {
  std::vector<Value> newobj_args = {heap.NewGlobal(module, qualname)};
  newobj_args.insert(newobj_args.end(), args.begin(), args.end());
  ReduceTuple tuple;
  tuple.callable = heap.NewGlobal("copyreg", "__newobj__");
  tuple.args = heap.NewTuple(newobj_args);
  tuple.state = state;
  return tuple;
}

ReduceTuple ReduceTuple::Call(Heap& heap, std::string_view module, std::string_view qualname,
                              std::span<const Value> args, std::optional<Value> state) {
  ReduceTuple tuple;
  tuple.callable = heap.NewGlobal(module, qualname);
  tuple.args = heap.NewTuple(args);
  tuple.state = state;
  return tuple;
}

absl::StatusOr<Value> ReducedToNode(Heap& heap, Reduced reduced) {
  if (Substitute* substitute = std::get_if<Substitute>(&reduced)) return substitute->value;
  ReduceTuple& tuple = std::get<ReduceTuple>(reduced);
  if (tuple.args.is_none()) tuple.args = heap.NewTuple({});
  if (tuple.args.kind() != Kind::kTuple) {
    return absl::InvalidArgumentError(
        "second item of the tuple returned by __reduce__ must be a tuple");
  }
  std::span<Value> args = tuple.args.as<Tuple>()->items;
  if (IsGlobal(tuple.callable, "copyreg", "__newobj__") && !tuple.state_setter) {
    return NewObjNode(heap, tuple, args);
  }
  if (IsGlobal(tuple.callable, "copyreg", "__newobj_ex__") && !tuple.state_setter) {
    return NewObjExNode(heap, tuple, args);
  }
  Reduce* reduce = heap.NewReduce();
  reduce->callable = tuple.callable;
  reduce->args = tuple.args;
  if (tuple.state_setter) reduce->state_setter = *tuple.state_setter;
  CopyItemsAndState(heap, tuple, reduce);
  return Value::FromObject(reduce);
}

Reconstruction Reconstruction::Of(Heap& heap, Value source) {
  Reconstruction r;
  r.source = source;
  r.args = heap.NewTuple({});
  auto fill = [&r](Value named, Value args, const auto& node) {
    if (named.kind() != Kind::kGlobal) return;
    r.module = named.as<Global>()->module;
    r.qualname = named.as<Global>()->qualname;
    if (args.kind() == Kind::kTuple) r.args = args;
    r.has_state = node.has_state;
    r.state = node.state;
    r.list_items = node.list_items;
    r.dict_items = node.dict_items;
  };
  if (source.kind() == Kind::kReduce) {
    const Reduce& reduce = *source.as<Reduce>();
    fill(reduce.callable, reduce.args, reduce);
  } else if (source.kind() == Kind::kInstance) {
    const Instance& instance = *source.as<Instance>();
    fill(instance.cls, instance.args, instance);
    r.kwargs = instance.kwargs;
  }
  return r;
}

std::optional<Value> Reconstruction::StateField(std::string_view key) const {
  std::vector<Value> dicts;
  if (source.kind() == Kind::kDict) dicts.push_back(source);
  if (has_state && state.kind() == Kind::kDict) dicts.push_back(state);
  if (has_state && state.kind() == Kind::kTuple && state.as<Tuple>()->items.size() == 2) {
    for (Value part : state.as<Tuple>()->items) {
      if (part.kind() == Kind::kDict) dicts.push_back(part);
    }
  }
  for (Value dict : dicts) {
    for (const auto& [k, v] : dict.as<Dict>()->items) {
      if (k.kind() == Kind::kStr && k.as<Str>()->utf8 == key) return v;
    }
  }
  return std::nullopt;
}

}  // namespace brine
