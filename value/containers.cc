// Dict and set mutation with Python key semantics (see containers.h). Up to
// kScanLimit keys are found by a linear scan; past that a KeyIndex, an
// open-addressing table of positions allocated in the Heap's arena (so it is
// freed with the Heap), makes lookups O(1) on average.
#include "brine/value/containers.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "brine/value/equality.h"
#include "brine/value/short_text.h"

namespace brine {

// Open-addressing hash table (linear probing, load at most 1/2) mapping key
// hashes to positions in the container's item vector. A slot is 8 bytes: 32
// bits of the mixed hash (its tag, which picks the slot and screens keys
// before they are compared) and the position.
struct KeyIndex {
  struct Slot {
    uint32_t tag;
    uint32_t position_plus_one;  // 0 marks an empty slot
  };
  Slot* slots = nullptr;
  size_t capacity = 0;  // a power of two
  size_t used = 0;
};

namespace {

constexpr size_t kScanLimit = 8;

uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>((hash * 0x9E3779B97F4A7C15ULL) >> 32); }

size_t SlotFor(uint32_t tag, size_t capacity) { return tag & (capacity - 1); }

void InsertSlot(KeyIndex& index, uint32_t tag, size_t position) {
  size_t i = SlotFor(tag, index.capacity);
  while (index.slots[i].position_plus_one != 0) i = (i + 1) & (index.capacity - 1);
  index.slots[i] = {tag, static_cast<uint32_t>(position + 1)};
  ++index.used;
}

// Replaces the slot array with one of `capacity` slots, reinserting entries.
void Rebuild(Heap& heap, KeyIndex& index, size_t capacity) {
  KeyIndex::Slot* old_slots = index.slots;
  size_t old_capacity = index.capacity;
  void* memory = heap.resource()->allocate(capacity * sizeof(KeyIndex::Slot), alignof(KeyIndex::Slot));
  std::memset(memory, 0, capacity * sizeof(KeyIndex::Slot));
  index.slots = static_cast<KeyIndex::Slot*>(memory);
  index.capacity = capacity;
  index.used = 0;
  for (size_t i = 0; i < old_capacity; ++i)
    if (old_slots[i].position_plus_one != 0)
      InsertSlot(index, old_slots[i].tag, old_slots[i].position_plus_one - 1);
  if (old_slots != nullptr) heap.resource()->deallocate(old_slots, old_capacity * sizeof(KeyIndex::Slot), alignof(KeyIndex::Slot));
}

// The smallest index capacity (a power of two, at least 32) of `slots` or more.
size_t CapacityFor(size_t slots) {
  size_t capacity = 32;
  while (capacity < slots) capacity *= 2;
  return capacity;
}

// OK when `key` may be a dict key or set element, else Python's TypeError
// ("unhashable type: 'list'"); scalars pass without being hashed, inline.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status CheckHashable(Value key, KeyHashCache* hashes) {
  switch (key.kind()) {
    case Kind::kTuple:
    case Kind::kFrozenSet:
    case Kind::kList:
    case Kind::kDict:
    case Kind::kSet:
    case Kind::kByteArray:
    case Kind::kNative:
      return KeyHash(key, hashes).status();
    default:
      return absl::OkStatus();
  }
}

// KeyHash, with a str key's TextHash called directly.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::StatusOr<uint64_t> HashKey(Value key, KeyHashCache* hashes) {
  if (key.kind() == Kind::kStr) return TextHash(key.as<Str>()->utf8);
  return KeyHash(key, hashes);
}

// Room for `more` items at once (each batch would otherwise grow the vector
// several times, leaving each old buffer in the arena), at least doubling
// so that many batches into one container stay linear.
template <typename Items>
void ReserveItems(Items& items, size_t more) {
  const size_t needed = items.size() + more;
  if (needed > items.capacity()) items.reserve(std::max(needed, 2 * items.capacity()));
}

// ReserveItems for one more item (twice the capacity of a full vector), out
// of line.
template <typename T>
[[gnu::noinline]] void GrowItems(ArenaVector<T>& items) {
  ReserveItems(items, 1);
}

// Appends the key and value at `pair` (adjacent, as SETITEMS leaves them on
// the stack) as one item, copied from that memory: built from the key's
// fields held in registers, the item was written to the stack in pieces and
// read back whole, a store-forwarding stall that was half of the time of
// bm_dict_group's SETITEMS. The growth is out of line (compiled in,
// emplace_back's made every append save six registers).
inline ABSL_ATTRIBUTE_ALWAYS_INLINE void AppendPair(ArenaVector<std::pair<Value, Value>>& items, const Value* pair) {
  if (items.size() == items.capacity()) [[unlikely]] GrowItems(items);
  if (items.size() >= items.capacity()) __builtin_unreachable();
  std::pair<Value, Value> item;
  std::memcpy(static_cast<void*>(&item), pair, sizeof(item));
  items.push_back(item);
}

// Identity, then PyEquals, as CPython finds a key (so the same NaN object
// stored twice is one key), with the common str and int keys compared
// directly.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE bool KeysEqual(Value a, Value b, KeyHashCache* hashes) {
  if (a == b) return true;
  if (a.kind() == b.kind()) {
    if (a.kind() == Kind::kStr) return SameText(a.as<Str>()->utf8, b.as<Str>()->utf8);
    if (a.kind() == Kind::kInt) return a.as_int() == b.as_int();
  }
  return PyEquals(a, b, hashes);
}

// Position of `key` among `count` keys (key_at(i) gives the i-th) found by
// scanning them, if present. Small containers have no index.
template <typename KeyAt>
std::optional<size_t> Scan(size_t count, KeyAt key_at, Value key, KeyHashCache* hashes) {
  for (size_t i = 0; i < count; ++i)
    if (KeysEqual(key_at(i), key, hashes)) return i;
  return std::nullopt;
}

// Position of `key` (whose KeyHash is `hash`) through `index`, if present.
template <typename KeyAt>
std::optional<size_t> Probe(const KeyIndex& index, KeyAt key_at, Value key, uint64_t hash, KeyHashCache* hashes) {
  const uint32_t tag = TagOf(hash);
  for (size_t i = SlotFor(tag, index.capacity);; i = (i + 1) & (index.capacity - 1)) {
    const KeyIndex::Slot& slot = index.slots[i];
    if (slot.position_plus_one == 0) return std::nullopt;
    if (slot.tag == tag && KeysEqual(key_at(slot.position_plus_one - 1), key, hashes)) {
      return slot.position_plus_one - 1;
    }
  }
}

// Position of `key` among `count` keys, if present. `hash` is its KeyHash
// when the caller knows it, else set to it when an index needs it. Fails for
// an unhashable key.
template <typename KeyAt>
absl::StatusOr<std::optional<size_t>> Find(const KeyIndex* index, size_t count, KeyAt key_at, Value key,
                                           std::optional<uint64_t>& hash, KeyHashCache* hashes) {
  if (index == nullptr && count < kScanLimit) {
    if (absl::Status hashable = CheckHashable(key, hashes); !hashable.ok()) return hashable;
    return Scan(count, key_at, key, hashes);
  }
  if (!hash) {
    absl::StatusOr<uint64_t> key_hash = KeyHash(key, hashes);
    if (!key_hash.ok()) return key_hash.status();
    hash = *key_hash;
  }
  if (index == nullptr) return Scan(count, key_at, key, hashes);
  return Probe(*index, key_at, key, *hash, hashes);
}

// A new index of `capacity` slots over the first `count` keys (hashable:
// each was checked when it was inserted).
template <typename KeyAt>
KeyIndex* NewIndex(Heap& heap, size_t capacity, size_t count, KeyAt key_at, KeyHashCache* hashes) {
  void* memory = heap.resource()->allocate(sizeof(KeyIndex), alignof(KeyIndex));
  KeyIndex* index = new (memory) KeyIndex();
  Rebuild(heap, *index, capacity);
  for (size_t i = 0; i < count; ++i) {
    absl::StatusOr<uint64_t> hash = KeyHash(key_at(i), hashes);
    InsertSlot(*index, TagOf(hash.ok() ? *hash : 0), i);
  }
  return index;
}

// Records that the key at `count - 1` was appended (`hash` is its KeyHash
// once Find needed one); builds the index when the container outgrows a scan.
template <typename KeyAt>
void NoteAppended(Heap& heap, KeyIndex*& index, size_t count, KeyAt key_at, std::optional<uint64_t> hash,
                  KeyHashCache* hashes) {
  if (index == nullptr) {
    if (count <= kScanLimit) return;
    index = NewIndex(heap, CapacityFor(4 * count), count - 1, key_at, hashes);
  } else if ((index->used + 1) * 2 > index->capacity) {
    Rebuild(heap, *index, index->capacity * 2);
  }
  InsertSlot(*index, TagOf(*hash), count - 1);
}

// The keys of `dict` as Scan, Probe, Find and NewIndex take them.
auto DictKeys(const Dict* dict) {
  return [dict](size_t i) { return dict->items[i].first; };
}

// Grows `index` once, if needed, to take `more` keys without a rebuild.
void ReserveSlots(Heap& heap, KeyIndex& index, size_t more) {
  size_t capacity = index.capacity;
  while ((index.used + more) * 2 > capacity) capacity *= 2;
  if (capacity != index.capacity) Rebuild(heap, index, capacity);
}

// The dict's index, made if it has none, with room for `more` keys: an
// index made here is sized for them at once (no rebuild as they arrive).
KeyIndex& IndexWithRoom(Heap& heap, Dict* dict, size_t more, KeyHashCache* hashes) {
  if (dict->index != nullptr) {
    ReserveSlots(heap, *dict->index, more);
    return *dict->index;
  }
  const size_t count = dict->items.size();
  dict->index = NewIndex(heap, CapacityFor(2 * (count + more)), count, DictKeys(dict), hashes);
  return *dict->index;
}

// d[key] = value, the key and value at `pair`, through the slots of an index
// with room for one more key: one walk of the probe sequence finds the key
// (`same_key(k)` true for an item's key k equal to it) or the empty slot it
// takes. True when the key was new (the caller counts the slot used). The
// slots and their mask come in by value: the stores into the dict's items
// may alias the index's fields, which would otherwise be loaded again per key.
template <typename SameKey>
inline ABSL_ATTRIBUTE_ALWAYS_INLINE bool SetIndexedPair(Dict* dict, KeyIndex::Slot* slots, size_t mask,
                                                        const Value* pair, uint32_t tag, SameKey same_key) {
  for (size_t i = tag & mask;; i = (i + 1) & mask) {
    KeyIndex::Slot& slot = slots[i];
    if (slot.position_plus_one == 0) {
      AppendPair(dict->items, pair);
      slot = {tag, static_cast<uint32_t>(dict->items.size())};
      return true;
    }
    if (slot.tag == tag && same_key(dict->items[slot.position_plus_one - 1].first)) {
      dict->items[slot.position_plus_one - 1].second = pair[1];
      return false;
    }
  }
}

// SetIndexedPair for any key, compared as Python compares keys.
bool SetIndexedItem(Dict* dict, KeyIndex::Slot* slots, size_t mask, const Value* pair, uint32_t tag,
                    KeyHashCache* hashes) {
  const Value key = pair[0];
  return SetIndexedPair(dict, slots, mask, pair, tag, [&](Value other) { return KeysEqual(other, key, hashes); });
}

// d[key] = value for a dict that stays small enough to scan. The loop walks
// the items themselves rather than calling Scan: Scan through DictKeys
// reloads the item vector after every comparison that may call out, 8% more
// instructions on shared_graph's decode.
absl::Status SetScannedItem(Dict* dict, const Value* pair, KeyHashCache* hashes) {
  const Value key = pair[0];
  if (absl::Status hashable = CheckHashable(key, hashes); !hashable.ok()) return hashable;
  for (std::pair<Value, Value>& item : dict->items) {
    if (KeysEqual(item.first, key, hashes)) {
      item.second = pair[1];
      return absl::OkStatus();
    }
  }
  AppendPair(dict->items, pair);
  return absl::OkStatus();
}

// The pairs set into a dict that stays small enough to scan, in order.
absl::Status SetScannedItems(Dict* dict, std::span<const Value> pairs, KeyHashCache* hashes) {
  for (size_t i = 0; i < pairs.size() / 2; ++i) {
    if (absl::Status set = SetScannedItem(dict, &pairs[2 * i], hashes); !set.ok()) return set;
  }
  return absl::OkStatus();
}

// How many keys DictSetItems hashes, and whose slots it fetches into cache,
// before inserting them.
constexpr size_t kKeysAhead = 8;

// True when every key of `pairs` (k0, v0, k1, v1, ...) is a str.
bool AllStrKeys(std::span<const Value> pairs) {
  for (size_t i = 0; i < pairs.size(); i += 2)
    if (pairs[i].kind() != Kind::kStr) return false;
  return true;
}

// SetIndexedPair for a str key: only a str key can equal it, so the key is
// compared by its text, and nothing can fail.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE bool SetIndexedStrItem(Dict* dict, KeyIndex::Slot* slots, size_t mask,
                                                           const Value* pair, uint32_t tag) {
  const Value key = pair[0];
  const std::string_view text = key.as<Str>()->utf8;
  return SetIndexedPair(dict, slots, mask, pair, tag, [&](Value other) {
    return other == key || (other.kind() == Kind::kStr && SameText(other.as<Str>()->utf8, text));
  });
}

// The pairs of a batch whose keys are all str set through the slots of an
// index with room for them, kKeysAhead keys hashed (TextHash, which cannot
// fail) and their slots fetched before they are inserted. Returns how many
// keys were new.
size_t SetIndexedStrItems(Dict* dict, KeyIndex::Slot* slots, size_t mask, std::span<const Value> pairs) {
  const size_t count = pairs.size() / 2;
  size_t added = 0;
  uint32_t tag[kKeysAhead];
  for (size_t first = 0; first < count; first += kKeysAhead) {
    const size_t batch = std::min(kKeysAhead, count - first);
    for (size_t j = 0; j < batch; ++j) {
      tag[j] = TagOf(TextHash(pairs[2 * (first + j)].as<Str>()->utf8));
      __builtin_prefetch(&slots[tag[j] & mask]);
    }
    for (size_t j = 0; j < batch; ++j) {
      const size_t i = first + j;
      added += SetIndexedStrItem(dict, slots, mask, &pairs[2 * i], tag[j]);
    }
  }
  return added;
}

// The pairs of any batch set through the slots of an index with room for
// them, as SetIndexedStrItems does, each key hashed by KeyHash: the keys
// before an unhashable one are set, as one at a time would, and its error
// returned.
absl::Status SetIndexedItems(Dict* dict, KeyIndex& index, std::span<const Value> pairs, KeyHashCache* hashes) {
  KeyIndex::Slot* const slots = index.slots;
  const size_t mask = index.capacity - 1;
  const size_t count = pairs.size() / 2;
  uint32_t tag[kKeysAhead];
  for (size_t first = 0; first < count; first += kKeysAhead) {
    const size_t batch = std::min(kKeysAhead, count - first);
    absl::Status hashed;
    size_t ready = 0;
    for (; ready < batch; ++ready) {
      absl::StatusOr<uint64_t> key_hash = HashKey(pairs[2 * (first + ready)], hashes);
      if (!key_hash.ok()) {
        hashed = key_hash.status();
        break;
      }
      tag[ready] = TagOf(*key_hash);
      __builtin_prefetch(&slots[tag[ready] & mask]);
    }
    size_t added = 0;
    for (size_t j = 0; j < ready; ++j) {
      const size_t i = first + j;
      added += SetIndexedItem(dict, slots, mask, &pairs[2 * i], tag[j], hashes);
    }
    index.used += added;
    if (!hashed.ok()) return hashed;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status DictSetItem(Heap& heap, Dict* dict, Value key, Value value, KeyHashCache* hashes) {
  std::optional<uint64_t> hash;  // set by Find when it needs one
  absl::StatusOr<std::optional<size_t>> found =
      Find(dict->index, dict->items.size(), DictKeys(dict), key, hash, hashes);
  if (!found.ok()) return found.status();
  if (*found) {
    dict->items[**found].second = value;
    return absl::OkStatus();
  }
  dict->items.emplace_back(key, value);
  NoteAppended(heap, dict->index, dict->items.size(), DictKeys(dict), hash, hashes);
  return absl::OkStatus();
}

absl::Status DictSetItems(Heap& heap, Dict* dict, std::span<const Value> pairs, KeyHashCache* hashes) {
  const size_t count = pairs.size() / 2;
  ReserveItems(dict->items, count);
  if (dict->index == nullptr && dict->items.size() + count <= kScanLimit) {  // stays small
    return SetScannedItems(dict, pairs, hashes);
  }
  KeyIndex& index = IndexWithRoom(heap, dict, count, hashes);
  if (AllStrKeys(pairs)) {
    index.used += SetIndexedStrItems(dict, index.slots, index.capacity - 1, pairs);
    return absl::OkStatus();
  }
  return SetIndexedItems(dict, index, pairs, hashes);
}

std::optional<Value> DictGetItem(const Dict* dict, Value key) {
  std::optional<uint64_t> hash;
  absl::StatusOr<std::optional<size_t>> found =
      Find(dict->index, dict->items.size(), DictKeys(dict), key, hash, /*hashes=*/nullptr);
  if (!found.ok() || !*found) return std::nullopt;
  return dict->items[**found].second;
}

absl::Status SetAdd(Heap& heap, Set* set, Value element, KeyHashCache* hashes) {
  auto key_at = [set](size_t i) { return set->items[i]; };
  std::optional<uint64_t> hash;
  absl::StatusOr<std::optional<size_t>> found = Find(set->index, set->items.size(), key_at, element, hash, hashes);
  if (!found.ok()) return found.status();
  if (*found) return absl::OkStatus();
  set->items.push_back(element);
  NoteAppended(heap, set->index, set->items.size(), key_at, hash, hashes);
  return absl::OkStatus();
}

absl::Status RebuildKeys(Heap& heap, Dict* dict) {
  std::vector<std::pair<Value, Value>> items(dict->items.begin(), dict->items.end());
  dict->items.clear();
  dict->index = nullptr;  // its slots stay in the arena until the Heap goes
  for (const auto& [key, value] : items) {
    if (absl::Status status = DictSetItem(heap, dict, key, value); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status RebuildKeys(Heap& heap, Set* set) {
  std::vector<Value> items(set->items.begin(), set->items.end());
  set->items.clear();
  set->index = nullptr;
  for (Value element : items) {
    if (absl::Status status = SetAdd(heap, set, element); !status.ok()) return status;
  }
  return absl::OkStatus();
}

bool SetContains(const Set* set, Value element) {
  auto key_at = [set](size_t i) { return set->items[i]; };
  std::optional<uint64_t> hash;
  absl::StatusOr<std::optional<size_t>> found =
      Find(set->index, set->items.size(), key_at, element, hash, /*hashes=*/nullptr);
  return found.ok() && found->has_value();
}

}  // namespace brine
