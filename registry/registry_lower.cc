// Registry::Lower, the encode-side pass. Walks the graph (explicit stack) and
// asks, for each heap object, in CPython's order: the persistent-id hook, the
// reducer override, the per-encoder then global dispatch table, then the
// built-in reducers (registered C++ types, bound methods). Reduce results
// become Reduce/Instance nodes in the caller's scratch heap; objects whose
// contents changed are copied there too, so the input graph is never touched.
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "brine/registry/registry.h"
#include "brine/value/graph.h"

namespace brine {
namespace {

// Kinds CPython's C pickler saves itself before consulting reducer_override
// or the dispatch tables.
bool SavedNatively(Kind kind) {
  switch (kind) {
    case Kind::kStr:
    case Kind::kBytes:
    case Kind::kByteArray:
    case Kind::kBigInt:
    case Kind::kDict:
    case Kind::kSet:
    case Kind::kFrozenSet:
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kBuffer:
      return true;
    default:
      return false;
  }
}

// Containers whose None/bool/int/float items CPython passes to
// persistent_id (other slots, such as an absent state, are not pickled).
bool HasPickledScalarItems(Kind kind) {
  switch (kind) {
    case Kind::kTuple:
    case Kind::kList:
    case Kind::kDict:
    case Kind::kSet:
    case Kind::kFrozenSet:
      return true;
    default:
      return false;
  }
}

// A shallow copy of `object` in `heap` (its slots still name the originals).
Object* ShallowCopy(Heap& heap, Object* object) {
  switch (object->kind) {
    case Kind::kTuple:
      return heap.NewTuple(static_cast<Tuple*>(object)->items).object();
    case Kind::kList: {
      List* copy = heap.NewList().as<List>();
      copy->items.assign(static_cast<List*>(object)->items.begin(),
                         static_cast<List*>(object)->items.end());
      return copy;
    }
    case Kind::kDict: {
      Dict* copy = heap.NewDict().as<Dict>();
      copy->items.assign(static_cast<Dict*>(object)->items.begin(),
                         static_cast<Dict*>(object)->items.end());
      return copy;
    }
    case Kind::kSet:
    case Kind::kFrozenSet: {
      Set* copy = (object->kind == Kind::kSet ? heap.NewSet() : heap.NewFrozenSet()).as<Set>();
      copy->items.assign(static_cast<Set*>(object)->items.begin(),
                         static_cast<Set*>(object)->items.end());
      return copy;
    }
    case Kind::kInstance: {
      Instance* copy = heap.NewInstance();
      *copy = *static_cast<Instance*>(object);
      return copy;
    }
    case Kind::kReduce: {
      Reduce* copy = heap.NewReduce();
      *copy = *static_cast<Reduce*>(object);
      return copy;
    }
    case Kind::kBoundMethod: {
      BoundMethod* copy = heap.NewBoundMethod();
      *copy = *static_cast<BoundMethod*>(object);
      return copy;
    }
    case Kind::kPersistentId: {
      PersistentId* copy = heap.NewPersistentId();
      *copy = *static_cast<PersistentId*>(object);
      return copy;
    }
    case Kind::kNative: {
      Native* copy = heap.NewNative();
      *copy = *static_cast<Native*>(object);
      return copy;
    }
    default:  // leaves have no slots, so they are never copied
      return object;
  }
}

}  // namespace

absl::StatusOr<Value> Registry::Lower(Heap& heap, Value root,
                                      const DispatchTable* per_encoder) const {
  // Every heap object met (inputs, reduce results, persistent ids), by index.
  struct Node {
    Object* object;
    bool visited = false;
    bool replaced = false;
    bool fresh = false;  // built by this pass: patched in place, never copied
    bool dirty = false;  // holds, directly or not, something replaced
    Value replacement;
    Object* copy = nullptr;
  };
  std::vector<Node> nodes;
  absl::flat_hash_map<Object*, uint32_t> index_of;
  auto index = [&](Object* object) -> uint32_t {
    auto [it, inserted] = index_of.try_emplace(object, static_cast<uint32_t>(nodes.size()));
    if (inserted) nodes.push_back({object});
    return it->second;
  };
  // Persistent ids for scalar items: container index -> (slot, PersistentId).
  absl::flat_hash_map<uint32_t, std::vector<std::pair<size_t, Value>>> scalar_pids;
  // The persistent-id hook's answer for a scalar, as a fresh PersistentId node.
  auto scalar_pid = [&](Value scalar) -> absl::StatusOr<std::optional<Value>> {
    absl::StatusOr<std::optional<Value>> pid = persistent_id_(heap, scalar);
    if (!pid.ok() || !pid->has_value()) return pid;
    PersistentId* node = heap.NewPersistentId();
    node->pid = **pid;
    nodes[index(node)].fresh = true;
    return std::optional<Value>(Value::FromObject(node));
  };
  if (!root.is_object() && persistent_id_) {
    absl::StatusOr<std::optional<Value>> pid = scalar_pid(root);
    if (!pid.ok()) return pid.status();
    if (pid->has_value()) root = **pid;
  }

  // Depth first in pickling order, so hooks are called in the order CPython
  // calls them (which matters to hooks that number what they see).
  struct Pending {
    Value value;
    bool hooks;  // false for reduce results themselves and persistent ids' pids
    int64_t scalar_parent;  // for a scalar item whose pid is asked: its container, else -1
    size_t slot_index;      // and its slot there
  };
  std::vector<Pending> stack = {{root, true, -1, 0}};
  std::vector<Pending> children;
  std::vector<uint32_t> kept;  // visited and not replaced
  while (!stack.empty()) {
    Pending next = stack.back();
    stack.pop_back();
    if (!next.value.is_object()) {
      if (next.scalar_parent < 0) continue;
      absl::StatusOr<std::optional<Value>> pid = scalar_pid(next.value);
      if (!pid.ok()) return pid.status();
      if (pid->has_value()) {
        scalar_pids[static_cast<uint32_t>(next.scalar_parent)].emplace_back(next.slot_index, **pid);
        stack.push_back({**pid, false, -1, 0});
      }
      continue;
    }
    const uint32_t i = index(next.value.object());
    if (nodes[i].visited) continue;
    nodes[i].visited = true;
    if (next.hooks) {
      absl::StatusOr<std::optional<LoweredNode>> lowered =
          LowerNode(heap, next.value, per_encoder);
      if (!lowered.ok()) return lowered.status();
      if (lowered->has_value()) {
        const LoweredNode result = **lowered;
        nodes[i].replaced = true;
        nodes[i].replacement = result.value;
        if (result.fresh) nodes[index(result.value.object())].fresh = true;
        stack.push_back({result.value, false, -1, 0});
        continue;
      }
    }
    kept.push_back(i);
    Object* object = nodes[i].object;
    const bool is_generated_pid = nodes[i].fresh && object->kind == Kind::kPersistentId;
    const bool ask_about_scalars =
        persistent_id_ && !is_generated_pid && HasPickledScalarItems(object->kind);
    children.clear();
    VisitChildSlots(object, [&](Value& slot) {
      const size_t slot_index = children.size();
      const bool asked = !slot.is_object() && ask_about_scalars;
      children.push_back({slot, !is_generated_pid, asked ? int64_t{i} : -1, slot_index});
    });
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  if (kept.size() == nodes.size() && scalar_pids.empty()) return root;  // nothing replaced

  // Parents of each node (kept objects only hold slots), as flat arrays.
  std::vector<std::pair<uint32_t, uint32_t>> edges;  // (child, parent)
  for (uint32_t parent : kept) {
    VisitChildSlots(nodes[parent].object, [&](Value& slot) {
      if (slot.is_object()) edges.emplace_back(index_of.at(slot.object()), parent);
    });
  }
  std::vector<uint32_t> first_parent(nodes.size() + 1, 0), parents(edges.size());
  for (const auto& [child, parent] : edges) ++first_parent[child + 1];
  for (size_t n = 0; n < nodes.size(); ++n) first_parent[n + 1] += first_parent[n];
  {
    std::vector<uint32_t> fill(first_parent.begin(), first_parent.end() - 1);
    for (const auto& [child, parent] : edges) parents[fill[child]++] = parent;
  }
  std::vector<uint32_t> work;
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].replaced) work.push_back(n);
  }
  for (const auto& [holder, pids] : scalar_pids) {
    if (!nodes[holder].dirty) {
      nodes[holder].dirty = true;
      work.push_back(holder);
    }
  }
  while (!work.empty()) {
    const uint32_t n = work.back();
    work.pop_back();
    for (uint32_t p = first_parent[n]; p < first_parent[n + 1]; ++p) {
      Node& parent = nodes[parents[p]];
      if (parent.dirty) continue;
      parent.dirty = true;
      work.push_back(parents[p]);
    }
  }

  for (Node& node : nodes) {
    if (node.dirty) node.copy = node.fresh ? node.object : ShallowCopy(heap, node.object);
  }
  absl::Status chain_error;
  auto final_value = [&](Value value) {
    for (int hops = 0; value.is_object(); ++hops) {
      const Node& node = nodes[index_of.at(value.object())];
      if (node.copy != nullptr) return Value::FromObject(node.copy);
      if (!node.replaced) break;
      if (hops == 64) {
        chain_error = absl::InvalidArgumentError("reducers keep replacing each other's results");
        break;
      }
      value = node.replacement;
    }
    return value;
  };
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].copy == nullptr) continue;
    auto pids = scalar_pids.find(n);
    size_t slot_index = 0, next_pid = 0;
    VisitChildSlots(nodes[n].copy, [&](Value& slot) {
      const size_t this_slot = slot_index++;
      if (pids != scalar_pids.end() && next_pid < pids->second.size() &&
          pids->second[next_pid].first == this_slot) {
        slot = pids->second[next_pid++].second;
      } else {
        slot = final_value(slot);
      }
    });
  }
  Value lowered_root = final_value(root);
  if (!chain_error.ok()) return chain_error;
  return lowered_root;
}

absl::StatusOr<std::optional<Registry::LoweredNode>> Registry::LowerNode(
    Heap& heap, Value obj, const DispatchTable* per_encoder) const {
  // A reduce result: a new Reduce/Instance node (fresh), or a substitute.
  auto from_reduced = [&heap](absl::StatusOr<Reduced> reduced)
      -> absl::StatusOr<std::optional<LoweredNode>> {
    if (!reduced.ok()) return reduced.status();
    const bool fresh = std::holds_alternative<ReduceTuple>(*reduced);
    absl::StatusOr<Value> node = ReducedToNode(heap, *std::move(reduced));
    if (!node.ok()) return node.status();
    return LoweredNode{*node, fresh && node->is_object()};
  };
  if (persistent_id_) {
    absl::StatusOr<std::optional<Value>> pid = persistent_id_(heap, obj);
    if (!pid.ok()) return pid.status();
    if (pid->has_value()) {
      PersistentId* node = heap.NewPersistentId();
      node->pid = **pid;
      return LoweredNode{Value::FromObject(node), true};
    }
  }
  if (!SavedNatively(obj.kind())) {
    if (reducer_override_) {
      absl::StatusOr<std::optional<Reduced>> reduced = reducer_override_(heap, obj);
      if (!reduced.ok()) return reduced.status();
      if (reduced->has_value()) return from_reduced(**std::move(reduced));
    }
    if (obj.kind() != Kind::kGlobal) {  // classes and functions are saved by name
      const TypeKey key = TypeKey::Of(obj);
      const Reducer* reducer = per_encoder != nullptr ? per_encoder->Find(key) : nullptr;
      if (reducer == nullptr) reducer = dispatch_table_.Find(key);
      if (reducer != nullptr) return from_reduced((*reducer)(heap, obj));
    }
  }
  if (obj.kind() == Kind::kNative) {
    const Native& native = *obj.as<Native>();
    auto type = natives_.find(native.type_tag);
    if (type != natives_.end()) return from_reduced(type->second.reduce(heap, native.pointer));
    if (!native.origin.is_none()) return LoweredNode{native.origin, false};
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot pickle C++ object of type ", std::string(native.type_name),
        ": no reducer is registered for it"));
  }
  if (obj.kind() == Kind::kBoundMethod) {
    absl::StatusOr<Value> node = LowerBoundMethod(heap, *obj.as<BoundMethod>());
    if (!node.ok()) return node.status();
    return LoweredNode{*node, true};
  }
  return std::nullopt;
}

absl::StatusOr<Value> Registry::LowerBoundMethod(Heap& heap, const BoundMethod& method) const {
  Reduce* reduce = heap.NewReduce();
  if (bound_method_form_ == BoundMethodForm::kGetattr) {
    reduce->callable = heap.NewGlobal("builtins", "getattr");
    Value args[2] = {method.self, heap.NewStr(method.name)};
    reduce->args = heap.NewTuple(args);
    return Value::FromObject(reduce);
  }
  Value cls;  // the class of self, as the recipe's method.im_class
  if (method.self.kind() == Kind::kInstance) cls = method.self.as<Instance>()->cls;
  if (method.self.kind() == Kind::kReduce) cls = method.self.as<Reduce>()->callable;
  if (const ClassDef* def = ClassOf(method.self); def != nullptr) {
    cls = heap.NewGlobal(def->module(), def->qualname());
  }
  if (cls.kind() != Kind::kGlobal || recipe_module_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot pickle bound method '", std::string(method.name),
        "' in the _unpickle_method form: ",
        recipe_module_.empty() ? "set_bound_method_form was given no recipe module"
                               : "the class of its object is unknown"));
  }
  reduce->callable = heap.NewGlobal(recipe_module_, "_unpickle_method");
  Value args[3] = {heap.NewStr(method.name), method.self, cls};
  reduce->args = heap.NewTuple(args);
  return Value::FromObject(reduce);
}

}  // namespace brine
