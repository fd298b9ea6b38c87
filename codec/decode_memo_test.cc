// DecodeMemo: dense and sparse keys, holes, overwrites, the entry limit and
// Clear, which the decoder's tests reach only through whole pickles.
#include "brine/codec/decode_memo.h"

#include <optional>
#include <vector>

#include "gtest/gtest.h"

namespace brine {
namespace {

constexpr size_t kNoLimit = 1000000;

TEST(DecodeMemoTest, KeysInOrderAndOutOfOrder) {
  DecodeMemo memo;
  for (int64_t key = 0; key < 200; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  EXPECT_EQ(memo.size(), 200u);
  EXPECT_EQ(memo.Get(137)->as_int(), 137);
  // A key past the others leaves holes, which are not keys.
  ASSERT_TRUE(memo.Put(300, Value::Int(-1), kNoLimit));
  EXPECT_EQ(memo.size(), 201u);
  EXPECT_FALSE(memo.Get(250).has_value());
  EXPECT_EQ(memo.Get(300)->as_int(), -1);
  // Filling a hole counts one more key; putting a key again does not.
  ASSERT_TRUE(memo.Put(250, Value::Int(250), kNoLimit));
  ASSERT_TRUE(memo.Put(250, Value::Int(251), kNoLimit));
  EXPECT_EQ(memo.size(), 202u);
  EXPECT_EQ(memo.Get(250)->as_int(), 251);
}

TEST(DecodeMemoTest, KeysAcrossChunks) {
  DecodeMemo memo;
  const int64_t count = 3 * kMemoChunkEntries + 5;
  for (int64_t key = 0; key < count; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  EXPECT_EQ(memo.size(), static_cast<size_t>(count));
  for (int64_t key : {int64_t{0}, int64_t{kMemoChunkEntries} - 1, int64_t{kMemoChunkEntries},
                      int64_t{2 * kMemoChunkEntries} + 7, count - 1}) {
    ASSERT_TRUE(memo.Get(key).has_value()) << key;
    EXPECT_EQ(memo.Get(key)->as_int(), key);
  }
  EXPECT_FALSE(memo.Get(count).has_value());
  // A jump within the slack grows the dense part in chunks, holes between.
  ASSERT_TRUE(memo.Put(count + 3 * kMemoChunkEntries, Value::Int(1), kNoLimit));
  EXPECT_FALSE(memo.Get(count + 1).has_value());
  EXPECT_EQ(memo.Get(count + 3 * kMemoChunkEntries)->as_int(), 1);
  memo.Clear();
  for (int64_t key = 0; key < count + 4 * int64_t{kMemoChunkEntries}; key += 97) {
    EXPECT_FALSE(memo.Get(key).has_value()) << key;
  }
  ASSERT_TRUE(memo.Put(2 * kMemoChunkEntries, Value::Int(2), kNoLimit));
  EXPECT_EQ(memo.size(), 1u);
}

TEST(DecodeMemoTest, NoneIsAValueNotAHole) {
  DecodeMemo memo;
  ASSERT_TRUE(memo.Put(5, Value::None(), kNoLimit));
  std::optional<Value> got = memo.Get(5);
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->is_none());
  EXPECT_FALSE(memo.Get(4).has_value());
  EXPECT_EQ(memo.size(), 1u);
}

TEST(DecodeMemoTest, FarKeysAreSparse) {
  DecodeMemo memo;
  ASSERT_TRUE(memo.Put(4000000000u, Value::Int(1), kNoLimit));
  ASSERT_TRUE(memo.Put(0, Value::Int(2), kNoLimit));
  EXPECT_EQ(memo.Get(4000000000u)->as_int(), 1);
  EXPECT_FALSE(memo.Get(3999999999u).has_value());
  ASSERT_TRUE(memo.Put(4000000000u, Value::Int(3), kNoLimit));
  EXPECT_EQ(memo.Get(4000000000u)->as_int(), 3);
  EXPECT_EQ(memo.size(), 2u);
  // Small enough to keep for the next pickle: not a 64 GB vector.
  EXPECT_LT(memo.retained_bytes(), 1u << 20);
}

TEST(DecodeMemoTest, KeysThatKeepDoublingStaySparse) {
  // Each key twice the last plus some slack (0, 1026, 3078, ...): 22 keys
  // must not make the dense part double 22 times (2**32 entries, 64 GiB).
  DecodeMemo memo;
  std::vector<uint64_t> keys;
  for (uint64_t key = 0; key <= 0xFFFFFFFFu; key = 2 * (key + 1) + 1024) {
    ASSERT_TRUE(memo.Put(key, Value::Int(static_cast<int64_t>(key)), kNoLimit));
    keys.push_back(key);
  }
  EXPECT_LT(memo.retained_bytes(), size_t{1} << 20);
  for (uint64_t key : keys) EXPECT_EQ(memo.Get(key)->as_int(), static_cast<int64_t>(key)) << key;
  EXPECT_EQ(memo.size(), keys.size());
}

TEST(DecodeMemoTest, SparseKeyInsideALaterDensePart) {
  DecodeMemo memo;
  ASSERT_TRUE(memo.Put(3000, Value::Int(1), kNoLimit));  // sparse: beyond reach of 0 keys
  for (int64_t key = 0; key < 5000; ++key) {
    if (key != 3000) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  }
  // The dense part now spans 3000, which is still found in the sparse map.
  EXPECT_EQ(memo.Get(3000)->as_int(), 1);
  ASSERT_TRUE(memo.Put(3000, Value::Int(2), kNoLimit));
  EXPECT_EQ(memo.Get(3000)->as_int(), 2);
  EXPECT_EQ(memo.size(), 5000u);
}

TEST(DecodeMemoTest, LimitCountsNewKeysOnly) {
  DecodeMemo memo;
  ASSERT_TRUE(memo.Put(0, Value::Int(0), 2));
  ASSERT_TRUE(memo.Put(70, Value::Int(70), 2));
  EXPECT_FALSE(memo.Put(1, Value::Int(1), 2));
  EXPECT_FALSE(memo.Put(5000000, Value::Int(1), 2));
  EXPECT_FALSE(memo.Get(1).has_value());
  EXPECT_TRUE(memo.Put(70, Value::Int(71), 2));  // not a new key
  EXPECT_EQ(memo.size(), 2u);
}

TEST(DecodeMemoTest, NextKeyAfterKeysOutOfOrder) {
  // Put of key size() is the in-order fast path only while the keys are
  // exactly 0 .. size() - 1; after a jump, a sparse key or a limit it must
  // still count, keep and refuse as any other put.
  DecodeMemo memo;
  for (int64_t key = 0; key < 10; ++key) ASSERT_TRUE(memo.Put(memo.size(), Value::Int(key), kNoLimit));
  ASSERT_TRUE(memo.Put(11, Value::Int(11), kNoLimit));  // key 10 left a hole
  ASSERT_TRUE(memo.Put(memo.size(), Value::Int(-11), kNoLimit));  // memo[11] again
  EXPECT_EQ(memo.size(), 11u);
  EXPECT_EQ(memo.Get(11)->as_int(), -11);
  EXPECT_FALSE(memo.Get(10).has_value());
  ASSERT_TRUE(memo.Put(10, Value::Int(10), kNoLimit));
  ASSERT_TRUE(memo.Put(memo.size(), Value::Int(12), kNoLimit));  // in order again
  EXPECT_EQ(memo.size(), 13u);
  EXPECT_EQ(memo.Get(12)->as_int(), 12);
  ASSERT_TRUE(memo.Put(1u << 30, Value::Int(7), kNoLimit));  // sparse
  ASSERT_TRUE(memo.Put(memo.size(), Value::Int(14), kNoLimit));
  EXPECT_EQ(memo.Get(14)->as_int(), 14);
  EXPECT_EQ(memo.Get(1u << 30)->as_int(), 7);
  EXPECT_EQ(memo.size(), 15u);
  EXPECT_FALSE(memo.Put(memo.size(), Value::Int(15), 15));
  memo.Clear();
  ASSERT_TRUE(memo.Put(0, Value::Int(0), 1));
  EXPECT_FALSE(memo.Put(1, Value::Int(1), 1));
  EXPECT_EQ(memo.size(), 1u);
}

TEST(DecodeMemoTest, KeysOfTheLastPickleStayForgotten) {
  // Clear after keys put in order leaves their entries in place; they must
  // read as absent, in order and after a put out of order.
  DecodeMemo memo;
  for (int64_t key = 0; key < 100; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  memo.Clear();
  for (int64_t key = 0; key < 10; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(-key), kNoLimit));
  EXPECT_EQ(memo.Get(9)->as_int(), -9);
  EXPECT_FALSE(memo.Get(10).has_value());
  EXPECT_FALSE(memo.Get(50).has_value());
  memo.Clear();
  for (int64_t key = 0; key < 5; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  ASSERT_TRUE(memo.Put(60, Value::Int(60), kNoLimit));
  EXPECT_EQ(memo.size(), 6u);
  for (int64_t key = 5; key < 100; ++key) {
    if (key != 60) EXPECT_FALSE(memo.Get(key).has_value()) << key;
  }
  EXPECT_EQ(memo.Get(60)->as_int(), 60);
  ASSERT_TRUE(memo.Put(30, Value::Int(30), kNoLimit));  // a hole, not the last pickle's 30
  EXPECT_EQ(memo.size(), 7u);
  memo.Clear();
  ASSERT_TRUE(memo.Put(1, Value::Int(1), kNoLimit));
  EXPECT_FALSE(memo.Get(0).has_value());
  EXPECT_FALSE(memo.Get(60).has_value());
  EXPECT_EQ(memo.size(), 1u);
}

TEST(DecodeMemoTest, ClearForgetsEveryKey) {
  DecodeMemo memo;
  for (int64_t key = 0; key < 100; ++key) ASSERT_TRUE(memo.Put(key, Value::Int(key), kNoLimit));
  ASSERT_TRUE(memo.Put(1u << 30, Value::Int(7), kNoLimit));
  memo.Clear();
  EXPECT_EQ(memo.size(), 0u);
  for (int64_t key = 0; key < 100; ++key) EXPECT_FALSE(memo.Get(key).has_value()) << key;
  EXPECT_FALSE(memo.Get(1u << 30).has_value());
  ASSERT_TRUE(memo.Put(3, Value::Int(3), kNoLimit));
  EXPECT_EQ(memo.size(), 1u);
  EXPECT_FALSE(memo.Get(2).has_value());
}

}  // namespace
}  // namespace brine
