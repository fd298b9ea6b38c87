// Mutating dicts and sets with Python semantics: unique keys under Python
// equality, insertion order kept, later values replacing earlier ones at the
// first key's position (`{1: 'a', 1.0: 'b'}` is `{1: 'b'}`). Small containers
// are scanned; larger ones get a hash index allocated in the Heap.
#ifndef BRINE_VALUE_CONTAINERS_H_
#define BRINE_VALUE_CONTAINERS_H_

#include <optional>
#include <span>

#include "absl/status/status.h"
#include "brine/value/equality.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// d[key] = value. Fails if key is unhashable. `hashes`: see KeyHashCache
// (value/equality.h).
absl::Status DictSetItem(Heap& heap, Dict* dict, Value key, Value value, KeyHashCache* hashes = nullptr);
// d[k] = v for each (k, v) of `pairs` (k0, v0, k1, v1, ...), in order, as
// DictSetItem one at a time, stopping at the first failure. Faster for a
// large batch into a large dict: the index grows once, and each key is hashed
// a few keys ahead and its slot fetched into cache, so the batch does not
// wait on one cache miss per key (SETITEMS of 1,000 pairs).
absl::Status DictSetItems(Heap& heap, Dict* dict, std::span<const Value> pairs, KeyHashCache* hashes = nullptr);
// d.get(key); nullopt when absent or unhashable.
std::optional<Value> DictGetItem(const Dict* dict, Value key);
// s.add(element). Fails if element is unhashable. `hashes`: as for DictSetItem.
absl::Status SetAdd(Heap& heap, Set* set, Value element, KeyHashCache* hashes = nullptr);
// element in s.
bool SetContains(const Set* set, Value element);

// Inserts every key again, in order, after keys were replaced in place (the
// registry's Resolve puts the values it rebuilds where the decoded nodes
// were): keys that are now equal merge as DictSetItem/SetAdd merge them (a
// dict keeps the first key's position and the later value), and a key that
// is now unhashable fails with Python's message.
absl::Status RebuildKeys(Heap& heap, Dict* dict);
absl::Status RebuildKeys(Heap& heap, Set* set);

}  // namespace brine

#endif  // BRINE_VALUE_CONTAINERS_H_
