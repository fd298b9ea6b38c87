// Python-visible classes declared from C++: module, qualname, bases, methods
// as C++ callables and an optional __setstate__. Each class's MRO is computed
// with C3 when it is defined (registry/mro.h), and method lookup walks it the
// way Python's attribute lookup does, returning the class that defines it.
//
//   brine::ClassRegistry classes;
//   classes.Define({.module = "tasks", .qualname = "Base",
//                   .methods = {{"process", [](brine::Heap& heap, brine::Value self,
//                                              std::span<const brine::Value> args)
//                                    -> absl::StatusOr<brine::Value> { ... }}}});
//   classes.Define({.module = "tasks", .qualname = "Worker",
//                   .bases = {{"tasks", "Base"}}});
//   auto found = classes.FindMethod(*classes.Find("tasks", "Worker"), "process");
//   // found->owner is tasks.Base
//
// Methods with typed C++ signatures: registry/typed_method.h (Def).
#ifndef BRINE_REGISTRY_CLASS_REGISTRY_H_
#define BRINE_REGISTRY_CLASS_REGISTRY_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class ClassDef;
class Registry;  // registry/registry.h

// One call of a method, as Registry::CallMethod makes it.
struct MethodCall {
  const Registry& registry;
  Heap& heap;   // where the result and anything else the body builds go
  Value self;   // the instance as it is in the graph (an Instance node, a Native, ...)
  const ClassDef& owner;  // the class in self's MRO that defines the method
  std::string_view name;  // the method's name there
};

// A method body, in one of two forms:
//  * (Heap& heap, Value self, std::span<const Value> args), `args` being the
//    positional arguments after self;
//  * (const MethodCall& call, std::span<const Value> args), the form Def
//    (registry/typed_method.h) makes of a typed C++ signature.
class Method {
 public:
  template <typename F>
    requires std::is_invocable_r_v<absl::StatusOr<Value>, const F&, Heap&, Value,
                                   std::span<const Value>>
  Method(F body)
      : body_([body = std::move(body)](const MethodCall& call, std::span<const Value> args) {
          return body(call.heap, call.self, args);
        }) {}
  template <typename F>
    requires std::is_invocable_r_v<absl::StatusOr<Value>, const F&, const MethodCall&,
                                   std::span<const Value>>
  Method(F body) : body_(std::move(body)) {}

  absl::StatusOr<Value> operator()(const MethodCall& call, std::span<const Value> args) const {
    return body_(call, args);
  }

 private:
  std::function<absl::StatusOr<Value>(const MethodCall& call, std::span<const Value> args)> body_;
};
// __setstate__: called when a decoded instance of the class carries state.
using SetState = std::function<absl::Status(Heap& heap, Value self, Value state)>;

// Python's private name mangling (CPython's _Py_Mangle): `name` as written
// in the body of class `class_name` becomes `_Class__name` when it starts
// with two underscores, does not end with two and holds no dot, and the
// class name is not all underscores (whose leading underscores are dropped).
std::string MangledName(std::string_view class_name, std::string_view name);

struct ClassName {
  std::string module;
  std::string qualname;
};

struct ClassSpec {
  std::string module;
  std::string qualname;
  // Direct bases in declaration order; they must be defined first. Empty
  // means (builtins.object,), as for `class C: pass`.
  std::vector<ClassName> bases;
  // Names as written in the class body: `__private` ones are kept mangled
  // (`_Class__private`), as in Python's class __dict__, and found by that name.
  std::vector<std::pair<std::string, Method>> methods;
  SetState setstate;  // empty: none
};

class ClassDef {
 public:
  const std::string& module() const { return module_; }
  const std::string& qualname() const { return qualname_; }
  // `__name__`: the last component of the qualname.
  const std::string& name() const { return name_; }
  // "module.qualname".
  std::string FullName() const;
  std::span<const ClassDef* const> bases() const { return bases_; }
  // The C3 linearization, starting with this class and ending with object.
  std::span<const ClassDef* const> mro() const { return mro_; }
  // A method defined on this very class (not inherited), or nullptr; `name`
  // is its __dict__ key (mangled for a private method).
  const Method* OwnMethod(std::string_view name) const;
  // __setstate__ defined on this very class, or nullptr.
  const SetState* OwnSetState() const { return setstate_ ? &setstate_ : nullptr; }

 private:
  friend class ClassRegistry;
  std::string module_, qualname_, name_;
  std::vector<const ClassDef*> bases_, mro_;
  absl::flat_hash_map<std::string, Method> methods_;
  SetState setstate_;
};

class ClassRegistry {
 public:
  // Starts with builtins.object defined.
  ClassRegistry();
  ClassRegistry(ClassRegistry&&) = default;
  ClassRegistry& operator=(ClassRegistry&&) = default;

  // Defines a class. Fails if the name is taken, a base is not defined, a
  // base is listed twice or the bases admit no consistent MRO (with Python's
  // TypeError text).
  absl::StatusOr<const ClassDef*> Define(ClassSpec spec);
  // The class registered as module.qualname, or nullptr.
  const ClassDef* Find(std::string_view module, std::string_view qualname) const;

  struct FoundMethod {
    const ClassDef* owner;  // the class in the MRO that defines the method
    const Method* method;
  };
  // Python's lookup of `name` on an instance of `cls`: the first class in the
  // MRO defining it. NotFound names the class and the MRO searched.
  absl::StatusOr<FoundMethod> FindMethod(const ClassDef& cls, std::string_view name) const;
  // __setstate__ through the MRO, or nullptr (Python's default state update).
  const SetState* FindSetState(const ClassDef& cls) const;

 private:
  absl::flat_hash_map<std::pair<std::string, std::string>, std::unique_ptr<ClassDef>> classes_;
};

}  // namespace brine

#endif  // BRINE_REGISTRY_CLASS_REGISTRY_H_
