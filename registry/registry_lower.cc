// Registry::Lower, the encode-side pass, in two steps:
//  * Lowering walks the graph depth first in pickling order (explicit stack)
//    and asks, in CPython's order, the persistent-id hook at each reference,
//    then, at the first reference it declines, the reducer override, the
//    per-encoder then global dispatch table, then the built-in reducers
//    (registered C++ types, bound methods). One Apply* member per step, as
//    the Pickler has one Save* per case.
//  * LoweredGraph numbers every object the walk met and records what
//    replaced it, then rebuilds the graph copy-on-write: reduce results are
//    Reduce/Instance nodes in the caller's scratch heap, and the objects that
//    hold them, directly or not, are copied there too, so the input graph is
//    never touched.
#include <cstdint>
#include <span>
#include <utility>
#include <variant>
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

// What a step put in an object's place. `fresh` marks nodes built by Lower
// itself, which it may patch in place.
struct LoweredNode {
  Value value;
  bool fresh;
};
// A step's answer: a replacement, nullopt to ask the next step, or an error.
using MaybeLowered = absl::StatusOr<std::optional<LoweredNode>>;

// Whether a step's answer ends the search (a replacement or an error).
bool Decided(const MaybeLowered& lowered) { return !lowered.ok() || lowered->has_value(); }

// A reduce result: a new Reduce/Instance node (fresh), or a substitute.
MaybeLowered FromReduced(Heap& heap, absl::StatusOr<Reduced> reduced) {
  if (!reduced.ok()) return reduced.status();
  const bool fresh = std::holds_alternative<ReduceTuple>(*reduced);
  absl::StatusOr<Value> node = ReducedToNode(heap, *std::move(reduced));
  if (!node.ok()) return node.status();
  return LoweredNode{*node, fresh && node->is_object()};
}

// builtins.getattr(self, name): a bound method as CPython 3 writes it. The
// name is the function's __name__, an interned str, so a name met again is a
// memo reference.
Value GetattrCall(Heap& heap, const BoundMethod& method) {
  Reduce* reduce = heap.NewReduce();
  reduce->callable = heap.NewGlobal("builtins", "getattr");
  Value args[2] = {method.self, heap.InternStr(method.name)};
  reduce->args = heap.NewTuple(args);
  return Value::FromObject(reduce);
}

// Each node's parents (the kept nodes holding it) as flat arrays: node n's
// are parents_[first_[n]] up to parents_[first_[n + 1]].
class ParentIndex {
 public:
  // `edges` are (child, parent) pairs of node numbers below `node_count`.
  ParentIndex(size_t node_count, const std::vector<std::pair<uint32_t, uint32_t>>& edges)
      : first_(node_count + 1, 0), parents_(edges.size()) {
    for (const auto& [child, parent] : edges) ++first_[child + 1];
    for (size_t n = 0; n < node_count; ++n) first_[n + 1] += first_[n];
    std::vector<uint32_t> fill(first_.begin(), first_.end() - 1);
    for (const auto& [child, parent] : edges) parents_[fill[child]++] = parent;
  }
  std::span<const uint32_t> Of(uint32_t child) const {
    return std::span<const uint32_t>(parents_).subspan(first_[child],
                                                       first_[child + 1] - first_[child]);
  }

 private:
  std::vector<uint32_t> first_, parents_;
};

// Every heap object Lower meets (inputs, reduce results, persistent ids),
// numbered in the order met, with what became of it; once the walk is done,
// Rebuild puts every replacement in place without touching the input graph.
class LoweredGraph {
 public:
  // The number of `object`, numbering it if it is new.
  uint32_t Index(Object* object) {
    auto [it, inserted] = index_of_.try_emplace(object, static_cast<uint32_t>(nodes_.size()));
    if (inserted) nodes_.push_back({object});
    return it->second;
  }
  Object* object(uint32_t n) const { return nodes_[n].object; }
  // True the first time it is asked about node n.
  bool FirstVisit(uint32_t n) { return !std::exchange(nodes_[n].visited, true); }
  // `object` was built by Lower: Rebuild patches it in place.
  void MarkFresh(Object* object) { nodes_[Index(object)].fresh = true; }
  // A PersistentId node Lower built, whose pid is not offered to the hooks.
  bool IsGeneratedPid(uint32_t n) const {
    return nodes_[n].fresh && nodes_[n].object->kind == Kind::kPersistentId;
  }
  void Replace(uint32_t n, Value replacement) {
    nodes_[n].replaced = true;
    nodes_[n].replacement = replacement;
  }
  // Node n stays (it was visited and not replaced); its slots are edges.
  void Keep(uint32_t n) { kept_.push_back(n); }
  // Slot `slot` of kept node `holder` (a scalar item, or an object met
  // again) is written as `pid`. Slots of one holder come in increasing order.
  void AddSlotPid(uint32_t holder, size_t slot, Value pid) {
    slot_pids_[holder].emplace_back(slot, pid);
  }
  // `root` with every replacement in place: the nodes holding, directly or
  // not, a replaced node or a scalar pid are copied into `heap` (or patched,
  // if fresh). `root` itself when nothing was replaced.
  absl::StatusOr<Value> Rebuild(Heap& heap, Value root);

 private:
  struct Node {
    Object* object;
    bool visited = false;
    bool replaced = false;
    bool fresh = false;  // built by Lower: patched in place, never copied
    bool dirty = false;  // holds, directly or not, something replaced
    Value replacement;
    Object* copy = nullptr;
  };
  // How many replacements may replace each other before Lower gives up.
  static constexpr int kMaxReplacementChain = 64;

  bool Unchanged() const { return kept_.size() == nodes_.size() && slot_pids_.empty(); }
  std::vector<std::pair<uint32_t, uint32_t>> Edges() const;
  void MarkDirtyHolders();
  void MarkDirty(uint32_t n, std::vector<uint32_t>& work);
  void CopyDirty(Heap& heap);
  void PatchCopy(uint32_t n);
  Value FinalValue(Value value);

  std::vector<Node> nodes_;
  absl::flat_hash_map<Object*, uint32_t> index_of_;
  std::vector<uint32_t> kept_;
  // Persistent ids for single slots: holder -> (slot, PersistentId node).
  absl::flat_hash_map<uint32_t, std::vector<std::pair<size_t, Value>>> slot_pids_;
  absl::Status chain_error_;  // set by FinalValue
};

absl::StatusOr<Value> LoweredGraph::Rebuild(Heap& heap, Value root) {
  if (Unchanged()) return root;
  MarkDirtyHolders();
  CopyDirty(heap);
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].copy != nullptr) PatchCopy(n);
  }
  Value lowered_root = FinalValue(root);
  if (!chain_error_.ok()) return chain_error_;
  return lowered_root;
}

// (child, parent) for every object slot of every kept node.
std::vector<std::pair<uint32_t, uint32_t>> LoweredGraph::Edges() const {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (uint32_t parent : kept_) {
    VisitChildren(nodes_[parent].object, [&](Value child) {
      if (child.is_object()) edges.emplace_back(index_of_.at(child.object()), parent);
    });
  }
  return edges;
}

// Marks dirty the holders of scalar pids and every kept node that reaches a
// replaced node or such a holder through kept nodes.
void LoweredGraph::MarkDirtyHolders() {
  std::vector<uint32_t> work;
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].replaced) work.push_back(n);
  }
  for (const auto& [holder, pids] : slot_pids_) MarkDirty(holder, work);
  const ParentIndex parents(nodes_.size(), Edges());
  while (!work.empty()) {
    const uint32_t n = work.back();
    work.pop_back();
    for (uint32_t parent : parents.Of(n)) MarkDirty(parent, work);
  }
}

// Marks node n dirty and queues it to mark its parents, once.
void LoweredGraph::MarkDirty(uint32_t n, std::vector<uint32_t>& work) {
  if (nodes_[n].dirty) return;
  nodes_[n].dirty = true;
  work.push_back(n);
}

// Copy-on-write: a copy in `heap` of each dirty node (a fresh one is its own).
void LoweredGraph::CopyDirty(Heap& heap) {
  for (Node& node : nodes_) {
    if (node.dirty) node.copy = node.fresh ? node.object : ShallowCopy(heap, node.object);
  }
}

// Points each slot of node n's copy at its pid (a scalar item the hook
// replaced) or at its final value.
void LoweredGraph::PatchCopy(uint32_t n) {
  std::span<const std::pair<size_t, Value>> pids;
  if (auto found = slot_pids_.find(n); found != slot_pids_.end()) pids = found->second;
  size_t slot_index = 0;
  VisitChildSlots(nodes_[n].copy, [&](Value& slot) {
    if (!pids.empty() && pids.front().first == slot_index++) {
      slot = pids.front().second;
      pids = pids.subspan(1);
    } else {
      slot = FinalValue(slot);
    }
  });
}

// What `value` becomes: the copy of its node, else the end of its chain of
// replacements (or the copy of that end), else itself.
Value LoweredGraph::FinalValue(Value value) {
  for (int hops = 0; value.is_object(); ++hops) {
    const Node& node = nodes_[index_of_.at(value.object())];
    if (node.copy != nullptr) return Value::FromObject(node.copy);
    if (!node.replaced) break;
    if (hops == kMaxReplacementChain) {
      chain_error_ = absl::InvalidArgumentError("reducers keep replacing each other's results");
      break;
    }
    value = node.replacement;
  }
  return value;
}

}  // namespace

// One run of Lower: the walk over a work stack, and each step of CPython's
// save() that may replace an object, recorded in a LoweredGraph.
class Registry::Lowering {
 public:
  Lowering(const Registry& registry, Heap& heap, const DispatchTable* per_encoder, int protocol)
      : registry_(registry), heap_(heap), per_encoder_(per_encoder), protocol_(protocol) {}

  // The root's persistent id, if the hook gives it one.
  absl::StatusOr<std::optional<Value>> OfferRoot(Value root);
  // Visits everything reachable from `root`, depth first in pickling order,
  // so hooks are called in the order CPython calls them (which matters to
  // hooks that number what they see). `hooks` is false for a root that is
  // the root's persistent id.
  absl::Status Walk(Value root, bool hooks);
  absl::StatusOr<Value> Rebuild(Value root) { return graph_.Rebuild(heap_, root); }

 private:
  // A value waiting on the work stack.
  struct Pending {
    Value value;
    bool hooks;             // false for reduce results themselves and persistent ids' pids
    // The kept node holding this slot when the persistent-id hook is asked
    // about it here (a container's scalar item, or any object, as CPython
    // asks at each reference), else -1.
    int64_t asked_holder;
    size_t slot_index;      // and its slot there
  };

  absl::StatusOr<bool> AskAtReference(const Pending& next);
  absl::Status VisitObject(const Pending& next);
  void Replace(uint32_t n, const LoweredNode& result);
  void PushChildren(uint32_t n);
  absl::StatusOr<std::optional<Value>> SlotPid(Value value);
  absl::StatusOr<std::optional<Value>> AskPersistentId(Value obj);
  // The steps, in CPython's order.
  MaybeLowered ApplyHooks(Value obj);
  MaybeLowered ApplyReducerOverride(Value obj);
  MaybeLowered ApplyDispatchTables(Value obj);
  MaybeLowered ApplyBuiltInReducers(Value obj);
  MaybeLowered LowerNative(const Native& native);
  absl::StatusOr<Value> LowerBoundMethod(const BoundMethod& method);
  absl::StatusOr<Value> UnpickleMethodCall(const BoundMethod& method);
  Value RecipeClass(Value self);

  const Registry& registry_;
  Heap& heap_;
  const DispatchTable* per_encoder_;
  int protocol_;  // what the built-in sets' reducers write for
  LoweredGraph graph_;
  std::vector<Pending> stack_;
  std::vector<Pending> children_;  // PushChildren's buffer
};

absl::StatusOr<Value> Registry::Lower(Heap& heap, Value root, const DispatchTable* per_encoder,
                                      int protocol) const {
  Lowering lowering(*this, heap, per_encoder, protocol);
  absl::StatusOr<std::optional<Value>> root_pid = lowering.OfferRoot(root);
  if (!root_pid.ok()) return root_pid.status();
  const Value start = root_pid->value_or(root);
  absl::Status walked = lowering.Walk(start, !root_pid->has_value());
  if (!walked.ok()) return walked;
  return lowering.Rebuild(start);
}

absl::StatusOr<std::optional<Value>> Registry::Lowering::OfferRoot(Value root) {
  if (!registry_.persistent_id_) return std::nullopt;
  return SlotPid(root);
}

absl::Status Registry::Lowering::Walk(Value root, bool hooks) {
  stack_ = {{root, hooks, -1, 0}};
  while (!stack_.empty()) {
    const Pending next = stack_.back();
    stack_.pop_back();
    absl::Status visited = next.value.is_object() ? VisitObject(next) : AskAtReference(next).status();
    if (!visited.ok()) return visited;
  }
  return absl::OkStatus();
}

// A reference CPython offers to persistent_id (a scalar item of a container
// that offers its items, or any object but the root): its pid, if the hook
// gives one, takes its slot in the holder's copy. True when it did.
absl::StatusOr<bool> Registry::Lowering::AskAtReference(const Pending& next) {
  if (next.asked_holder < 0) return false;
  absl::StatusOr<std::optional<Value>> pid = SlotPid(next.value);
  if (!pid.ok()) return pid.status();
  if (!pid->has_value()) return false;
  graph_.AddSlotPid(static_cast<uint32_t>(next.asked_holder), next.slot_index, **pid);
  stack_.push_back({**pid, false, -1, 0});
  return true;
}

// A heap object: at each reference its persistent id, if the hook gives one
// there (CPython asks before its memo, so the object itself is saved, and
// lowered, at the first reference the hook declines); at that first declined
// reference, replaced by the first step that answers, or kept and its
// children queued.
absl::Status Registry::Lowering::VisitObject(const Pending& next) {
  const uint32_t n = graph_.Index(next.value.object());
  absl::StatusOr<bool> answered = AskAtReference(next);
  if (!answered.ok()) return answered.status();
  if (*answered || !graph_.FirstVisit(n)) return absl::OkStatus();
  if (next.hooks) {
    MaybeLowered lowered = ApplyHooks(next.value);
    if (!lowered.ok()) return lowered.status();
    if (lowered->has_value()) {
      Replace(n, **lowered);
      return absl::OkStatus();
    }
  }
  graph_.Keep(n);
  PushChildren(n);
  return absl::OkStatus();
}

// Node n becomes `result`, which is walked next without the hooks.
void Registry::Lowering::Replace(uint32_t n, const LoweredNode& result) {
  graph_.Replace(n, result.value);
  if (result.fresh) graph_.MarkFresh(result.value.object());
  stack_.push_back({result.value, false, -1, 0});
}

// Queues node n's slots so that they pop in pickling order; a generated
// pid's slots skip the hooks, and the scalar items of the containers CPython
// offers to persistent_id are marked to be asked.
void Registry::Lowering::PushChildren(uint32_t n) {
  Object* object = graph_.object(n);
  const bool is_generated_pid = graph_.IsGeneratedPid(n);
  const bool ask_about_scalars =
      registry_.persistent_id_ && !is_generated_pid && HasPickledScalarItems(object->kind);
  children_.clear();
  VisitChildren(object, [&](Value child) {
    const size_t slot_index = children_.size();
    const bool asked = child.is_object() ? registry_.persistent_id_ && !is_generated_pid : ask_about_scalars;
    children_.push_back({child, !is_generated_pid, asked ? int64_t{n} : -1, slot_index});
  });
  stack_.insert(stack_.end(), children_.rbegin(), children_.rend());
}

// The persistent-id hook's answer for one reference, as a fresh PersistentId
// node.
absl::StatusOr<std::optional<Value>> Registry::Lowering::SlotPid(Value value) {
  absl::StatusOr<std::optional<Value>> pid = AskPersistentId(value);
  if (pid.ok() && pid->has_value()) graph_.MarkFresh((*pid)->object());
  return pid;
}

// Pickler.persistent_id(obj) as a new PersistentId node, or nullopt.
absl::StatusOr<std::optional<Value>> Registry::Lowering::AskPersistentId(Value obj) {
  absl::StatusOr<std::optional<Value>> pid = registry_.persistent_id_(heap_, obj);
  if (!pid.ok() || !pid->has_value()) return pid;
  PersistentId* node = heap_.NewPersistentId();
  node->pid = **pid;
  return std::optional<Value>(Value::FromObject(node));
}

// save() in _pickle.c after persistent_id (asked at each reference, by
// VisitObject): for the kinds the pickler does not save itself,
// reducer_override and the dispatch tables; then brine's built-in reducers.
MaybeLowered Registry::Lowering::ApplyHooks(Value obj) {
  if (!SavedNatively(obj.kind())) {
    MaybeLowered lowered = ApplyReducerOverride(obj);
    if (Decided(lowered)) return lowered;
    lowered = ApplyDispatchTables(obj);
    if (Decided(lowered)) return lowered;
  }
  return ApplyBuiltInReducers(obj);
}

// Pickler.reducer_override.
MaybeLowered Registry::Lowering::ApplyReducerOverride(Value obj) {
  if (!registry_.reducer_override_) return std::nullopt;
  absl::StatusOr<std::optional<Reduced>> reduced = registry_.reducer_override_(heap_, obj);
  if (!reduced.ok()) return reduced.status();
  if (!reduced->has_value()) return std::nullopt;
  return FromReduced(heap_, **std::move(reduced));
}

// The per-encoder dispatch table, then the global one. Classes and functions
// (Globals) are saved by name, never reduced.
MaybeLowered Registry::Lowering::ApplyDispatchTables(Value obj) {
  if (obj.kind() == Kind::kGlobal) return std::nullopt;
  const TypeKey key = TypeKey::Of(obj);
  const Reducer* reducer = per_encoder_ != nullptr ? per_encoder_->Find(key) : nullptr;
  if (reducer == nullptr) reducer = registry_.dispatch_table_.Find(key);
  if (reducer == nullptr) return std::nullopt;
  return FromReduced(heap_, (*reducer)(heap_, obj));
}

// Registered C++ types, the built-in sets' types and bound methods.
MaybeLowered Registry::Lowering::ApplyBuiltInReducers(Value obj) {
  if (obj.kind() == Kind::kNative) return LowerNative(*obj.as<Native>());
  if (obj.kind() != Kind::kBoundMethod) return std::nullopt;
  absl::StatusOr<Value> node = LowerBoundMethod(*obj.as<BoundMethod>());
  if (!node.ok()) return node.status();
  return LoweredNode{*node, true};
}

// A C++ object: its registered reducer's result, else its built-in set's,
// else the node it was decoded from (its origin).
MaybeLowered Registry::Lowering::LowerNative(const Native& native) {
  auto type = registry_.natives_.find(native.type_tag);
  if (type != registry_.natives_.end()) {
    return FromReduced(heap_, type->second.reduce(heap_, native.pointer));
  }
  if (const NativeReducer* reduce = registry_.FindSetReducer(native.type_tag)) {
    return FromReduced(heap_, (*reduce)(heap_, native.pointer, protocol_));
  }
  if (!native.origin.is_none()) return LoweredNode{native.origin, false};
  return absl::FailedPreconditionError(absl::StrCat("cannot pickle C++ object of type ",
                                                    std::string(native.type_name),
                                                    ": no reducer is registered for it"));
}

absl::StatusOr<Value> Registry::Lowering::LowerBoundMethod(const BoundMethod& method) {
  if (registry_.bound_method_form_ == BoundMethodForm::kGetattr) {
    return GetattrCall(heap_, method);
  }
  return UnpickleMethodCall(method);
}


// recipe_module._unpickle_method(func_name, self, cls), the Python 2 recipe.
absl::StatusOr<Value> Registry::Lowering::UnpickleMethodCall(const BoundMethod& method) {
  const std::string& recipe_module = registry_.recipe_module_;
  const Value cls = RecipeClass(method.self);
  if (cls.kind() != Kind::kGlobal || recipe_module.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot pickle bound method '", std::string(method.name),
        "' in the _unpickle_method form: ",
        recipe_module.empty() ? "set_bound_method_form was given no recipe module"
                              : "the class of its object is unknown"));
  }
  Reduce* reduce = heap_.NewReduce();
  reduce->callable = heap_.NewGlobal(recipe_module, "_unpickle_method");
  // The recipe passes func.__name__ (interned) unless it mangles a private
  // name, building a new str.
  const bool mangled = method.name.starts_with("_") && method.name.find("__", 1) != std::string_view::npos &&
                       !method.name.ends_with("__");
  Value args[3] = {mangled ? heap_.NewStr(method.name) : heap_.InternStr(method.name), method.self, cls};
  reduce->args = heap_.NewTuple(args);
  return Value::FromObject(reduce);
}

// The class of self, as the recipe's method.im_class: its registered class,
// else the class an Instance names or the callable a Reduce calls.
Value Registry::Lowering::RecipeClass(Value self) {
  if (const ClassDef* def = registry_.ClassOf(self); def != nullptr) {
    return heap_.NewGlobal(def->module(), def->qualname());
  }
  if (self.kind() == Kind::kInstance) return self.as<Instance>()->cls;
  if (self.kind() == Kind::kReduce) return self.as<Reduce>()->callable;
  return Value();
}

}  // namespace brine
