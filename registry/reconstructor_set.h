// A built-in reconstructor set: a named group of Python types (the
// standard library's "datetime", "collections", ...; "numpy") that the
// registry rebuilds into typed C++ values without the user registering
// anything. One set is:
//   * a name, which users switch it by (Registry::SetReconstructorSetMode,
//     `brine show --keep-opaque=datetime`);
//   * the pickled names it handles, each with a rebuild function turning the
//     pickled call (args, state, items) into a Native holding a C++ value with
//     typed accessors, or nullopt for a form it does not know (the node then
//     stays opaque, so nothing is lost);
//   * for each C++ type it makes, the repr text and JSON form (a NativeFormat,
//     value/native_format.h), how Python hashes it (unhashable with CPython's
//     message, or by a key that keeps Python's `==`), and a reducer writing
//     the object back as CPython pickles it, byte for byte.
//
// Adding a set (say "numpy"), in a file of its own:
//
//   struct Dtype { ... };                                  // the C++ value
//   void ReprNative(const Dtype& dtype, NativeText& out);  // repr() text
//   void JsonNative(const Dtype& dtype, NativeText& out);  // JSON
//   NativeHash HashNative(Heap& heap, const Dtype& dtype);  // as a key
//   absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Dtype& dtype, int protocol);
//
//   ReconstructorSet NumpySet() {
//     ReconstructorSet set{"numpy", "numpy.ndarray, numpy.dtype, numpy scalars"};
//     set.reconstructors.push_back({"numpy", "dtype",
//         [](Heap& heap, const Reconstruction& call) -> RebuildResult {
//           ... return MakeBuiltinNative(heap, Dtype{...}); }});
//     set.reducers.push_back(ReducerFor<Dtype>());
//     return set;
//   }
//
// and list it in DefaultReconstructorSets() (registry/default_sets.h).
// Rebuild functions receive the node's children already rebuilt (a datetime's
// tzinfo is a Native timezone when the datetime set is on).
#ifndef BRINE_REGISTRY_RECONSTRUCTOR_SET_H_
#define BRINE_REGISTRY_RECONSTRUCTOR_SET_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/registry/convert.h"
#include "brine/registry/reduce.h"
#include "brine/value/heap.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

// A rebuilt value, or nullopt to leave the node as it was decoded.
using RebuildResult = absl::StatusOr<std::optional<Value>>;
using SetRebuild = std::function<RebuildResult(Heap& heap, const Reconstruction& call)>;
// `object` is the Native's pointer (a C++ value of the reducer's type);
// `protocol` the one being written (0 to 5), as __reduce_ex__ receives it.
using NativeReducer =
    std::function<absl::StatusOr<Reduced>(Heap& heap, const void* object, int protocol)>;

// One pickled name a set rebuilds (a class, or a function such as
// `re._compile` or `array._array_reconstructor`).
struct SetReconstructor {
  std::string module;
  std::string qualname;
  SetRebuild rebuild;
};

// How the Natives of one C++ type (NativeTag<T>()) are pickled.
struct SetReducer {
  const void* native_tag;
  NativeReducer reduce;
};

struct ReconstructorSet {
  std::string name;     // "datetime"
  std::string summary;  // what it rebuilds, one line for --help and docs
  std::vector<SetReconstructor> reconstructors;
  std::vector<SetReducer> reducers;
};

// The format of a set's type T, made of the ReprNative and JsonNative
// overloads for T (found by argument-dependent lookup).
template <typename T>
const NativeFormat& FormatFor() {
  static const NativeFormat format = {
      [](const void* object, NativeText& out) { ReprNative(*static_cast<const T*>(object), out); },
      [](const void* object, NativeText& out) { JsonNative(*static_cast<const T*>(object), out); },
  };
  return format;
}

// A Native holding `object`, printed by FormatFor<T>() and hashed as the
// HashNative(Heap&, const T&) overload for T says (found by argument-dependent
// lookup; it answers with Unhashable or HashedAs, value/native_format.h).
template <typename T>
Value MakeBuiltinNative(Heap& heap, T object) {
  Value native = MakeNative<T>(heap, std::move(object));
  Native& made = *native.as<Native>();
  made.format = &FormatFor<T>();
  made.hash = HashNative(heap, *static_cast<const T*>(made.pointer));
  return native;
}

// The reducer of T, made of the ReduceNative(Heap&, const T&, int protocol)
// overload.
template <typename T>
SetReducer ReducerFor() {
  return {NativeTag<T>(), [](Heap& heap, const void* object, int protocol) {
            return ReduceNative(heap, *static_cast<const T*>(object), protocol);
          }};
}

}  // namespace brine

#endif  // BRINE_REGISTRY_RECONSTRUCTOR_SET_H_
