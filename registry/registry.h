// Registry: brine's copyreg. One object holds everything that decides how
// C++ and Python names meet:
//
//  decode side  (module, qualname) -> reconstructor; Python-visible classes
//               with C3 MRO; bound methods bound through the MRO; the
//               persistent-load hook; extension codes; the policy for names
//               nothing registered.
//  encode side  in CPython's order: the persistent-id hook, the
//               reducer-override hook, a per-encoder dispatch table falling
//               back to the registry's global one, then built-in reducers
//               (registered C++ types, bound methods).
//
// Built-in reconstructor sets (reconstructor_set.h) rebuild the standard
// library's types (datetime, Decimal, OrderedDict, UUID, ...) into typed C++
// values printed as CPython prints them; every Registry starts with them.
// The user's own registrations come first; each set can be switched off,
// and under a restricting policy a set works only once switched on:
//
//   registry.SetReconstructorSetMode("datetime", brine::Registry::SetMode::kOff);
//   absl::StatusOr<brine::Document> doc = brine::Decode(bytes, registry);
//   const brine::DateTime* when = brine::NativeAs<brine::DateTime>(doc->root());
//
// Decoding runs `Resolve` over a decoded document; encoding runs `Lower`
// before writing opcodes. The registry is the codec's DecodeHooks and
// EncodeHooks (codec/hooks.h): facade/registry_codec.h's Decode and Encode
// take a Registry and do both.
//
//   struct Point { double x, y; };
//   brine::Registry registry;
//   registry.Register(brine::FieldsBinding<Point>("geometry", "Point",
//       brine::Field("x", &Point::x), brine::Field("y", &Point::y)));
//
// A Registry is configured once and then used read-only (it is safe to share
// between threads that only decode and encode).
#ifndef BRINE_REGISTRY_REGISTRY_H_
#define BRINE_REGISTRY_REGISTRY_H_

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "brine/registry/class_registry.h"
#include "brine/registry/convert.h"
#include "brine/registry/dispatch.h"
#include "brine/codec/encoder.h"
#include "brine/codec/extension_codes.h"
#include "brine/codec/hooks.h"
#include "brine/registry/policy.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/registry/reduce.h"
#include "brine/value/document.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// Rebuilds the object a pickle names; the result replaces the Reduce or
// Instance node (a Native made with MakeNative is typical; its origin is set
// to that node when left None).
using Reconstructor = std::function<absl::StatusOr<Value>(Heap& heap, const Reconstruction& call)>;
// Pickler.persistent_id: a value to write as PERSID/BINPERSID instead of
// `obj`, or nullopt to pickle `obj` normally. Called in pickling order for
// every object, and for the None/bool/int/float items of tuples, lists,
// dicts and sets (and a scalar root).
using PersistentIdHook = std::function<absl::StatusOr<std::optional<Value>>(Heap& heap, Value obj)>;
// Unpickler.persistent_load: the object a persistent id stands for.
using PersistentLoadHook = std::function<absl::StatusOr<Value>(Heap& heap, Value pid)>;
// Pickler.reducer_override: nullopt means NotImplemented (go on with the
// dispatch tables). Like CPython's, not called for None, bool, int, float,
// str, bytes, list, tuple, dict, set and frozenset.
using ReducerOverride =
    std::function<absl::StatusOr<std::optional<Reduced>>(Heap& heap, Value obj)>;

// How C++ type T is pickled (reduce) and rebuilt (reconstruct), under the
// Python name module.qualname. `reconstruct` receives the pickled call, or
// just `source` when Registry::FromValue meets a plain value (for types whose
// reducer returns a Substitute such as a dict).
template <typename T>
struct TypeBinding {
  std::string module;
  std::string qualname;
  std::function<absl::StatusOr<Reduced>(Heap& heap, const T& object)> reduce;
  std::function<absl::StatusOr<T>(const Reconstruction& call)> reconstruct;
};

// A data member pickled under a name, for FieldsBinding. `Owner` is the
// class declaring the member: `Field("side", &Square::side)` names `Shape`
// when Square inherits `side` from Shape.
template <typename Owner, typename M>
struct FieldRef {
  std::string_view name;
  M Owner::*member;
};
template <typename Owner, typename M>
FieldRef<Owner, M> Field(std::string_view name, M Owner::*member) {
  return {name, member};
}

// T pickled the way Python pickles an instance of a plain class with these
// attributes: copyreg.__newobj__(cls) plus a state dict {name: value} with
// interned names (NEWOBJ + BUILD). Python's own `class Point: ...` loads and
// writes this form. Reconstruct reads each field from that state, from a
// plain dict, or from positional arguments in field order
// (`geometry.Point(1.0, 2.0)`, as a reducer of the call form writes). Fields
// may be members of T or of T's public bases.
template <typename T, typename... Owners, typename... M>
TypeBinding<T> FieldsBinding(std::string module, std::string qualname,
                             FieldRef<Owners, M>... fields) {
  static_assert((std::is_base_of_v<Owners, T> && ...),
                "FieldsBinding<T>: every field must be a member of T or of a base of T");
  std::string full_name = absl::StrCat(module, ".", qualname);
  TypeBinding<T> binding{std::move(module), std::move(qualname), nullptr, nullptr};
  binding.reduce = [module = binding.module, qualname = binding.qualname,
                    fields = std::make_tuple(fields...)](
                       Heap& heap, const T& object) -> absl::StatusOr<Reduced> {
    Value state = heap.NewDict();
    absl::Status status;
    std::apply(
        [&](const auto&... field) {
          ((status.Update(DictSetItem(heap, state.as<Dict>(), heap.InternStr(field.name),
                                      ToValue(heap, object.*(field.member))))),
           ...);
        },
        fields);
    if (!status.ok()) return status;
    return ReduceTuple::NewObj(heap, module, qualname, {}, state);
  };
  binding.reconstruct = [full_name, fields = std::make_tuple(fields...)](
                            const Reconstruction& call) -> absl::StatusOr<T> {
    T object{};
    absl::Status status;
    std::span<const Value> args;  // positional form: module.Qualname(field0, field1, ...)
    if (call.args.kind() == Kind::kTuple &&
        call.args.as<Tuple>()->items.size() == sizeof...(Owners)) {
      args = call.args.as<Tuple>()->items;
    }
    size_t position = 0;
    auto read = [&](const auto& field) {
      const size_t index = position++;
      if (!status.ok()) return;
      std::optional<Value> value = call.StateField(field.name);
      if (!value && !args.empty()) value = args[index];
      if (!value) {
        status = absl::InvalidArgumentError(
            absl::StrCat(full_name, ": no field '", std::string(field.name), "' in the pickle"));
        return;
      }
      using Member = std::remove_cvref_t<decltype(object.*(field.member))>;
      absl::StatusOr<Member> converted = FromValue<Member>(*value);
      if (!converted.ok()) {
        status = absl::InvalidArgumentError(absl::StrCat(
            full_name, ".", std::string(field.name), ": ", converted.status().message()));
        return;
      }
      object.*(field.member) = *std::move(converted);
    };
    std::apply([&](const auto&... field) { (read(field), ...); }, fields);
    if (!status.ok()) return status;
    return object;
  };
  return binding;
}

class Registry : public DecodeHooks, public EncodeHooks {
 public:
  // How bound methods are written by Lower.
  enum class BoundMethodForm {
    kGetattr,       // builtins.getattr(self, name), what CPython 3 writes
    kUnpickleMethod // module._unpickle_method(func_name, self, cls), the Python 2 recipe
  };

  // Whether a built-in reconstructor set takes part in decoding.
  enum class SetMode {
    kDefault,  // on while the policy is keep-opaque, off under a restricting one
    kOn,       // on, and its names allowed past a restricting policy
    kOff,      // off: its names decode as opaque nodes, as if it were absent
  };

  // A registry with the built-in reconstructor sets (default_sets.h), each
  // in kDefault mode, and nothing else registered.
  Registry();
  Registry(Registry&&) = default;
  Registry& operator=(Registry&&) = default;

  // ---- decode side ----
  // Rebuild objects named module.qualname with `reconstructor`. Fails if the
  // name already has a reconstructor.
  absl::Status AddReconstructor(std::string_view module, std::string_view qualname,
                                Reconstructor reconstructor);
  // Adds a built-in reconstructor set (in kDefault mode). Fails if a set of
  // that name exists or one of its names is another set's; a name the user
  // registers too (AddReconstructor, Register) stays the user's.
  absl::Status AddReconstructorSet(ReconstructorSet set);
  // Switches the set named `name` ("datetime", "numpy", ...); NotFound for
  // an unknown name. Encoding the set's C++ values works in every mode.
  absl::Status SetReconstructorSetMode(std::string_view name, SetMode mode);
  // Whether decoding uses the set now (its mode and the policy).
  bool ReconstructorSetActive(std::string_view name) const;
  // The sets, in the order added.
  std::vector<const ReconstructorSet*> reconstructor_sets() const;
  // Declares a Python-visible class (see class_registry.h).
  absl::StatusOr<const ClassDef*> DefineClass(ClassSpec spec) {
    return classes_.Define(std::move(spec));
  }
  const ClassRegistry& classes() const { return classes_; }
  // Decoding binds `module._unpickle_method(func_name, obj, cls)`, the Python
  // 2 bound-method recipe, by looking func_name up along cls's MRO as the
  // recipe does, and lets that name past a restricting policy. Off by
  // default (such a call stays an opaque Reduce); once per recipe module.
  // The getattr form CPython 3 writes is always bound.
  void accept_unpickle_method_recipe(std::string module) {
    unpickle_method_modules_.insert(std::move(module));
  }
  void set_persistent_load(PersistentLoadHook hook) { persistent_load_ = std::move(hook); }
  void set_policy(GlobalPolicy policy) { policy_ = std::move(policy); }
  const GlobalPolicy& policy() const { return policy_; }
  ExtensionRegistry& extensions() { return extensions_; }
  const ExtensionRegistry& extensions() const { return extensions_; }

  // ---- encode side ----
  void set_persistent_id(PersistentIdHook hook) { persistent_id_ = std::move(hook); }
  void set_reducer_override(ReducerOverride hook) { reducer_override_ = std::move(hook); }
  // The global dispatch table (copyreg.dispatch_table).
  DispatchTable& dispatch_table() { return dispatch_table_; }
  const DispatchTable& dispatch_table() const { return dispatch_table_; }
  // How Lower writes bound methods: CPython 3's getattr form (default), or
  // the Python 2 recipe `recipe_module._unpickle_method(func_name, obj, cls)`
  // (kUnpickleMethod needs the module). This is writing only: decoding the
  // recipe is accept_unpickle_method_recipe's switch.
  void set_bound_method_form(BoundMethodForm form, std::string recipe_module = "") {
    bound_method_form_ = form;
    recipe_module_ = std::move(recipe_module);
  }

  // ---- typed C++ types ----
  // Registers T both ways: Native<T> values are reduced by binding.reduce;
  // pickled calls of module.qualname are rebuilt into Native<T> values.
  template <typename T>
  absl::Status Register(TypeBinding<T> binding);
  // The T a (resolved) value holds: a Native<T>, or a plain value T's
  // reconstruct accepts, or any kind FromValue<T> converts; vectors convert
  // their items through the registry too.
  template <typename T>
  absl::StatusOr<T> FromValue(Heap& heap, Value value) const;
  // ToValue (convert.h), and then each Native of a registered type reachable
  // from the result gets its reducer's result as `origin`: Repr prints it as
  // the call or instance it pickles as (`shapes.Square(side=2.0)`), as it
  // prints a decoded one. A reducer that fails leaves the origin unset (Lower
  // reports the failure when encoding). A Value is returned as it is.
  template <typename T>
  Value ToValue(Heap& heap, const T& object) const {
    if constexpr (std::is_same_v<T, Value>) {
      return object;
    } else {
      Value value = brine::ToValue(heap, object);
      AttachOrigins(heap, value);
      return value;
    }
  }

  // Whether a pickle being decoded may name `module.qualname`; the decoder
  // asks at the opcode that names it (GLOBAL, STACK_GLOBAL, INST, EXT*), so a
  // refusal carries that opcode and offset. OK for registered names, names
  // the policy allows, and names Resolve may rewrite away (builtins.getattr,
  // an accepted recipe module's _unpickle_method), which Resolve's own check
  // refuses if they remain; otherwise the policy's PermissionDenied.
  absl::Status CheckGlobalName(std::string_view module, std::string_view qualname) const override;

  // ---- the passes the codec runs ----
  // After decoding: persistent ids loaded, registered names rebuilt, bound
  // methods bound, __setstate__ run, then the policy checked on every global
  // name left in the graph. Rewrites the document in place.
  absl::Status Resolve(Document& document) const;
  absl::StatusOr<Value> Resolve(Heap& heap, Value root) const;
  // Before encoding: the graph with hooks and reducers applied, ready for
  // the encoder (PersistentId, Reduce and Instance nodes instead of Natives
  // and reduced objects). `root`'s graph is not modified: new and changed
  // nodes are built in `heap`. `per_encoder` is consulted before the global
  // dispatch table. `protocol` is what the built-in sets' reducers write
  // for (datetime's fold, array's form and numpy's buffers depend on it).
  absl::StatusOr<Value> Lower(Heap& heap, Value root, const DispatchTable* per_encoder = nullptr,
                              int protocol = kDefaultProtocol) const;

  // ---- the codec's hooks (codec/hooks.h) ----
  // Whether the policy refuses some names (anything but kKeepOpaque).
  bool RestrictsGlobalNames() const override;
  absl::Status AfterDecode(Document& document) const override { return Resolve(document); }
  absl::StatusOr<Value> BeforeEncode(Heap& scratch, Value root, int protocol) const override {
    return Lower(scratch, root, nullptr, protocol);
  }
  const ExtensionRegistry* extension_codes() const override { return &extensions_; }

  // ---- classes at run time ----
  // The registered class of an instance-like value (Instance, a Reduce
  // calling a class, a Native of a type whose name is a class), or nullptr.
  const ClassDef* ClassOf(Value object) const;
  // Calls a bound method (from a decoded pickle or BindMethod).
  absl::StatusOr<Value> CallMethod(Heap& heap, Value bound_method,
                                   std::span<const Value> args) const;
  // self.name(*args): the method found through the MRO of self's registered
  // class, called without making a BoundMethod.
  absl::StatusOr<Value> CallMethod(Heap& heap, Value self, std::string_view name,
                                   std::span<const Value> args) const;
  // getattr(self, name) for a method: a BoundMethod whose function is the
  // Global `owner_module.OwnerQualname.name` of the class defining it.
  absl::StatusOr<Value> BindMethod(Heap& heap, Value self, std::string_view name) const;

 private:
  struct NativeType {
    std::string module, qualname;
    std::function<absl::StatusOr<Reduced>(Heap&, const void*)> reduce;
  };
  using NameKey = std::pair<std::string, std::string>;
  struct InstalledSet {
    ReconstructorSet set;
    SetMode mode = SetMode::kDefault;
  };
  // Where a set's name or reducer is: (index in sets_, index in its list).
  using SetEntry = std::pair<size_t, size_t>;

  // The rebuild function of an active set for `module.qualname`, or nullptr.
  const SetRebuild* FindSetRebuild(std::string_view module, std::string_view qualname) const;
  // The reducer of a set's C++ type, whatever the set's mode, or nullptr.
  const NativeReducer* FindSetReducer(const void* native_tag) const;
  bool SetActive(const InstalledSet& installed) const;

  // Resolve helpers (registry_resolve.cc).
  absl::StatusOr<std::optional<Value>> ResolveNode(Heap& heap, Value node) const;
  absl::StatusOr<std::optional<Value>> ResolveReduce(Heap& heap, Value node) const;
  absl::Status CheckPolicy(Value root) const;
  bool IsRegisteredName(std::string_view module, std::string_view qualname) const;
  // One run of Lower: its walk, the hooks and reducers it consults, and the
  // copy-on-write rebuild (registry_lower.cc).
  class Lowering;
  // The method `name` through the MRO of self's registered class.
  absl::StatusOr<ClassRegistry::FoundMethod> FindMethod(Value self, std::string_view name) const;
  // BindMethod's result for a method already found (the _unpickle_method
  // recipe looks it up along its own cls's MRO).
  static Value MakeBoundMethod(Heap& heap, Value self, std::string_view name,
                               const ClassRegistry::FoundMethod& found);
  // For ToValue: origins for the registered Natives reachable from `root`.
  void AttachOrigins(Heap& heap, Value root) const;

  absl::flat_hash_map<NameKey, Reconstructor> reconstructors_;
  absl::flat_hash_map<const void*, NativeType> natives_;
  std::vector<InstalledSet> sets_;
  absl::flat_hash_map<NameKey, SetEntry> set_names_;
  absl::flat_hash_map<const void*, SetEntry> set_reducers_;
  ClassRegistry classes_;
  ExtensionRegistry extensions_;
  GlobalPolicy policy_;
  PersistentLoadHook persistent_load_;
  PersistentIdHook persistent_id_;
  ReducerOverride reducer_override_;
  DispatchTable dispatch_table_;
  BoundMethodForm bound_method_form_ = BoundMethodForm::kGetattr;
  std::string recipe_module_;  // written by kUnpickleMethod
  absl::flat_hash_set<std::string> unpickle_method_modules_;  // accepted when decoding
};

template <typename T>
absl::Status Registry::Register(TypeBinding<T> binding) {
  if (!binding.reduce || !binding.reconstruct) {
    return absl::InvalidArgumentError(absl::StrCat("type binding for ", binding.module, ".",
                                                   binding.qualname,
                                                   " needs both reduce and reconstruct"));
  }
  if (natives_.contains(NativeTag<T>())) {
    return absl::AlreadyExistsError(absl::StrCat("C++ type ", NativeTypeName<T>(),
                                                 " is already registered"));
  }
  auto reconstruct = binding.reconstruct;
  absl::Status added = AddReconstructor(
      binding.module, binding.qualname,
      [reconstruct](Heap& heap, const Reconstruction& call) -> absl::StatusOr<Value> {
        absl::StatusOr<T> object = reconstruct(call);
        if (!object.ok()) return object.status();
        return MakeNative<T>(heap, *std::move(object), call.source);
      });
  if (!added.ok()) return added;
  auto reduce = std::move(binding.reduce);
  natives_[NativeTag<T>()] = NativeType{
      std::move(binding.module), std::move(binding.qualname),
      [reduce](Heap& heap, const void* object) { return reduce(heap, *static_cast<const T*>(object)); }};
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<T> Registry::FromValue(Heap& heap, Value value) const {
  if constexpr (convert_internal::IsVector<T>::value) {  // items may need the registry too
    if (value.kind() == Kind::kList || value.kind() == Kind::kTuple) {
      std::span<const Value> items = value.kind() == Kind::kList
                                         ? std::span<const Value>(value.as<List>()->items)
                                         : std::span<const Value>(value.as<Tuple>()->items);
      T out;
      out.reserve(items.size());
      for (Value item : items) {
        absl::StatusOr<typename T::value_type> converted =
            FromValue<typename T::value_type>(heap, item);
        if (!converted.ok()) return converted.status();
        out.push_back(*std::move(converted));
      }
      return out;
    }
  }
  if (const T* native = NativeAs<T>(value)) return *native;
  auto type = natives_.find(NativeTag<T>());
  if (type == natives_.end()) return brine::FromValue<T>(value);
  auto reconstructor = reconstructors_.find(NameKey(type->second.module, type->second.qualname));
  Reconstruction call = Reconstruction::Of(heap, value);
  absl::StatusOr<Value> rebuilt = reconstructor->second(heap, call);
  if (!rebuilt.ok()) return rebuilt.status();
  return *NativeAs<T>(*rebuilt);
}

}  // namespace brine

#endif  // BRINE_REGISTRY_REGISTRY_H_
