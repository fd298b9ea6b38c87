// Tests for the per-thread arena block cache: a given-back block is handed
// out again for the same request, other requests get other memory, and huge
// blocks are aligned for huge pages.
#include "brine/value/arena_blocks.h"

#include <cstdint>
#include <cstring>

#include "gtest/gtest.h"

namespace brine {
namespace {

TEST(ArenaBlocksTest, GivenBackBlockIsReusedForTheSameRequest) {
  void* first = TakeArenaBlock(4096, 16);
  std::memset(first, 0xab, 4096);
  GiveArenaBlock(first, 4096, 16);
  void* other_size = TakeArenaBlock(8192, 16);
  EXPECT_NE(other_size, first);
  void* again = TakeArenaBlock(4096, 16);
  EXPECT_EQ(again, first);
  GiveArenaBlock(again, 4096, 16);
  GiveArenaBlock(other_size, 8192, 16);
}

TEST(ArenaBlocksTest, HugeBlocksAreAlignedToTheHugePageSize) {
  void* block = TakeArenaBlock(kHugeBlockBytes + 1, 16);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % kHugeBlockBytes, 0u);
  std::memset(block, 1, kHugeBlockBytes + 1);
  GiveArenaBlock(block, kHugeBlockBytes + 1, 16);
}

TEST(ArenaBlocksTest, CacheKeepsNoMoreThanItsBudget) {
  // Two blocks that together exceed the budget: the second is freed, not
  // kept, so taking it again yields fresh memory or the first one only.
  const size_t half = kArenaBlockCacheBytes / 2 + kHugeBlockBytes;
  void* a = TakeArenaBlock(half, 16);
  void* b = TakeArenaBlock(half, 16);
  GiveArenaBlock(a, half, 16);
  GiveArenaBlock(b, half, 16);
  void* first_back = TakeArenaBlock(half, 16);
  EXPECT_EQ(first_back, a);
  GiveArenaBlock(first_back, half, 16);
}

TEST(ArenaBlocksTest, BlockCacheResourceKeepsLargeBuffersInTheCache) {
  std::pmr::memory_resource* resource = BlockCacheResource();
  void* large = resource->allocate(kCachedBufferMin, 16);
  std::memset(large, 1, kCachedBufferMin);
  resource->deallocate(large, kCachedBufferMin, 16);
  // The cache hands the same block to the next request of its size.
  void* cached = TakeArenaBlock(kCachedBufferMin, 16);
  EXPECT_EQ(cached, large);
  GiveArenaBlock(cached, kCachedBufferMin, 16);
  void* again = resource->allocate(kCachedBufferMin, 16);
  EXPECT_EQ(again, large);
  resource->deallocate(again, kCachedBufferMin, 16);
}

}  // namespace
}  // namespace brine
