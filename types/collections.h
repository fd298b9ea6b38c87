// The "collections" set: OrderedDict, defaultdict (with a built-in factory),
// deque (with maxlen) and Counter, holding their items as brine Values.
//
//   OrderedDict  collections.OrderedDict() + SETITEMS; Python 2's
//                OrderedDict([[k, v], ...]) is read too.
//                repr  OrderedDict([('a', 1), ('b', 2)])      JSON  {"a": 1, "b": 2}
//   defaultdict  collections.defaultdict(factory) + SETITEMS
//                repr  defaultdict(<class 'list'>, {'a': [1]})  JSON  {"a": [1]}
//   deque        collections.deque((), maxlen) + APPENDS
//                repr  deque([1, 2], maxlen=5)                 JSON  [1, 2]
//   Counter      collections.Counter({...})
//                repr  Counter({'b': 2, 'a': 1}) (most common first)  JSON  {"a": 1, "b": 2}
//
// A dict whose keys are not all str is {"$dict": [[k, v], ...]} in JSON,
// as for a plain dict. A container that holds itself directly is left as
// decoded (docs/TYPES.md, known differences).
#ifndef BRINE_TYPES_COLLECTIONS_H_
#define BRINE_TYPES_COLLECTIONS_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct OrderedDict {
  Value items;  // a Dict, in order
};

struct DefaultDict {
  Value default_factory;  // None, or a Global such as builtins.list
  Value items;            // a Dict
};

struct Deque {
  Value items;  // a List
  std::optional<int64_t> maxlen;
};

struct Counter {
  Value items;  // a Dict: element -> count
};

void ReprNative(const OrderedDict& dict, NativeText& out);
void JsonNative(const OrderedDict& dict, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const OrderedDict& dict, int protocol);
void ReprNative(const DefaultDict& dict, NativeText& out);
void JsonNative(const DefaultDict& dict, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DefaultDict& dict, int protocol);
void ReprNative(const Deque& deque, NativeText& out);
void JsonNative(const Deque& deque, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Deque& deque, int protocol);
void ReprNative(const Counter& counter, NativeText& out);
void JsonNative(const Counter& counter, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Counter& counter, int protocol);
// All four are unhashable, as in Python.
NativeHash HashNative(Heap& heap, const OrderedDict& dict);
NativeHash HashNative(Heap& heap, const DefaultDict& dict);
NativeHash HashNative(Heap& heap, const Deque& deque);
NativeHash HashNative(Heap& heap, const Counter& counter);

ReconstructorSet CollectionsSet();

}  // namespace brine

#endif  // BRINE_TYPES_COLLECTIONS_H_
