// Registry::Resolve, the decode-side pass: visits the decoded graph bottom-up
// with an explicit stack, replaces nodes by what registered reconstructors
// and the persistent-load hook build (hashing again the sets and dicts whose
// keys they replaced), binds bound methods through the MRO, runs
// __setstate__, then checks the policy on the global names left.
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "brine/registry/registry.h"
#include "brine/value/containers.h"
#include "brine/value/graph.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

bool IsGlobalNamed(Value value, std::string_view module, std::string_view qualname) {
  return value.kind() == Kind::kGlobal && value.as<Global>()->module == module &&
         value.as<Global>()->qualname == qualname;
}

// What `reconstructor` builds from the Reduce or Instance `node`; a Native
// built without an origin gets `node` as its origin.
absl::StatusOr<std::optional<Value>> RunReconstructor(Heap& heap,
                                                      const Reconstructor& reconstructor,
                                                      Value node) {
  absl::StatusOr<Value> rebuilt = reconstructor(heap, Reconstruction::Of(heap, node));
  if (!rebuilt.ok()) return rebuilt.status();
  if (rebuilt->kind() == Kind::kNative && rebuilt->as<Native>()->origin.is_none()) {
    rebuilt->as<Native>()->origin = node;
  }
  return std::optional<Value>(*rebuilt);
}

// What a built-in set's `rebuild` makes of `node` (nullopt: left as it is);
// a Native gets `node` as its origin.
absl::StatusOr<std::optional<Value>> RunSetRebuild(Heap& heap, const SetRebuild& rebuild,
                                                   Value node) {
  RebuildResult rebuilt = rebuild(heap, Reconstruction::Of(heap, node));
  if (!rebuilt.ok() || !rebuilt->has_value()) return rebuilt;
  if ((*rebuilt)->kind() == Kind::kNative && (*rebuilt)->as<Native>()->origin.is_none()) {
    (*rebuilt)->as<Native>()->origin = node;
  }
  return rebuilt;
}

// Every heap object reachable from `root`, children before parents (a node
// reached again through a cycle is listed once, at its first completion).
std::vector<Object*> PostOrder(Value root) {
  std::vector<Object*> order;
  absl::flat_hash_set<Object*> seen;
  std::vector<std::pair<Object*, bool>> stack;  // (object, children pushed)
  auto push = [&](Value value) {
    if (value.is_object() && seen.insert(value.object()).second) {
      stack.emplace_back(value.object(), false);
    }
  };
  push(root);
  while (!stack.empty()) {
    Object* object = stack.back().first;
    if (stack.back().second) {
      order.push_back(object);
      stack.pop_back();
      continue;
    }
    stack.back().second = true;
    VisitChildSlots(object, [&](Value& slot) { push(slot); });
  }
  return order;
}

// Sets and dicts whose keys Resolve replaced. They were hashed as the decoded
// nodes (a Reduce, by identity) and must be hashed again as what replaced
// them: two equal dates merge, a slice is refused as CPython refuses it.
// Objects are noted before their slots are patched, children before parents.
class KeyRepair {
 public:
  explicit KeyRepair(const absl::flat_hash_map<Object*, Value>& replaced) : replaced_(replaced) {}

  // Whether `object` is a set or dict whose keys are about to change; notes
  // a tuple or frozenset that holds a changing key, at any depth.
  bool NeedsRepair(Object* object) {
    if (replaced_.empty()) return false;  // nothing replaced so far: no key changes
    switch (object->kind) {
      case Kind::kTuple:
        if (AnyChanges(static_cast<Tuple*>(object)->items)) changed_.insert(object);
        return false;
      case Kind::kFrozenSet:
        if (!AnyChanges(static_cast<Set*>(object)->items)) return false;
        changed_.insert(object);
        return true;
      case Kind::kSet:
        return AnyChanges(static_cast<Set*>(object)->items);
      case Kind::kDict:
        for (const auto& [key, value] : static_cast<Dict*>(object)->items) {
          if (Changes(key)) return true;
        }
        return false;
      default:
        return false;
    }
  }

  // Hashes the keys of a set or dict NeedsRepair named again, once patched.
  static absl::Status Repair(Heap& heap, Object* object) {
    if (object->kind == Kind::kDict) return RebuildKeys(heap, static_cast<Dict*>(object));
    return RebuildKeys(heap, static_cast<Set*>(object));
  }

 private:
  bool Changes(Value value) const {
    if (!value.is_object()) return false;
    if (IsReferenceKind(value.kind())) return replaced_.contains(value.object());
    return (value.kind() == Kind::kTuple || value.kind() == Kind::kFrozenSet) && changed_.contains(value.object());
  }
  template <typename Items>
  bool AnyChanges(const Items& items) const {
    for (Value item : items) {
      if (Changes(item)) return true;
    }
    return false;
  }

  const absl::flat_hash_map<Object*, Value>& replaced_;
  absl::flat_hash_set<const Object*> changed_;
};

// Patches `object`'s slots, then hashes its keys again where they changed.
template <typename Patch>
absl::Status PatchSlots(Heap& heap, Object* object, Patch& patch, KeyRepair& keys) {
  const bool repair = keys.NeedsRepair(object);
  VisitChildSlots(object, patch);
  return repair ? KeyRepair::Repair(heap, object) : absl::OkStatus();
}

}  // namespace

absl::Status Registry::Resolve(Document& document) const {
  absl::StatusOr<Value> root = Resolve(document.heap(), document.root());
  if (!root.ok()) return root.status();
  document.set_root(*root);
  return absl::OkStatus();
}

absl::StatusOr<Value> Registry::Resolve(Heap& heap, Value root) const {
  std::vector<Object*> order = PostOrder(root);
  absl::flat_hash_map<Object*, Value> replaced;
  std::vector<Object*> created;  // new nodes whose slots may need patching
  auto patch = [&replaced](Value& slot) {
    if (!slot.is_object()) return;
    auto it = replaced.find(slot.object());
    if (it != replaced.end()) slot = it->second;
  };
  KeyRepair keys(replaced);
  for (Object* object : order) {
    if (absl::Status patched = PatchSlots(heap, object, patch, keys); !patched.ok()) return patched;
    absl::StatusOr<std::optional<Value>> replacement = ResolveNode(heap, Value::FromObject(object));
    if (!replacement.ok()) return replacement.status();
    if (!replacement->has_value()) continue;
    replaced[object] = **replacement;
    // A Native's origin is the node it was rebuilt from: leave it pointing there.
    if ((*replacement)->is_object() && (*replacement)->kind() != Kind::kNative) {
      created.push_back((*replacement)->object());
    }
  }
  if (!replaced.empty()) {  // references that reached a node before it was replaced (cycles)
    KeyRepair late_keys(replaced);
    for (Object* object : order) {
      if (absl::Status patched = PatchSlots(heap, object, patch, late_keys); !patched.ok()) return patched;
    }
    for (Object* object : created) {
      if (absl::Status patched = PatchSlots(heap, object, patch, late_keys); !patched.ok()) return patched;
    }
    patch(root);
  }
  absl::Status policy = CheckPolicy(root);
  if (!policy.ok()) return policy;
  return root;
}

absl::StatusOr<std::optional<Value>> Registry::ResolveNode(Heap& heap, Value node) const {
  switch (node.kind()) {
    case Kind::kPersistentId: {
      if (!persistent_load_) return std::nullopt;
      absl::StatusOr<Value> loaded = persistent_load_(heap, node.as<PersistentId>()->pid);
      if (!loaded.ok()) return loaded.status();
      return std::optional<Value>(*loaded);
    }
    case Kind::kReduce:
      return ResolveReduce(heap, node);
    case Kind::kInstance: {
      const Instance& instance = *node.as<Instance>();
      if (instance.cls.kind() != Kind::kGlobal) return std::nullopt;
      auto reconstructor = reconstructors_.find(
          NameKey(instance.cls.as<Global>()->module, instance.cls.as<Global>()->qualname));
      if (reconstructor != reconstructors_.end()) {
        return RunReconstructor(heap, reconstructor->second, node);
      }
      if (const SetRebuild* rebuild = FindSetRebuild(instance.cls.as<Global>()->module,
                                                     instance.cls.as<Global>()->qualname)) {
        return RunSetRebuild(heap, *rebuild, node);
      }
      break;  // maybe a registered class with __setstate__, below
    }
    case Kind::kBoundMethod: {
      BoundMethod& method = *node.as<BoundMethod>();
      if (!method.function.is_none() || ClassOf(method.self) == nullptr) return std::nullopt;
      absl::StatusOr<Value> bound = BindMethod(heap, method.self, method.name);
      if (!bound.ok()) return bound.status();
      method.function = bound->as<BoundMethod>()->function;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
  // An instance of a registered class carrying state: its __setstate__, if any.
  const Instance& instance = *node.as<Instance>();
  const ClassDef* cls = ClassOf(node);
  const SetState* setstate = cls == nullptr ? nullptr : classes_.FindSetState(*cls);
  if (setstate != nullptr && instance.has_state) {
    absl::Status status = (*setstate)(heap, node, instance.state);
    if (!status.ok()) return status;
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<Value>> Registry::ResolveReduce(Heap& heap, Value node) const {
  const Reduce& reduce = *node.as<Reduce>();
  if (reduce.callable.kind() != Kind::kGlobal) return std::nullopt;
  const Global& callable = *reduce.callable.as<Global>();
  std::span<const Value> args;
  if (reduce.args.kind() == Kind::kTuple) args = reduce.args.as<Tuple>()->items;

  auto reconstructor = reconstructors_.find(NameKey(callable.module, callable.qualname));
  if (reconstructor != reconstructors_.end()) {
    return RunReconstructor(heap, reconstructor->second, node);
  }
  if (const SetRebuild* rebuild = FindSetRebuild(callable.module, callable.qualname)) {
    return RunSetRebuild(heap, *rebuild, node);
  }

  // builtins.getattr(self, 'name'): CPython 3's bound method.
  if (IsGlobalNamed(reduce.callable, "builtins", "getattr") && args.size() == 2 &&
      args[1].kind() == Kind::kStr && !reduce.has_state && ClassOf(args[0]) != nullptr) {
    absl::StatusOr<Value> bound = BindMethod(heap, args[0], args[1].as<Str>()->utf8);
    if (!bound.ok()) return bound.status();
    return std::optional<Value>(*bound);
  }

  // recipe_module._unpickle_method(func_name, obj, cls): the Python 2 recipe,
  // which looks func_name up along cls's MRO.
  if (callable.qualname == "_unpickle_method" &&
      unpickle_method_modules_.contains(ToAbsl(callable.module)) && args.size() == 3 &&
      args[0].kind() == Kind::kStr && args[2].kind() == Kind::kGlobal) {
    const ClassDef* cls = classes_.Find(args[2].as<Global>()->module, args[2].as<Global>()->qualname);
    if (cls == nullptr) return std::nullopt;
    std::string_view name = args[0].as<Str>()->utf8;
    absl::StatusOr<ClassRegistry::FoundMethod> found = classes_.FindMethod(*cls, name);
    if (!found.ok()) return found.status();
    return std::optional<Value>(MakeBoundMethod(heap, args[1], name, *found));
  }

  // An object built by calling a registered class, then BUILD: __setstate__.
  const ClassDef* cls = classes_.Find(callable.module, callable.qualname);
  const SetState* setstate = cls == nullptr ? nullptr : classes_.FindSetState(*cls);
  if (setstate != nullptr && reduce.has_state && reduce.state_setter.is_none()) {
    absl::Status status = (*setstate)(heap, node, reduce.state);
    if (!status.ok()) return status;
  }
  return std::nullopt;
}

absl::Status Registry::CheckPolicy(Value root) const {
  if (policy_.mode() == GlobalPolicy::Mode::kKeepOpaque) return absl::OkStatus();
  for (Object* object : PostOrder(root)) {
    if (object->kind != Kind::kGlobal) continue;
    const Global& name = *static_cast<Global*>(object);
    if (IsRegisteredName(name.module, name.qualname)) continue;
    absl::Status status = policy_.Check(name.module, name.qualname);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace brine
