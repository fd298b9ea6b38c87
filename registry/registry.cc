// Registry: registrations, class lookup for values, method binding and calls.
#include "brine/registry/registry.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "brine/value/graph.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// "Base.process" -> ("Base", "process").
std::pair<std::string_view, std::string_view> SplitLast(std::string_view qualname) {
  size_t dot = qualname.rfind('.');
  if (dot == std::string_view::npos) return {"", qualname};
  return {qualname.substr(0, dot), qualname.substr(dot + 1)};
}

}  // namespace

absl::Status Registry::AddReconstructor(std::string_view module, std::string_view qualname,
                                        Reconstructor reconstructor) {
  auto [it, inserted] = reconstructors_.try_emplace(NameKey(module, qualname));
  if (!inserted) {
    return absl::AlreadyExistsError(absl::StrCat("a reconstructor for ", std::string(module), ".",
                                                 std::string(qualname), " is already registered"));
  }
  it->second = std::move(reconstructor);
  return absl::OkStatus();
}

const ClassDef* Registry::ClassOf(Value object) const {
  Value cls;
  if (object.kind() == Kind::kInstance) cls = object.as<Instance>()->cls;
  if (object.kind() == Kind::kReduce) cls = object.as<Reduce>()->callable;
  if (cls.kind() == Kind::kGlobal) {
    return classes_.Find(cls.as<Global>()->module, cls.as<Global>()->qualname);
  }
  if (object.kind() == Kind::kNative) {
    auto type = natives_.find(object.as<Native>()->type_tag);
    if (type != natives_.end()) return classes_.Find(type->second.module, type->second.qualname);
  }
  return nullptr;
}

absl::StatusOr<ClassRegistry::FoundMethod> Registry::FindMethod(Value self,
                                                                std::string_view name) const {
  const ClassDef* cls = ClassOf(self);
  if (cls == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot bind method '", std::string(name),
                                            "': the class of a ", std::string(KindName(self.kind())),
                                            " object is not registered"));
  }
  return classes_.FindMethod(*cls, name);
}

absl::StatusOr<Value> Registry::BindMethod(Heap& heap, Value self, std::string_view name) const {
  absl::StatusOr<ClassRegistry::FoundMethod> found = FindMethod(self, name);
  if (!found.ok()) return found.status();
  return MakeBoundMethod(heap, self, name, *found);
}

Value Registry::MakeBoundMethod(Heap& heap, Value self, std::string_view name,
                                const ClassRegistry::FoundMethod& found) {
  BoundMethod* method = heap.NewBoundMethod();
  method->self = self;
  method->name = heap.CopyString(name);
  method->function = heap.NewGlobal(found.owner->module(),
                                    absl::StrCat(found.owner->qualname(), ".", std::string(name)));
  return Value::FromObject(method);
}

absl::StatusOr<Value> Registry::CallMethod(Heap& heap, Value bound_method,
                                           std::span<const Value> args) const {
  if (bound_method.kind() != Kind::kBoundMethod) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected a bound method, got ", std::string(KindName(bound_method.kind()))));
  }
  const BoundMethod& method = *bound_method.as<BoundMethod>();
  Value function = method.function;
  if (function.kind() != Kind::kGlobal) {  // not bound yet: bind through the MRO now
    absl::StatusOr<Value> bound = BindMethod(heap, method.self, method.name);
    if (!bound.ok()) return bound.status();
    function = bound->as<BoundMethod>()->function;
  }
  const Global& name = *function.as<Global>();
  auto [owner_qualname, method_name] = SplitLast(name.qualname);
  const ClassDef* owner = classes_.Find(name.module, owner_qualname);
  const Method* body = owner == nullptr ? nullptr : owner->OwnMethod(method_name);
  if (body == nullptr) {
    return absl::NotFoundError(absl::StrCat("no registered method ", std::string(name.module), ".",
                                            std::string(name.qualname)));
  }
  return (*body)(MethodCall{*this, heap, method.self, *owner, method_name}, args);
}

absl::StatusOr<Value> Registry::CallMethod(Heap& heap, Value self, std::string_view name,
                                           std::span<const Value> args) const {
  absl::StatusOr<ClassRegistry::FoundMethod> found = FindMethod(self, name);
  if (!found.ok()) return found.status();
  return (*found->method)(MethodCall{*this, heap, self, *found->owner, name}, args);
}

bool Registry::RestrictsGlobalNames() const {
  return policy_.mode() != GlobalPolicy::Mode::kKeepOpaque;
}

absl::Status Registry::CheckGlobalName(std::string_view module, std::string_view qualname) const {
  if (!RestrictsGlobalNames() || IsRegisteredName(module, qualname)) {
    return absl::OkStatus();
  }
  if (module == "builtins" && qualname == "getattr") return absl::OkStatus();
  if (qualname == "_unpickle_method" && unpickle_method_modules_.contains(ToAbsl(module))) {
    return absl::OkStatus();
  }
  return policy_.Check(module, qualname);
}

void Registry::AttachOrigins(Heap& heap, Value root) const {
  std::vector<Object*> stack;
  absl::flat_hash_set<Object*> seen;
  auto push = [&](Value& slot) {
    if (slot.is_object() && seen.insert(slot.object()).second) stack.push_back(slot.object());
  };
  push(root);
  while (!stack.empty()) {
    Object* object = stack.back();
    stack.pop_back();
    Native* native = object->kind == Kind::kNative ? static_cast<Native*>(object) : nullptr;
    auto type = native != nullptr ? natives_.find(native->type_tag) : natives_.end();
    if (type != natives_.end() && native->origin.is_none()) {
      absl::StatusOr<Reduced> reduced = type->second.reduce(heap, native->pointer);
      absl::StatusOr<Value> node =
          reduced.ok() ? ReducedToNode(heap, *std::move(reduced)) : reduced.status();
      if (node.ok()) native->origin = *node;
    }
    VisitChildSlots(object, push);  // a Native's slot is its origin: nested natives too
  }
}

bool Registry::IsRegisteredName(std::string_view module, std::string_view qualname) const {
  if (reconstructors_.contains(NameKey(module, qualname))) return true;
  if (FindSetRebuild(module, qualname) != nullptr) return true;
  if (classes_.Find(module, qualname) != nullptr) return true;
  auto [owner_qualname, method_name] = SplitLast(qualname);  // a method of a registered class
  const ClassDef* owner = classes_.Find(module, owner_qualname);
  return owner != nullptr && owner->OwnMethod(method_name) != nullptr;
}

}  // namespace brine
