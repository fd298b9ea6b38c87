// Tests for dict/set mutation: keys, values and order against CPython's dict
// built from the same insertions (sets against the dict's key order, since
// brine keeps sets in insertion order), growth past the scan limit, and a
// million distinct keys in linear time.
#include "brine/value/containers.h"

#include "brine/value/native_format.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/bigint.h"
#include "brine/value/native_format.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// Builds a key from the script's descriptor: i:DECIMAL, f:BITS, s:UTF8HEX, b:0/1.
Value KeyFrom(Heap& heap, const std::string& descriptor) {
  std::vector<std::string> parts = absl::StrSplit(descriptor, ':');
  if (parts[0] == "i") return *IntFromDecimal(heap, parts[1]);
  if (parts[0] == "b") return Value::Bool(parts[1] == "1");
  std::string bytes = absl::HexStringToBytes(parts[1]);
  if (parts[0] == "s") return heap.NewStr(bytes);
  double d;
  std::memcpy(&d, bytes.data(), sizeof d);
  return Value::Float(d);
}

constexpr char kInsertions[] = R"(
import random, struct
random.seed(29)
pool = [True, False, 0, 1, -1, 2**70, -2**70, 0.0, -0.0, 1.0, 2.5, float(2**70), 'a', 'b', '', 'a\u00e9', '\U0001f600']
pool += [random.randint(-50, 50) for _ in range(150)] + [float(random.randint(-50, 50)) for _ in range(100)]
pool += [random.randint(-2**80, 2**80) for _ in range(50)] + ['k%d' % random.randint(0, 80) for _ in range(150)]
def desc(v):
    if isinstance(v, bool): return 'b:%d' % v
    if isinstance(v, int): return 'i:%d' % v
    if isinstance(v, float): return 'f:' + struct.pack('<d', v).hex()
    return 's:' + (v.encode().hex() or '')
for size in (3, 8, 9, 12, 40, 3000):
    keys = [random.choice(pool) for _ in range(size)]
    d = {}
    s = set()
    for i, k in enumerate(keys):
        d[k] = i
        s.add(k)
    print(' '.join(desc(k) for k in keys))
    print(repr(d).encode().hex())
    # Python iterates a set in hash order; brine keeps first-insertion order.
    assert len(s) == len(dict.fromkeys(keys))
    print(('{' + repr(list(dict.fromkeys(keys)))[1:-1] + '}').encode().hex())
)";

TEST(ContainersTest, DictAndSetMatchCPythonForTheSameInsertions) {
  absl::StatusOr<ProcessResult> result = RunPython(kInsertions);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->exit_code, 0) << result->stderr_text;
  std::vector<std::string> lines = absl::StrSplit(result->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 18u);
  for (size_t c = 0; c < lines.size(); c += 3) {
    Heap heap;
    Value dict = heap.NewDict();
    Value set = heap.NewSet();
    std::vector<std::string> keys = absl::StrSplit(lines[c], ' ');
    std::vector<Value> pairs;
    for (size_t i = 0; i < keys.size(); ++i) {
      Value key = KeyFrom(heap, keys[i]);
      pairs.insert(pairs.end(), {key, Value::Int(static_cast<int64_t>(i))});
      ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), key, Value::Int(static_cast<int64_t>(i))).ok());
      ASSERT_TRUE(SetAdd(heap, set.as<Set>(), key).ok());
      std::optional<Value> got = DictGetItem(dict.as<Dict>(), key);
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(got->as_int(), static_cast<int64_t>(i));
      EXPECT_TRUE(SetContains(set.as<Set>(), key));
    }
    EXPECT_EQ(*Repr(dict), absl::HexStringToBytes(lines[c + 1])) << keys.size() << " insertions";
    EXPECT_EQ(*Repr(set), absl::HexStringToBytes(lines[c + 2])) << keys.size() << " insertions";
    // The same pairs in SETITEMS-sized batches (1,000 pairs) after a first
    // pair set alone, so that batches meet an index made before and during them.
    Value batched = heap.NewDict();
    std::span<const Value> rest(pairs);
    ASSERT_TRUE(DictSetItems(heap, batched.as<Dict>(), rest.first(2)).ok());
    for (rest = rest.subspan(2); !rest.empty(); rest = rest.subspan(std::min<size_t>(rest.size(), 2000))) {
      ASSERT_TRUE(DictSetItems(heap, batched.as<Dict>(), rest.first(std::min<size_t>(rest.size(), 2000))).ok());
    }
    EXPECT_EQ(*Repr(batched), absl::HexStringToBytes(lines[c + 1])) << keys.size() << " insertions in batches";
  }
}

TEST(ContainersTest, AbsentAndUnhashableKeys) {
  Heap heap;
  Value dict = heap.NewDict();
  Value set = heap.NewSet();
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), Value::Int(i), Value()).ok());
    ASSERT_TRUE(SetAdd(heap, set.as<Set>(), Value::Int(i)).ok());
  }
  EXPECT_FALSE(DictGetItem(dict.as<Dict>(), Value::Int(20)).has_value());
  EXPECT_FALSE(DictGetItem(dict.as<Dict>(), heap.NewStr("1")).has_value());
  EXPECT_TRUE(DictGetItem(dict.as<Dict>(), Value::Float(19)).has_value());
  EXPECT_FALSE(SetContains(set.as<Set>(), Value::Float(0.5)));
  EXPECT_FALSE(DictGetItem(dict.as<Dict>(), heap.NewList()).has_value());
  EXPECT_FALSE(SetContains(set.as<Set>(), heap.NewDict()));

  absl::Status status = DictSetItem(heap, dict.as<Dict>(), heap.NewList(), Value());
  EXPECT_EQ(std::string(status.message()), "unhashable type: 'list'");
  status = SetAdd(heap, set.as<Set>(), heap.NewSet());
  EXPECT_EQ(std::string(status.message()), "unhashable type: 'set'");
  EXPECT_EQ(dict.as<Dict>()->items.size(), 20u);
  EXPECT_EQ(set.as<Set>()->items.size(), 20u);

  // A batch stops at its unhashable key, the pairs before it set.
  std::vector<Value> pairs;
  for (int i = 20; i < 60; ++i) pairs.insert(pairs.end(), {Value::Int(i), Value()});
  pairs[30] = heap.NewList();  // the 16th key
  status = DictSetItems(heap, dict.as<Dict>(), pairs);
  EXPECT_EQ(std::string(status.message()), "unhashable type: 'list'");
  EXPECT_EQ(dict.as<Dict>()->items.size(), 35u);
}

// A Native standing for the number `key` (as a Decimal or Fraction does).
Value NumberNative(Heap& heap, Value key) {
  Native* native = heap.NewNative();
  native->hash = HashedAs(key);
  return Value::FromObject(native);
}

TEST(ContainersTest, RebuildKeysMergesKeysThatBecameEqual) {
  // As the registry's Resolve leaves a dict after replacing decoded nodes
  // in place: keys 0..19, then two Natives equal to 3 and to each other.
  Heap heap;
  Value dict = heap.NewDict();
  Value set = heap.NewSet();
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), Value::Int(i), Value::Int(i)).ok());
    ASSERT_TRUE(SetAdd(heap, set.as<Set>(), Value::Int(i)).ok());
  }
  for (int i = 0; i < 2; ++i) {
    dict.as<Dict>()->items.emplace_back(NumberNative(heap, Value::Int(3)), Value::Int(100 + i));
    set.as<Set>()->items.push_back(NumberNative(heap, Value::Float(3.0)));
  }
  ASSERT_TRUE(RebuildKeys(heap, dict.as<Dict>()).ok());
  ASSERT_TRUE(RebuildKeys(heap, set.as<Set>()).ok());
  ASSERT_EQ(dict.as<Dict>()->items.size(), 20u);
  EXPECT_EQ(dict.as<Dict>()->items[3].first, Value::Int(3));  // the first key, the last value
  EXPECT_EQ(dict.as<Dict>()->items[3].second, Value::Int(101));
  EXPECT_EQ(set.as<Set>()->items.size(), 20u);
  EXPECT_TRUE(DictGetItem(dict.as<Dict>(), Value::Int(19)).has_value());  // the index is whole again
  EXPECT_TRUE(SetContains(set.as<Set>(), NumberNative(heap, Value::Int(3))));
}

TEST(ContainersTest, RebuildKeysRefusesAKeyThatBecameUnhashable) {
  Heap heap;
  Native* slice = heap.NewNative();
  slice->hash = Unhashable("unhashable type: 'slice'");
  Value set = heap.NewSet();
  set.as<Set>()->items.push_back(Value::FromObject(slice));
  EXPECT_EQ(std::string(RebuildKeys(heap, set.as<Set>()).message()), "unhashable type: 'slice'");
  EXPECT_EQ(std::string(SetAdd(heap, heap.NewSet().as<Set>(), Value::FromObject(slice)).message()),
            "unhashable type: 'slice'");
}

TEST(ContainersTest, MillionDistinctKeysInLinearTime) {
  constexpr int64_t kKeys = 1000000;
  Heap heap;
  Value dict = heap.NewDict();
  Value set = heap.NewSet();
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < kKeys; ++i) {
    // Keys spread over a wide range so a weak index would cluster.
    Value key = Value::Int(i * 1024);
    ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), key, Value::Int(i)).ok());
    ASSERT_TRUE(SetAdd(heap, set.as<Set>(), heap.NewStr(std::to_string(i))).ok());
  }
  for (int64_t i = 0; i < kKeys; i += 997) {
    std::optional<Value> got = DictGetItem(dict.as<Dict>(), Value::Float(static_cast<double>(i * 1024)));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->as_int(), i);
    EXPECT_TRUE(SetContains(set.as<Set>(), heap.NewStr(std::to_string(i))));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(dict.as<Dict>()->items.size(), static_cast<size_t>(kKeys));
  EXPECT_EQ(set.as<Set>()->items.size(), static_cast<size_t>(kKeys));
  EXPECT_LT(seconds, 20.0);
}

}  // namespace
}  // namespace brine
