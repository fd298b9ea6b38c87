// Python equality and hashing of values, as dict keys and set elements need.
//
// PyEquals follows Python `==` for the kinds brine models: numbers compare by
// value across bool/int/float/complex (1 == 1.0 == True), str and bytes by
// content, tuples/lists/dicts/sets structurally, globals by name; instances,
// reduce nodes and other opaque objects by identity. A Native compares and
// hashes as its Native::hash says: by identity, by its key (a date equals an
// equal date, Decimal(1) == 1), or not at all (a slice is unhashable).
// PyHash is consistent with it (CPython's numeric hash, so hash(1) ==
// hash(1.0)); for a Native hashed by value it is the hash of its key, which
// is CPython's hash() only where the key is a number. Neither recurses on
// the native stack.
#ifndef BRINE_VALUE_EQUALITY_H_
#define BRINE_VALUE_EQUALITY_H_

#include <cstdint>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "brine/value/short_text.h"
#include "brine/value/value.h"

namespace brine {

// KeyHashes of tuples and frozensets kept between calls by a caller that
// knows they stay alive and unchanged (the decoder, for the graph it builds),
// so that a large one met again is not hashed again: a 300,000-deep tuple in
// 100,000 frozensets is hashed once, not 100,000 times. Only containers whose
// hash took more than a few expansions are kept.
using KeyHashCache = absl::flat_hash_map<const Object*, uint64_t>;

// Python `a == b`. Elements of containers are compared identity first, as
// CPython's PyObject_RichCompareBool does, so `nan == nan` is false but
// `(x,) == (x,)` is true for one NaN x (the same Value::Float(d, identity)).
// `hashes`, if given, holds and receives the hashes of set elements.
bool PyEquals(Value a, Value b, KeyHashCache* hashes = nullptr);

// A hash consistent with PyEquals. Fails for unhashable kinds (list, dict,
// set, bytearray, an unhashable Native, or a tuple holding one) with
// Python's message: "unhashable type: 'list'".
absl::StatusOr<uint64_t> PyHash(Value value);

// The hash dict and set indexes use: consistent with PyEquals like PyHash
// and failing alike, but seeded per process, so the keys of a hostile pickle
// cannot be chosen to collide (every k * (2**61 - 1) has one PyHash). Not
// Python's hash(): use PyHash where a Python-visible value is needed.
// `hashes`, if given, holds and receives the hashes of large tuples and
// frozensets.
absl::StatusOr<uint64_t> KeyHash(Value value, KeyHashCache* hashes = nullptr);

namespace equality_internal {

// Its address is the short-text hash's seed (absl::Hash seeds itself the
// same way): it differs between runs where addresses are randomized, and
// costs one instruction to load.
extern const char kTextHashSeed;
// TextHash of text longer than 16 bytes.
uint64_t LongTextHash(std::string_view text);

// The two halves of a * b (128 bits) folded into 64.
inline uint64_t MultiplyFold(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

}  // namespace equality_internal

// KeyHash of a str with this text, without KeyHash's StatusOr: the keys
// dict indexes hash most. Text of up to 16 bytes, most keys, is hashed
// inline from its end words; longer text out of line by absl::Hash. Both are
// seeded per process, so a pickle cannot be built to make its keys collide.
inline uint64_t TextHash(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  if (n > 16) return equality_internal::LongTextHash(text);
  uint64_t head = 0;
  uint64_t tail = 0;
  if (n >= 8) {
    const EndWords<uint64_t> ends = LoadEnds<uint64_t>(p, n);
    head = ends.head;
    tail = ends.tail;
  } else if (n >= 4) {
    const EndWords<uint32_t> ends = LoadEnds<uint32_t>(p, n);
    head = ends.head;
    tail = ends.tail;
  } else if (n > 0) {
    head = LoadFewBytes(p, n);
  }
  // (head, tail, n) determines the text; the seed and two odd constants
  // keep either factor from being zero for common text.
  const uint64_t seed = reinterpret_cast<uintptr_t>(&equality_internal::kTextHashSeed);
  return equality_internal::MultiplyFold(head ^ seed ^ 0x9E3779B97F4A7C15u,
                                         tail ^ (n * 0xC2B2AE3D27D4EB4Fu) ^ (seed >> 3) ^ 0x165667B19E3779F9u);
}

}  // namespace brine

#endif  // BRINE_VALUE_EQUALITY_H_
