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
#ifndef BRINE_REGISTRY_CLASS_REGISTRY_H_
#define BRINE_REGISTRY_CLASS_REGISTRY_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// A method body: `self` is the instance (usually an Instance node), `args` the
// positional arguments after self.
using Method =
    std::function<absl::StatusOr<Value>(Heap& heap, Value self, std::span<const Value> args)>;
// __setstate__: called when a decoded instance of the class carries state.
using SetState = std::function<absl::Status(Heap& heap, Value self, Value state)>;

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
  // A method defined on this very class (not inherited), or nullptr.
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
