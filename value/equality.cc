// Python `==` and hash() over value graphs, with explicit work stacks (see
// equality.h). Numbers use CPython's numeric hash (modulo 2**61 - 1), so equal
// numbers of different kinds hash alike; tuples use CPython's tuple hash.
//
// Shared objects: a pickle's memo lets forty tuples, each `(t, t)` of the one
// before, stand for a tree of 2**40 leaves. Once a call has met more than a
// few containers it remembers, per object (hash) or per pair of objects
// (equality), what it already worked out, so the work is linear in the number
// of distinct objects. Small values never reach that point and allocate no
// cache.
#include "brine/value/equality.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"
#include "brine/value/string_views.h"

namespace brine {
namespace equality_internal {

const char kTextHashSeed = 0;

uint64_t LongTextHash(std::string_view text) { return absl::Hash<absl::string_view>{}(ToAbsl(text)); }

}  // namespace equality_internal

namespace {

constexpr uint64_t kHashModulus = (uint64_t{1} << 61) - 1;
constexpr int kHashBits = 61;
constexpr int64_t kHashInf = 314159;

// Which hash a call computes: CPython's own (PyHash) or the seeded one of
// dict and set indexes (KeyHash).
enum class HashKind { kPython, kKey };

// Containers a call expands before it starts remembering results.
constexpr size_t kContainersBeforeCaching = 32;

bool IsIntLike(Kind k) { return k == Kind::kBool || k == Kind::kInt || k == Kind::kBigInt; }
bool IsNumber(Kind k) { return IsIntLike(k) || k == Kind::kFloat || k == Kind::kComplex; }
bool IsSetKind(Kind k) { return k == Kind::kSet || k == Kind::kFrozenSet; }
bool IsBytesKind(Kind k) { return k == Kind::kBytes || k == Kind::kByteArray; }

// int == float, exactly (no rounding of the int).
bool IntEqualsDouble(Value integer, double d) {
  if (!std::isfinite(d) || d != std::trunc(d)) return false;
  constexpr double kTwoTo63 = 9223372036854775808.0;
  bool fits_int64 = d >= -kTwoTo63 && d < kTwoTo63;
  if (integer.kind() != Kind::kBigInt) return fits_int64 && static_cast<int64_t>(d) == integer.as_int();
  return !fits_int64 && TwosComplementOfIntegralDouble(d) == integer.as<BigInt>()->twos_complement_le;
}

// Equality of two real numbers (bool, int, big int, float).
bool RealsEqual(Value a, Value b) {
  bool a_float = a.kind() == Kind::kFloat;
  bool b_float = b.kind() == Kind::kFloat;
  if (a_float && b_float) return a.as_float() == b.as_float();
  if (a_float) return IntEqualsDouble(b, a.as_float());
  if (b_float) return IntEqualsDouble(a, b.as_float());
  bool a_big = a.kind() == Kind::kBigInt;
  bool b_big = b.kind() == Kind::kBigInt;
  if (a_big != b_big) return false;  // big ints never fit int64
  if (a_big) return a.as<BigInt>()->twos_complement_le == b.as<BigInt>()->twos_complement_le;
  return a.as_int() == b.as_int();
}

bool NumbersEqual(Value a, Value b) {
  if (a.kind() == Kind::kComplex && b.kind() == Kind::kComplex) {
    const Complex& x = *a.as<Complex>();
    const Complex& y = *b.as<Complex>();
    return x.real == y.real && x.imag == y.imag;
  }
  if (a.kind() == Kind::kComplex) std::swap(a, b);
  if (b.kind() == Kind::kComplex) {
    const Complex& c = *b.as<Complex>();
    return c.imag == 0 && RealsEqual(a, Value::Float(c.real));
  }
  return RealsEqual(a, b);
}

// CPython's hash of a signed magnitude already reduced modulo 2**61 - 1.
uint64_t SignedHash(bool negative, uint64_t magnitude_mod) {
  int64_t h = negative ? -static_cast<int64_t>(magnitude_mod) : static_cast<int64_t>(magnitude_mod);
  if (h == -1) h = -2;
  return static_cast<uint64_t>(h);
}

uint64_t HashInt64(int64_t v) {
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return SignedHash(v < 0, magnitude % kHashModulus);
}

uint64_t HashBigInt(std::string_view bytes) {
  // Unsigned value U of the bytes modulo P; for negative ints |x| = 2**(8n) - U.
  uint64_t u = 0;
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
    unsigned __int128 next = (static_cast<unsigned __int128>(u) << 8) | static_cast<uint8_t>(*it);
    u = static_cast<uint64_t>(next % kHashModulus);
  }
  bool negative = (static_cast<uint8_t>(bytes.back()) & 0x80) != 0;
  if (!negative) return SignedHash(false, u);
  uint64_t power = uint64_t{1} << ((8 * bytes.size()) % kHashBits);  // 2**(8n) mod P, as 2**61 == 1
  uint64_t magnitude = (power + kHashModulus - u) % kHashModulus;
  return SignedHash(true, magnitude);
}

// CPython's _Py_HashDouble for finite values; NaN hashes to 0 here (CPython
// hashes it by identity, and it equals nothing anyway).
uint64_t HashDouble(double d) {
  if (std::isnan(d)) return 0;
  if (std::isinf(d)) return static_cast<uint64_t>(d > 0 ? kHashInf : -kHashInf);
  int exponent = 0;
  double mantissa = std::frexp(d, &exponent);
  bool negative = mantissa < 0;
  if (negative) mantissa = -mantissa;
  uint64_t h = 0;
  while (mantissa != 0) {
    h = ((h << 28) & kHashModulus) | h >> (kHashBits - 28);
    mantissa *= 268435456.0;  // 2**28
    exponent -= 28;
    uint64_t y = static_cast<uint64_t>(mantissa);
    mantissa -= static_cast<double>(y);
    h += y;
    if (h >= kHashModulus) h -= kHashModulus;
  }
  exponent = exponent >= 0 ? exponent % kHashBits : kHashBits - 1 - ((-1 - exponent) % kHashBits);
  h = ((h << exponent) & kHashModulus) | h >> (kHashBits - exponent);
  return SignedHash(negative, h);
}

// CPython's tuple hash (xxHash-based), over already computed item hashes.
constexpr uint64_t kPrime1 = 11400714785074694791ULL;
constexpr uint64_t kPrime2 = 14029467366897019727ULL;
constexpr uint64_t kPrime5 = 2870177450012600261ULL;
uint64_t TupleAccumulate(uint64_t acc, uint64_t lane) {
  acc += lane * kPrime2;
  acc = (acc << 31) | (acc >> 33);
  return acc * kPrime1;
}
uint64_t TupleFinish(uint64_t acc, size_t length) {
  acc += length ^ (kPrime5 ^ 3527539ULL);
  return acc == ~uint64_t{0} ? 1546275796 : acc;
}

// Order-independent mixing of frozenset element hashes.
uint64_t ShuffleBits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }
uint64_t FrozenSetFinish(uint64_t acc, size_t length) {
  acc ^= (length + 1) * 1927868237ULL;
  acc ^= (acc >> 11) ^ (acc >> 25);
  acc = acc * 69069U + 907133923ULL;
  return acc == ~uint64_t{0} ? 590923713ULL : acc;
}

// KeyHash's numbers: equal numbers (1 == 1.0 == True == 1+0j, a float equal
// to a big int) hash alike through one canonical form (an int64, minimal
// two's complement bytes, or the bits of a non-integral double), mixed by
// Abseil's per-process seeded hash, so a pickle cannot choose collisions.
uint64_t KeyHashInteger(int64_t v) { return absl::Hash<int64_t>{}(v); }
uint64_t KeyHashBigInt(std::string_view twos_complement) {
  return absl::Hash<std::pair<int, absl::string_view>>{}({1, ToAbsl(twos_complement)});
}
// A NaN equals only itself (the same object: its bits and identity, see
// Value::Float), so it hashes by both, as CPython hashes a NaN by identity.
uint64_t KeyHashNaN(Value nan) {
  uint64_t bits;
  const double d = nan.as_float();
  std::memcpy(&bits, &d, sizeof bits);
  return absl::Hash<std::pair<uint64_t, uint32_t>>{}({bits, nan.object_id()});
}
uint64_t KeyHashDouble(double d) {
  if (std::isnan(d)) return 0;  // a complex's NaN part: complexes are heap objects, found by identity
  if (std::isfinite(d) && d == std::trunc(d)) {
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (d >= -kTwoTo63 && d < kTwoTo63) return KeyHashInteger(static_cast<int64_t>(d));
    return KeyHashBigInt(TwosComplementOfIntegralDouble(d));
  }
  return absl::Hash<double>{}(d);
}

// The hash of a number, of either kind.
uint64_t NumberHash(Value v, HashKind kind) {
  const bool python = kind == HashKind::kPython;
  switch (v.kind()) {
    case Kind::kBigInt: {
      std::string_view bytes = v.as<BigInt>()->twos_complement_le;
      return python ? HashBigInt(bytes) : KeyHashBigInt(bytes);
    }
    case Kind::kFloat:
      if (python) return HashDouble(v.as_float());
      return std::isnan(v.as_float()) ? KeyHashNaN(v) : KeyHashDouble(v.as_float());
    case Kind::kComplex: {
      const Complex& c = *v.as<Complex>();
      if (!python) return c.imag == 0 ? KeyHashDouble(c.real) : KeyHashDouble(c.real) * 1000003ULL ^ KeyHashDouble(c.imag);
      uint64_t h = HashDouble(c.real) + 1000003ULL * HashDouble(c.imag);
      return h == ~uint64_t{0} ? ~uint64_t{1} : h;
    }
    default: return python ? HashInt64(v.as_int()) : KeyHashInteger(v.as_int());  // bool, int
  }
}

absl::Status Unhashable(Kind kind) {
  return absl::InvalidArgumentError(absl::StrCat("unhashable type: '", std::string(KindName(kind)), "'"));
}

// What stands for `v` as a key: a Native hashed by value is its key
// (Native::hash); anything else is itself.
Value KeyOf(Value v) {
  if (v.kind() != Kind::kNative) return v;
  const NativeHash& hash = v.as<Native>()->hash;
  return hash.mode == NativeHash::Mode::kByKey ? hash.key : v;
}

// A Native not hashed by value: by identity, or not at all.
absl::StatusOr<uint64_t> NativeLeafHash(Value native) {
  const NativeHash& hash = native.as<Native>()->hash;
  if (hash.mode == NativeHash::Mode::kUnhashable) {
    return absl::InvalidArgumentError(ToAbsl(hash.unhashable));
  }
  return static_cast<uint64_t>(absl::Hash<const void*>{}(native.object()));
}

// Hash of a value with no children to visit (`v` is KeyOf a value);
// nullopt for tuples/frozensets.
std::optional<absl::StatusOr<uint64_t>> LeafHash(Value v, HashKind kind) {
  switch (v.kind()) {
    case Kind::kNone: return uint64_t{0xFCA86420};
    case Kind::kBool:
    case Kind::kInt:
    case Kind::kBigInt:
    case Kind::kFloat:
    case Kind::kComplex: return NumberHash(v, kind);
    case Kind::kStr: return TextHash(v.as<Str>()->utf8);
    case Kind::kBytes: return TextHash(v.as<Bytes>()->data);
    case Kind::kGlobal: {
      const Global& g = *v.as<Global>();
      return TextHash(g.module) * 31 + TextHash(g.qualname);
    }
    case Kind::kTuple:
    case Kind::kFrozenSet: return std::nullopt;
    case Kind::kByteArray:
    case Kind::kList:
    case Kind::kDict:
    case Kind::kSet: return absl::StatusOr<uint64_t>(Unhashable(v.kind()));
    case Kind::kNative: return NativeLeafHash(v);
    default: return static_cast<uint64_t>(absl::Hash<const void*>{}(v.object()));
  }
}

// A tuple or frozenset whose item hashes are being folded.
struct HashFrame {
  Value container;
  size_t next = 0;
  uint64_t acc = 0;
};

std::span<const Value> ChildrenOf(Value container) {
  if (container.kind() == Kind::kTuple) return container.as<Tuple>()->items;
  const auto& items = container.as<Set>()->items;
  return {items.data(), items.size()};
}

HashFrame StartFrame(Value container) {
  return {container, 0, container.kind() == Kind::kTuple ? kPrime5 : 0};
}

void Fold(HashFrame& frame, uint64_t h) {
  frame.acc = frame.container.kind() == Kind::kTuple ? TupleAccumulate(frame.acc, h) : frame.acc ^ ShuffleBits(h);
  ++frame.next;
}

uint64_t Finish(const HashFrame& frame) {
  size_t length = ChildrenOf(frame.container).size();
  return frame.container.kind() == Kind::kTuple ? TupleFinish(frame.acc, length) : FrozenSetFinish(frame.acc, length);
}

// `finished`: hashes of finished tuples and frozensets (immutable, so valid
// for a whole call, or longer: KeyHashCache), filled once a call has expanded
// more than a few containers.
absl::StatusOr<uint64_t> HashWithCache(Value value, HashKind kind, KeyHashCache& finished) {
  value = KeyOf(value);
  if (std::optional<absl::StatusOr<uint64_t>> leaf = LeafHash(value, kind)) return *leaf;
  if (!finished.empty()) {
    if (auto it = finished.find(value.object()); it != finished.end()) return it->second;
  }
  std::vector<HashFrame> stack = {StartFrame(value)};
  // Once more than a few containers were expanded, finished containers go to
  // `finished`, and the containers being hashed to `in_progress`, to refuse
  // one that holds itself (CPython overflows its stack there; only
  // hand-built graphs can do it).
  size_t expanded = 1;
  absl::flat_hash_set<const Object*> in_progress;
  while (true) {
    HashFrame& frame = stack.back();
    std::span<const Value> children = ChildrenOf(frame.container);
    if (frame.next == children.size()) {
      uint64_t h = Finish(frame);
      const Object* done = frame.container.object();
      stack.pop_back();
      if (expanded > kContainersBeforeCaching) {
        in_progress.erase(done);
        finished.emplace(done, h);
      }
      if (stack.empty()) return h;
      Fold(stack.back(), h);
      continue;
    }
    Value child = KeyOf(children[frame.next]);
    std::optional<absl::StatusOr<uint64_t>> leaf = LeafHash(child, kind);
    if (!leaf) {
      if (!finished.empty()) {
        if (auto it = finished.find(child.object()); it != finished.end()) {
          Fold(frame, it->second);
          continue;
        }
      }
      if (expanded > kContainersBeforeCaching && !in_progress.insert(child.object()).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("cannot hash a ", std::string(KindName(child.kind())), " that contains itself"));
      }
      ++expanded;
      stack.push_back(StartFrame(child));
      continue;
    }
    if (!leaf->ok()) return leaf->status();
    Fold(frame, **leaf);
  }
}

// Pairs of containers are compared by pushing their element pairs.
struct PairHash {
  size_t operator()(const std::pair<const Object*, const Object*>& p) const {
    return absl::Hash<std::pair<const void*, const void*>>{}({p.first, p.second});
  }
};

}  // namespace

namespace {

enum class Shallow { kEqual, kUnequal, kCompareChildren };

// Compares everything but the elements of two tuples, lists, dicts or sets.
Shallow CompareShallow(Value x, Value y) {
  if (x.is_object() && x.object() == y.object()) return Shallow::kEqual;  // identity implies equality
  auto verdict = [](bool equal) { return equal ? Shallow::kEqual : Shallow::kUnequal; };
  Kind kx = x.kind();
  Kind ky = y.kind();
  if (IsNumber(kx) || IsNumber(ky)) return verdict(IsNumber(kx) && IsNumber(ky) && NumbersEqual(x, y));
  if (IsBytesKind(kx) && IsBytesKind(ky)) return verdict(x.as<Bytes>()->data == y.as<Bytes>()->data);
  if (IsSetKind(kx) && IsSetKind(ky)) {
    return x.as<Set>()->items.size() == y.as<Set>()->items.size() ? Shallow::kCompareChildren : Shallow::kUnequal;
  }
  if (kx != ky) return Shallow::kUnequal;
  switch (kx) {
    case Kind::kNone: return Shallow::kEqual;
    case Kind::kStr: return verdict(x.as<Str>()->utf8 == y.as<Str>()->utf8);
    case Kind::kGlobal:
      return verdict(x.as<Global>()->module == y.as<Global>()->module &&
                     x.as<Global>()->qualname == y.as<Global>()->qualname &&
                     x.as<Global>()->extension_code == y.as<Global>()->extension_code);
    case Kind::kTuple: return x.as<Tuple>()->items.size() == y.as<Tuple>()->items.size() ? Shallow::kCompareChildren
                                                                                         : Shallow::kUnequal;
    case Kind::kList: return x.as<List>()->items.size() == y.as<List>()->items.size() ? Shallow::kCompareChildren
                                                                                       : Shallow::kUnequal;
    case Kind::kDict: return x.as<Dict>()->items.size() == y.as<Dict>()->items.size() ? Shallow::kCompareChildren
                                                                                       : Shallow::kUnequal;
    default: return Shallow::kUnequal;  // other heap objects compare by identity
  }
}

// For two sets of the same size: pushes, for each element of `x`, the pair
// of it and the element of `y` with the same hash, which it must equal for `x`
// to equal `y`. Returns false when some element of `x` cannot be in `y`.
// Only when several elements of `y` share that hash (a collision) is the
// match decided at once, by a nested comparison.
bool PushSetElementPairs(const Set* x, const Set* y, KeyHashCache& hashes,
                         std::vector<std::pair<Value, Value>>& work) {
  std::vector<std::pair<uint64_t, Value>> by_hash;
  by_hash.reserve(y->items.size());
  for (Value item : y->items) {
    absl::StatusOr<uint64_t> h = HashWithCache(item, HashKind::kKey, hashes);
    if (!h.ok()) return false;
    by_hash.emplace_back(*h, item);
  }
  auto by_first = [](const std::pair<uint64_t, Value>& p, const std::pair<uint64_t, Value>& q) {
    return p.first < q.first;
  };
  std::sort(by_hash.begin(), by_hash.end(), by_first);
  for (Value item : x->items) {
    absl::StatusOr<uint64_t> h = HashWithCache(item, HashKind::kKey, hashes);
    if (!h.ok()) return false;
    auto [first, last] = std::equal_range(by_hash.begin(), by_hash.end(), std::pair<uint64_t, Value>(*h, Value()), by_first);
    if (first == last) return false;
    if (last - first == 1) {
      work.emplace_back(item, first->second);
      continue;
    }
    bool found = false;
    for (auto it = first; it != last && !found; ++it) found = PyEquals(item, it->second);
    if (!found) return false;
  }
  return true;
}

}  // namespace

bool PyEquals(Value a, Value b, KeyHashCache* hashes) {
  a = KeyOf(a);
  b = KeyOf(b);
  Shallow first = CompareShallow(a, b);
  if (first != Shallow::kCompareChildren) return first == Shallow::kEqual;
  std::vector<std::pair<Value, Value>> work = {{a, b}};
  // Pairs already expanded: each was either proven equal or still has its
  // elements on the work stack, where any difference ends the call with false.
  // So a pair met again (shared, or part of a cycle) needs no second look.
  // Filled only after the first few expansions, which a cycle or a shared
  // DAG soon exceeds.
  absl::flat_hash_set<std::pair<const Object*, const Object*>, PairHash> compared;
  size_t expanded = 0;
  KeyHashCache own_hashes;  // of set elements, shared by every set pair of the call
  KeyHashCache& set_hashes = hashes != nullptr ? *hashes : own_hashes;
  while (!work.empty()) {
    auto [x, y] = work.back();
    work.pop_back();
    if (x == y) continue;  // elements are compared identity first, as CPython does: a NaN equals itself there
    x = KeyOf(x);
    y = KeyOf(y);
    Shallow step = CompareShallow(x, y);
    if (step == Shallow::kUnequal) return false;
    if (step == Shallow::kEqual) continue;
    if (++expanded > kContainersBeforeCaching && !compared.insert({x.object(), y.object()}).second) continue;
    if (IsSetKind(x.kind())) {
      if (!PushSetElementPairs(x.as<Set>(), y.as<Set>(), set_hashes, work)) return false;
      continue;
    }
    if (x.kind() == Kind::kDict) {
      const Dict* dy = y.as<Dict>();
      for (const auto& [key, value] : x.as<Dict>()->items) {
        std::optional<Value> other = DictGetItem(dy, key);
        if (!other) return false;
        work.emplace_back(value, *other);
      }
      continue;
    }
    std::span<const Value> ix = x.kind() == Kind::kTuple ? std::span<const Value>(x.as<Tuple>()->items)
                                                         : std::span<const Value>(x.as<List>()->items);
    std::span<const Value> iy = x.kind() == Kind::kTuple ? std::span<const Value>(y.as<Tuple>()->items)
                                                         : std::span<const Value>(y.as<List>()->items);
    for (size_t i = ix.size(); i-- > 0;) work.emplace_back(ix[i], iy[i]);
  }
  return true;
}

absl::StatusOr<uint64_t> PyHash(Value value) {
  KeyHashCache cache;
  return HashWithCache(value, HashKind::kPython, cache);
}

absl::StatusOr<uint64_t> KeyHash(Value value, KeyHashCache* hashes) {
  if (value.kind() == Kind::kStr) return TextHash(value.as<Str>()->utf8);  // the common keys first
  if (value.kind() == Kind::kInt) return KeyHashInteger(value.as_int());
  if (hashes != nullptr) return HashWithCache(value, HashKind::kKey, *hashes);
  KeyHashCache cache;
  return HashWithCache(value, HashKind::kKey, cache);
}

}  // namespace brine
