// Encode-side reducer tables, like copyreg.dispatch_table and
// Pickler.dispatch_table: a TypeKey (what `type(obj)` is for a brine Value)
// mapped to a reducer returning a reduce tuple.
#ifndef BRINE_REGISTRY_DISPATCH_H_
#define BRINE_REGISTRY_DISPATCH_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "brine/registry/convert.h"
#include "brine/registry/reduce.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// `obj.__reduce__()` for a brine Value; it may build new values in `heap`.
using Reducer = std::function<absl::StatusOr<Reduced>(Heap& heap, Value obj)>;

// The type of a value as the dispatch tables see it: a C++ type (Native
// nodes), a Python class named by module and qualname (Instance nodes), or one
// of brine's kinds (everything else).
class TypeKey {
 public:
  template <typename T>
  static TypeKey Native() {
    return TypeKey(Kind::kNative, NativeTag<T>(), "", "");
  }
  static TypeKey Class(std::string_view module, std::string_view qualname) {
    return TypeKey(Kind::kInstance, nullptr, module, qualname);
  }
  static TypeKey OfKind(Kind kind) { return TypeKey(kind, nullptr, "", ""); }
  // The key for `value`: Native by tag, Instance by its class when that is a
  // Global, any other value by its kind.
  static TypeKey Of(Value value);

  template <typename H>
  friend H AbslHashValue(H h, const TypeKey& key) {
    return H::combine(std::move(h), key.kind_, key.native_tag_, key.module_, key.qualname_);
  }
  friend bool operator==(const TypeKey&, const TypeKey&) = default;

 private:
  TypeKey(Kind kind, const void* native_tag, std::string_view module, std::string_view qualname)
      : kind_(kind), native_tag_(native_tag), module_(module), qualname_(qualname) {}
  Kind kind_;
  const void* native_tag_;
  std::string module_, qualname_;
};

class DispatchTable {
 public:
  // Sets (or replaces) the reducer for `key`.
  void Set(TypeKey key, Reducer reducer) { reducers_[std::move(key)] = std::move(reducer); }
  // The reducer for `key`, or nullptr.
  const Reducer* Find(const TypeKey& key) const {
    auto it = reducers_.find(key);
    return it == reducers_.end() ? nullptr : &it->second;
  }
  bool empty() const { return reducers_.empty(); }

 private:
  absl::flat_hash_map<TypeKey, Reducer> reducers_;
};

}  // namespace brine

#endif  // BRINE_REGISTRY_DISPATCH_H_
