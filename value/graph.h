// The child slots of a heap object (the Values it holds), for whole-graph
// passes (the registry's Resolve and Lower, the fuzzers' checks). Callers
// walk graphs with explicit stacks; this only lists one object's slots.
#ifndef BRINE_VALUE_GRAPH_H_
#define BRINE_VALUE_GRAPH_H_

#include "brine/value/value.h"

namespace brine {

// Calls `visit(Value& slot)` for every Value `object` holds, in pickling
// order. When `visit` changes a dict key or set element, the container's hash
// index is dropped (it is rebuilt on the next insertion; lookups scan).
template <typename Visit>
void VisitChildSlots(Object* object, Visit&& visit) {
  auto visit_all = [&visit](auto& values) {
    for (Value& value : values) visit(value);
  };
  auto visit_pairs = [&visit](auto& pairs) -> bool {
    bool key_changed = false;
    for (auto& [key, value] : pairs) {
      Value before = key;
      visit(key);
      key_changed |= !(before == key);
      visit(value);
    }
    return key_changed;
  };
  switch (object->kind) {
    case Kind::kTuple:
      visit_all(static_cast<Tuple*>(object)->items);
      break;
    case Kind::kList:
      visit_all(static_cast<List*>(object)->items);
      break;
    case Kind::kDict: {
      Dict* dict = static_cast<Dict*>(object);
      if (visit_pairs(dict->items)) dict->index = nullptr;
      break;
    }
    case Kind::kSet:
    case Kind::kFrozenSet: {
      Set* set = static_cast<Set*>(object);
      bool changed = false;
      for (Value& element : set->items) {
        Value before = element;
        visit(element);
        changed |= !(before == element);
      }
      if (changed) set->index = nullptr;
      break;
    }
    case Kind::kInstance: {
      Instance* instance = static_cast<Instance*>(object);
      visit(instance->cls);
      visit(instance->args);
      visit(instance->kwargs);
      visit_all(instance->list_items);
      visit_pairs(instance->dict_items);
      visit(instance->state);
      break;
    }
    case Kind::kReduce: {
      Reduce* reduce = static_cast<Reduce*>(object);
      visit(reduce->callable);
      visit(reduce->args);
      visit_all(reduce->list_items);
      visit_pairs(reduce->dict_items);
      visit(reduce->state_setter);
      visit(reduce->state);
      break;
    }
    case Kind::kBoundMethod: {
      BoundMethod* method = static_cast<BoundMethod*>(object);
      visit(method->self);
      visit(method->function);
      break;
    }
    case Kind::kPersistentId:
      visit(static_cast<PersistentId*>(object)->pid);
      break;
    case Kind::kNative:
      visit(static_cast<Native*>(object)->origin);
      break;
    default:  // strings, bytes, ints, globals, buffers: no children
      break;
  }
}

// Calls `visit(Value child)` for every Value `object` holds, in pickling
// order, without changing anything.
template <typename Visit>
void VisitChildren(const Object* object, Visit&& visit) {
  VisitChildSlots(const_cast<Object*>(object), [&visit](Value& slot) { visit(Value(slot)); });
}

}  // namespace brine

#endif  // BRINE_VALUE_GRAPH_H_
