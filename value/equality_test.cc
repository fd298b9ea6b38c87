// Tests for PyEquals/PyHash: numbers of every kind against CPython's `==` and
// hash() computed at test time, plus structural, identity and depth cases.
#include "brine/value/equality.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/numeric/int128.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"
#include "brine/value/heap.h"
#include "brine/value/native_format.h"

namespace brine {
namespace {

double DoubleFromBitsHex(const std::string& hex) {
  std::string bytes = absl::HexStringToBytes(hex);
  double d;
  std::memcpy(&d, bytes.data(), sizeof d);
  return d;
}

// Builds a number from the script's descriptor: b:0/1, i:DECIMAL, f:BITS, c:BITS:BITS.
Value NumberFrom(Heap& heap, const std::string& descriptor) {
  std::vector<std::string> parts = absl::StrSplit(descriptor, ':');
  if (parts[0] == "b") return Value::Bool(parts[1] == "1");
  if (parts[0] == "i") return *IntFromDecimal(heap, parts[1]);
  if (parts[0] == "f") return Value::Float(DoubleFromBitsHex(parts[1]));
  return heap.NewComplex(DoubleFromBitsHex(parts[1]), DoubleFromBitsHex(parts[2]));
}

constexpr char kNumbers[] = R"(
import struct, random
random.seed(23)
bits = lambda d: struct.pack('<d', d).hex()
nums = [False, True, 0, 1, -1, 2, -2, 7, 2**31, 2**53, 2**53 + 1, 2**62, 2**63 - 1, -2**63, 2**63, -2**63 - 1,
        2**64, 2**64 + 1, -2**64, 2**100, 3 * 2**200, 10**30, -10**30, 2**61 - 1, 2**61, -(2**61 - 1), 2**122 - 2**60,
        0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 7.0, 2.0**53, 2.0**53 + 2, 2.0**63, -2.0**63, 2.0**64, -2.0**64, 2.0**100,
        3 * 2.0**200, 1e30, 1e308, 5e-324, 0.1, float('inf'), float('-inf'), float('nan'),
        0j, complex(-0.0, 0.0), 1 + 0j, complex(1, -0.0), 1j, 2.5 + 3j, complex(2.0**64, 0), complex(float('inf'), 0)]
for _ in range(60):
    n = random.getrandbits(random.randint(1, 200)) * random.choice([1, -1])
    nums += [n, float(n)]
def desc(v):
    if isinstance(v, bool): return 'b:%d' % v
    if isinstance(v, int): return 'i:%d' % v
    if isinstance(v, float): return 'f:' + bits(v)
    return 'c:%s:%s' % (bits(v.real), bits(v.imag))
print(' '.join(desc(v) for v in nums))
print(' '.join(str(hash(v) & (2**64 - 1)) for v in nums))
for a in nums:
    print(''.join('1' if a == b else '0' for b in nums))
)";

TEST(EqualityTest, NumbersCompareAndHashLikeCPython) {
  absl::StatusOr<ProcessResult> result = RunPython(kNumbers);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->exit_code, 0) << result->stderr_text;
  std::vector<std::string> lines = absl::StrSplit(result->stdout_text, '\n', absl::SkipEmpty());
  std::vector<std::string> descriptors = absl::StrSplit(lines[0], ' ');
  std::vector<std::string> hashes = absl::StrSplit(lines[1], ' ');
  ASSERT_EQ(lines.size(), descriptors.size() + 2);
  Heap heap;
  std::vector<Value> values;
  for (const std::string& d : descriptors) values.push_back(NumberFrom(heap, d));
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StatusOr<uint64_t> hash = PyHash(values[i]);
    ASSERT_TRUE(hash.ok());
    bool is_nan = values[i].kind() == Kind::kFloat && values[i].as_float() != values[i].as_float();
    if (!is_nan) {
      EXPECT_EQ(std::to_string(*hash), hashes[i]) << descriptors[i];
    }
    for (size_t j = 0; j < values.size(); ++j) {
      EXPECT_EQ(PyEquals(values[i], values[j]), lines[i + 2][j] == '1') << descriptors[i] << " == " << descriptors[j];
    }
  }
}

TEST(EqualityTest, TupleHashesMatchCPython) {
  absl::StatusOr<ProcessResult> result = RunPython(R"(
print(hash(()) & (2**64 - 1), hash((1,)) & (2**64 - 1), hash((1, 2.5, (3, -4), 2**70)) & (2**64 - 1))
)");
  ASSERT_TRUE(result.ok());
  std::vector<std::string> expected = absl::StrSplit(result->stdout_text.substr(0, result->stdout_text.size() - 1), ' ');
  Heap heap;
  Value one[] = {Value::Int(1)};
  Value inner[] = {Value::Int(3), Value::Int(-4)};
  Value mixed[] = {Value::Int(1), Value::Float(2.5), heap.NewTuple(inner), *IntFromDecimal(heap, "1180591620717411303424")};
  EXPECT_EQ(std::to_string(*PyHash(heap.NewTuple({}))), expected[0]);
  EXPECT_EQ(std::to_string(*PyHash(heap.NewTuple(one))), expected[1]);
  EXPECT_EQ(std::to_string(*PyHash(heap.NewTuple(mixed))), expected[2]);
}

TEST(EqualityTest, UnhashableMessagesMatchCPython) {
  absl::StatusOr<ProcessResult> result = RunPython(R"(
for v in ([], {}, set(), bytearray(), (1, [2])):
    try:
        hash(v)
    except TypeError as e:
        print(e)
)");
  ASSERT_TRUE(result.ok());
  std::vector<std::string> expected = absl::StrSplit(result->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(expected.size(), 5u);
  Heap heap;
  Value holds_list[] = {Value::Int(1), heap.NewList()};
  Value values[] = {heap.NewList(), heap.NewDict(), heap.NewSet(), heap.NewByteArray(""), heap.NewTuple(holds_list)};
  for (size_t i = 0; i < 5; ++i) {
    absl::StatusOr<uint64_t> hash = PyHash(values[i]);
    ASSERT_FALSE(hash.ok());
    EXPECT_EQ(std::string(hash.status().message()), expected[i]);
  }
}

TEST(EqualityTest, StringsBytesAndNames) {
  Heap heap;
  EXPECT_TRUE(PyEquals(heap.NewStr("abc"), heap.NewStr("abc")));
  EXPECT_FALSE(PyEquals(heap.NewStr("abc"), heap.NewStr("abd")));
  EXPECT_FALSE(PyEquals(heap.NewStr("abc"), heap.NewBytes("abc")));
  EXPECT_TRUE(PyEquals(heap.NewBytes("abc"), heap.NewByteArray("abc")));
  EXPECT_EQ(*PyHash(heap.NewStr("x")), *PyHash(heap.NewStr("x")));
  EXPECT_TRUE(PyEquals(heap.NewGlobal("a.b", "C"), heap.NewGlobal("a.b", "C")));
  EXPECT_FALSE(PyEquals(heap.NewGlobal("a.b", "C"), heap.NewGlobal("a", "b.C")));
  EXPECT_EQ(*PyHash(heap.NewGlobal("a.b", "C")), *PyHash(heap.NewGlobal("a.b", "C")));
  EXPECT_FALSE(PyEquals(Value(), Value::Int(0)));
  EXPECT_TRUE(PyEquals(Value(), Value()));
}

TEST(EqualityTest, OpaqueObjectsCompareByIdentity) {
  Heap heap;
  Instance* a = heap.NewInstance();
  Instance* b = heap.NewInstance();
  EXPECT_TRUE(PyEquals(Value::FromObject(a), Value::FromObject(a)));
  EXPECT_FALSE(PyEquals(Value::FromObject(a), Value::FromObject(b)));
  EXPECT_TRUE(PyHash(Value::FromObject(a)).ok());
}

// A Native hashed as `hash` says (what a reconstructor set's HashNative gives).
Value NativeHashedAs(Heap& heap, NativeHash hash) {
  Native* native = heap.NewNative();
  native->hash = hash;
  return Value::FromObject(native);
}

TEST(NativeKeysTest, ByIdentityUnlessSaidOtherwise) {
  Heap heap;
  Value a = NativeHashedAs(heap, NativeHash{});
  Value b = NativeHashedAs(heap, NativeHash{});
  EXPECT_TRUE(PyEquals(a, a));
  EXPECT_FALSE(PyEquals(a, b));
  EXPECT_TRUE(KeyHash(a).ok());
}

TEST(NativeKeysTest, UnhashableFailsWithItsMessage) {
  Heap heap;
  Value slice = NativeHashedAs(heap, Unhashable("unhashable type: 'slice'"));
  const Value holds_it[] = {Value::Int(1), slice};
  for (Value key : {slice, heap.NewTuple(holds_it)}) {
    EXPECT_EQ(std::string(KeyHash(key).status().message()), "unhashable type: 'slice'");
    EXPECT_EQ(std::string(PyHash(key).status().message()), "unhashable type: 'slice'");
  }
}

TEST(NativeKeysTest, NumberKeysEqualNumbersOfEveryKind) {
  // Decimal(1) or Fraction(1): key 1, so == 1 == 1.0 == True with one hash.
  Heap heap;
  Value one = NativeHashedAs(heap, HashedAs(Value::Int(1)));
  for (Value number : {Value::Int(1), Value::Float(1.0), Value::Bool(true), heap.NewComplex(1, 0)}) {
    EXPECT_TRUE(PyEquals(one, number));
    EXPECT_TRUE(PyEquals(number, one));
    EXPECT_EQ(*KeyHash(one), *KeyHash(number));
    EXPECT_EQ(*PyHash(one), *PyHash(number));
  }
  EXPECT_FALSE(PyEquals(one, Value::Int(2)));
}

TEST(NativeKeysTest, TaggedKeysEqualOnlyKeysOfTheirTag) {
  static const KeyTag kDay;
  static const KeyTag kOther;
  Heap heap;
  Value day = NativeHashedAs(heap, HashedAs(heap, kDay, {Value::Int(7)}));
  Value same_day = NativeHashedAs(heap, HashedAs(heap, kDay, {Value::Int(7)}));
  Value other_day = NativeHashedAs(heap, HashedAs(heap, kDay, {Value::Int(8)}));
  Value other_kind = NativeHashedAs(heap, HashedAs(heap, kOther, {Value::Int(7)}));
  EXPECT_TRUE(PyEquals(day, same_day));
  EXPECT_EQ(*KeyHash(day), *KeyHash(same_day));
  EXPECT_FALSE(PyEquals(day, other_day));
  EXPECT_FALSE(PyEquals(day, other_kind));
  EXPECT_FALSE(PyEquals(day, Value::Int(7)));
  const Value decoded_tuple[] = {Value::Int(7)};
  EXPECT_FALSE(PyEquals(day, heap.NewTuple(decoded_tuple)));
  // Inside containers too: (day,) == (same_day,), frozenset({day}) == frozenset({same_day}).
  const Value holds_day[] = {day};
  const Value holds_same_day[] = {same_day};
  EXPECT_TRUE(PyEquals(heap.NewTuple(holds_day), heap.NewTuple(holds_same_day)));
  EXPECT_EQ(*KeyHash(heap.NewTuple(holds_day)), *KeyHash(heap.NewTuple(holds_same_day)));
  Value days = heap.NewFrozenSet();
  Value same_days = heap.NewFrozenSet();
  ASSERT_TRUE(SetAdd(heap, days.as<Set>(), day).ok());
  ASSERT_TRUE(SetAdd(heap, same_days.as<Set>(), same_day).ok());
  EXPECT_TRUE(PyEquals(days, same_days));
}

TEST(EqualityTest, NaNEqualsItselfOnlyAsAnElement) {
  // x = float('nan'); y = float('nan'): x == x is False, (x,) == (x,) True,
  // (x,) == (y,) False, and x is one dict key.
  absl::StatusOr<std::string> python = RunPythonStdout(R"(
x, y = float('nan'), float('nan')
print(x == x, (x,) == (x,), (x,) == (y,), [x] == [x], len({x: 1, x: 2}), len({x, y}), len({(x,), (x,)}))
)");
  ASSERT_TRUE(python.ok()) << python.status();
  Heap heap;
  const double nan = std::nan("");
  Value x = Value::Float(nan, 1);
  Value y = Value::Float(nan, 2);
  auto tuple = [&](Value item) { return heap.NewTuple(std::span<const Value>(&item, 1)); };
  auto list = [&](Value item) {
    Value l = heap.NewList();
    l.as<List>()->items.push_back(item);
    return l;
  };
  auto py_bool = [](bool b) { return b ? "True" : "False"; };
  Value dict = heap.NewDict();
  ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), x, Value::Int(1)).ok());
  ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), x, Value::Int(2)).ok());
  Value set = heap.NewSet();
  ASSERT_TRUE(SetAdd(heap, set.as<Set>(), x).ok());
  ASSERT_TRUE(SetAdd(heap, set.as<Set>(), y).ok());
  Value tuples = heap.NewSet();
  ASSERT_TRUE(SetAdd(heap, tuples.as<Set>(), tuple(x)).ok());
  ASSERT_TRUE(SetAdd(heap, tuples.as<Set>(), tuple(x)).ok());
  const std::string brine = absl::StrCat(
      py_bool(PyEquals(x, x)), " ", py_bool(PyEquals(tuple(x), tuple(x))), " ", py_bool(PyEquals(tuple(x), tuple(y))),
      " ", py_bool(PyEquals(list(x), list(x))), " ", dict.as<Dict>()->items.size(), " ", set.as<Set>()->items.size(),
      " ", tuples.as<Set>()->items.size(), "\n");
  EXPECT_EQ(brine, *python);
}

TEST(EqualityTest, ContainersCompareStructurally) {
  Heap heap;
  Value s1 = heap.NewFrozenSet();
  Value s2 = heap.NewSet();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(SetAdd(heap, s1.as<Set>(), Value::Int(i)).ok());
  for (int i = 19; i >= 0; --i) ASSERT_TRUE(SetAdd(heap, s2.as<Set>(), Value::Float(i)).ok());
  EXPECT_TRUE(PyEquals(s1, s2));  // set == frozenset, order and int/float do not matter
  Value s3 = heap.NewFrozenSet();
  for (int i = 19; i >= 0; --i) ASSERT_TRUE(SetAdd(heap, s3.as<Set>(), Value::Int(i)).ok());
  EXPECT_EQ(*PyHash(s1), *PyHash(s3));
  ASSERT_TRUE(SetAdd(heap, s3.as<Set>(), Value::Int(99)).ok());
  EXPECT_FALSE(PyEquals(s1, s3));

  Value d1 = heap.NewDict();
  Value d2 = heap.NewDict();
  ASSERT_TRUE(DictSetItem(heap, d1.as<Dict>(), Value::Int(1), heap.NewStr("a")).ok());
  ASSERT_TRUE(DictSetItem(heap, d1.as<Dict>(), Value::Int(2), heap.NewStr("b")).ok());
  ASSERT_TRUE(DictSetItem(heap, d2.as<Dict>(), Value::Float(2), heap.NewStr("b")).ok());
  ASSERT_TRUE(DictSetItem(heap, d2.as<Dict>(), Value::Bool(true), heap.NewStr("a")).ok());
  EXPECT_TRUE(PyEquals(d1, d2));
  ASSERT_TRUE(DictSetItem(heap, d2.as<Dict>(), Value::Int(1), heap.NewStr("z")).ok());
  EXPECT_FALSE(PyEquals(d1, d2));

  Value l1 = heap.NewList();
  Value l2 = heap.NewList();
  l1.as<List>()->items = {Value::Int(1), heap.NewStr("x")};
  l2.as<List>()->items = {Value::Float(1), heap.NewStr("x")};
  EXPECT_TRUE(PyEquals(l1, l2));
  Value t[] = {Value::Int(1), heap.NewStr("x")};
  EXPECT_FALSE(PyEquals(l1, heap.NewTuple(t)));  // list != tuple
}

TEST(EqualityTest, CyclicListsTerminate) {
  Heap heap;
  Value a = heap.NewList();
  Value b = heap.NewList();
  a.as<List>()->items.push_back(a);
  b.as<List>()->items.push_back(b);
  EXPECT_TRUE(PyEquals(a, b));
  b.as<List>()->items.push_back(Value::Int(1));
  EXPECT_FALSE(PyEquals(a, b));
}

TEST(EqualityTest, MillionDeepTuplesHashAndCompareWithoutRecursion) {
  Heap heap;
  Value a = heap.NewTuple({});
  Value b = heap.NewTuple({});
  for (int i = 0; i < 1000000; ++i) {
    Value ia[] = {a, Value::Int(i)};
    Value ib[] = {b, Value::Float(i)};
    a = heap.NewTuple(ia);
    b = heap.NewTuple(ib);
  }
  EXPECT_TRUE(PyEquals(a, b));
  absl::StatusOr<uint64_t> ha = PyHash(a);
  absl::StatusOr<uint64_t> hb = PyHash(b);
  ASSERT_TRUE(ha.ok());
  ASSERT_TRUE(hb.ok());
  EXPECT_EQ(*ha, *hb);
}

// `levels` tuples, each `(t, t)` of the one before, starting from `base`: a
// tree of 2**levels copies of `base` in only `levels` objects, as memo GETs
// build it in a pickle.
Value SharedTupleDag(Heap& heap, Value base, int levels) {
  Value t = base;
  for (int i = 0; i < levels; ++i) {
    Value pair[] = {t, t};
    t = heap.NewTuple(pair);
  }
  return t;
}

// CPython hashes of the shared tuple DAG over (3, 7) (ints: brine's str hash
// is its own, CPython's is salted per process): the real hash at
// 20 levels (2**20 leaves is quick), and at 40 levels the same recurrence
// through an object whose hash is the previous level's.
constexpr char kDagHashes[] = R"(
class HashOf:
    def __init__(self, h): self.h = h
    def __hash__(self): return self.h
t = (3, 7)
for _ in range(20): t = (t, t)
h = hash((3, 7))
for _ in range(40): h = hash((HashOf(h), HashOf(h)))
print(hash(t) & (2**64 - 1), h & (2**64 - 1))
)";

TEST(EqualityTest, SharedTupleDagHashesInLinearTimeLikeCPython) {
  absl::StatusOr<ProcessResult> result = RunPython(kDagHashes);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->exit_code, 0) << result->stderr_text;
  std::vector<std::string> expected = absl::StrSplit(result->stdout_text, absl::ByAnyChar(" \n"), absl::SkipEmpty());
  ASSERT_EQ(expected.size(), 2u);
  Heap heap;
  auto base = [&heap] {
    Value items[] = {Value::Int(3), Value::Int(7)};
    return heap.NewTuple(items);
  };
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<uint64_t> h20 = PyHash(SharedTupleDag(heap, base(), 20));
  absl::StatusOr<uint64_t> h40 = PyHash(SharedTupleDag(heap, base(), 40));
  ASSERT_TRUE(h20.ok()) << h20.status();
  ASSERT_TRUE(h40.ok()) << h40.status();
  EXPECT_EQ(std::to_string(*h20), expected[0]);
  EXPECT_EQ(std::to_string(*h40), expected[1]);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));  // 2**40 leaves would take hours
}

TEST(EqualityTest, SharedDagsCompareInLinearTime) {
  Heap heap;
  Value one[] = {Value::Int(1)};
  Value one_float[] = {Value::Float(1)};
  Value two[] = {Value::Int(2)};
  Value a = SharedTupleDag(heap, heap.NewTuple(one), 40);
  Value b = SharedTupleDag(heap, heap.NewTuple(one_float), 40);
  Value c = SharedTupleDag(heap, heap.NewTuple(two), 40);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(PyEquals(a, b));
  EXPECT_FALSE(PyEquals(a, c));
  // Lists too: forty levels of [x, x], and one whose last leaf differs.
  Value x = heap.NewList();
  Value y = heap.NewList();
  for (int i = 0; i < 40; ++i) {
    Value next_x = heap.NewList();
    Value next_y = heap.NewList();
    next_x.as<List>()->items = {x, x};
    next_y.as<List>()->items = {y, y};
    x = next_x;
    y = next_y;
  }
  EXPECT_TRUE(PyEquals(x, y));
  Value z = heap.NewList();
  z.as<List>()->items = {x.as<List>()->items[0], heap.NewList()};
  EXPECT_FALSE(PyEquals(x, z));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));  // 2**40 leaves would take hours
}

// frozenset({f, (f, tag)}) of the one before, `levels` times.
Value SharedFrozenSetDag(Heap& heap, int levels, Value tag) {
  Value f = heap.NewFrozenSet();
  for (int i = 0; i < levels; ++i) {
    Value pair[] = {f, tag};
    Value next = heap.NewFrozenSet();
    EXPECT_TRUE(SetAdd(heap, next.as<Set>(), f).ok());
    EXPECT_TRUE(SetAdd(heap, next.as<Set>(), heap.NewTuple(pair)).ok());
    f = next;
  }
  return f;
}

TEST(EqualityTest, SharedFrozenSetDagsCompareInLinearTime) {
  Heap heap;
  auto start = std::chrono::steady_clock::now();
  Value a = SharedFrozenSetDag(heap, 40, Value::Int(0));
  Value b = SharedFrozenSetDag(heap, 40, Value::Float(0));
  Value c = SharedFrozenSetDag(heap, 40, Value::Int(1));
  EXPECT_TRUE(PyEquals(a, b));
  EXPECT_EQ(*PyHash(a), *PyHash(b));
  EXPECT_FALSE(PyEquals(a, c));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));  // 2**40 leaves would take hours
}

TEST(EqualityTest, SetsWithCollidingElementHashes) {
  // hash(-1) == hash(-2) in CPython: both sets hold two elements of one hash.
  Heap heap;
  Value x = heap.NewSet();
  Value y = heap.NewFrozenSet();
  Value z = heap.NewSet();
  for (int64_t i : {-1, -2, 5}) ASSERT_TRUE(SetAdd(heap, x.as<Set>(), Value::Int(i)).ok());
  for (int64_t i : {5, -2, -1}) ASSERT_TRUE(SetAdd(heap, y.as<Set>(), Value::Int(i)).ok());
  for (int64_t i : {-1, -3, 5}) ASSERT_TRUE(SetAdd(heap, z.as<Set>(), Value::Int(i)).ok());
  EXPECT_EQ(*PyHash(Value::Int(-1)), *PyHash(Value::Int(-2)));
  EXPECT_TRUE(PyEquals(x, y));
  EXPECT_FALSE(PyEquals(x, z));
  EXPECT_FALSE(PyEquals(z, y));
}

TEST(EqualityTest, HandBuiltTupleHoldingItselfFailsToHash) {
  Heap heap;
  Value items[] = {Value::Int(1), Value()};
  Value t = heap.NewTuple(items);
  t.as<Tuple>()->items[1] = t;
  absl::StatusOr<uint64_t> hash = PyHash(t);
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.status().message(), "cannot hash a tuple that contains itself");
}

TEST(KeyHashTest, EqualNumbersHashAlike) {
  Heap heap;
  absl::StatusOr<Value> big = IntFromDecimal(heap, "1180591620717411303424");  // 2**70
  ASSERT_TRUE(big.ok());
  const uint64_t one = *KeyHash(Value::Int(1));
  EXPECT_EQ(*KeyHash(Value::Float(1.0)), one);
  EXPECT_EQ(*KeyHash(Value::Bool(true)), one);
  EXPECT_EQ(*KeyHash(heap.NewComplex(1.0, 0.0)), one);
  EXPECT_EQ(*KeyHash(Value::Float(0x1p70)), *KeyHash(*big));
  EXPECT_EQ(*KeyHash(Value::Float(-0.0)), *KeyHash(Value::Int(0)));
  const Value int_one[] = {Value::Int(1)};
  const Value float_one[] = {Value::Float(1.0)};
  EXPECT_EQ(*KeyHash(heap.NewTuple(int_one)), *KeyHash(heap.NewTuple(float_one)));
  EXPECT_FALSE(KeyHash(heap.NewList()).ok());
}

TEST(KeyHashTest, IntsSharingOnePythonHashGetDistinctKeyHashes) {
  // Every k * (2**61 - 1) has hash() 0 in CPython; as set elements or dict
  // keys they must not collide in the index.
  Heap heap;
  absl::flat_hash_set<uint64_t> key_hashes;
  const absl::uint128 modulus = (absl::uint128(1) << 61) - 1;
  for (int k = 1; k <= 1000; ++k) {
    std::ostringstream digits;
    digits << modulus * k;
    absl::StatusOr<Value> multiple = IntFromDecimal(heap, digits.str());
    ASSERT_TRUE(multiple.ok());
    EXPECT_EQ(*PyHash(*multiple), 0u);
    key_hashes.insert(*KeyHash(*multiple));
  }
  EXPECT_EQ(key_hashes.size(), 1000u);
}

TEST(TextHashTest, EveryByteAndTheLengthCount) {
  // Short text is hashed from words loaded at its two ends: a byte that no
  // load covered, or two lengths whose loads alias, would collide here.
  Heap heap;
  absl::flat_hash_set<uint64_t> by_length;
  for (size_t n = 0; n <= 40; ++n) {
    const std::string text(n, 'a');
    const uint64_t hash = TextHash(text);
    by_length.insert(hash);
    EXPECT_EQ(*KeyHash(heap.NewStr(text, /*borrow=*/false)), hash) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string changed = text;
      changed[i] = 'b';
      EXPECT_NE(TextHash(changed), hash) << "length " << n << ", byte " << i;
    }
  }
  EXPECT_EQ(by_length.size(), 41u);
  EXPECT_NE(TextHash(std::string("\0", 1)), TextHash(""));
}

}  // namespace
}  // namespace brine
