// Tests for BumpArena: aligned, non-overlapping memory from the first block
// and then from growing upstream blocks, all of which Release and the
// destructor give back.
#include "brine/value/bump_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <new>
#include <vector>

#include "gtest/gtest.h"
#include "brine/value/huge_pages.h"

namespace brine {
namespace {

// Upstream that counts what is held and records each block's size.
class CountingUpstream : public std::pmr::memory_resource {
 public:
  size_t held() const { return held_; }
  const std::vector<size_t>& sizes() const { return sizes_; }

 private:
  void* do_allocate(size_t bytes, size_t alignment) override {
    held_ += bytes;
    sizes_.push_back(bytes);
    return ::operator new(bytes, std::align_val_t(alignment));
  }
  void do_deallocate(void* p, size_t bytes, size_t alignment) override {
    held_ -= bytes;
    ::operator delete(p, std::align_val_t(alignment));
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
  size_t held_ = 0;
  std::vector<size_t> sizes_;
};

TEST(BumpArenaTest, ServesTheFirstBlockBeforeAskingUpstream) {
  alignas(16) char first[256];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  char* a = static_cast<char*>(arena.Allocate(100, 8));
  char* b = static_cast<char*>(arena.Allocate(100, 8));
  EXPECT_EQ(a, first);
  EXPECT_GE(b, a + 100);
  EXPECT_LE(b + 100, first + sizeof first);
  EXPECT_EQ(upstream.held(), 0u);
  arena.Allocate(100, 8);  // does not fit: a block from upstream
  EXPECT_GT(upstream.held(), 0u);
}

TEST(BumpArenaTest, AlignsEveryAllocation) {
  alignas(16) char first[64];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  for (size_t alignment : {1, 2, 4, 8, 16, 64, 4096}) {
    for (int i = 0; i < 50; ++i) {
      arena.Allocate(3, 1);  // leaves the position odd
      void* p = arena.Allocate(24, alignment);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u) << alignment;
    }
  }
}

TEST(BumpArenaTest, AllocationsNeverOverlap) {
  alignas(16) char first[128];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  std::vector<std::pair<char*, size_t>> taken;
  for (size_t i = 0; i < 2000; ++i) {
    const size_t bytes = (i * 37) % 300 + (i % 97 == 0 ? 50000 : 0);
    char* p = static_cast<char*>(arena.Allocate(bytes, 8));
    std::memset(p, static_cast<int>(i), bytes);
    taken.emplace_back(p, bytes);
  }
  for (size_t i = 0; i < taken.size(); ++i) {
    const auto [p, bytes] = taken[i];
    for (size_t j = 0; j < bytes; j += 61) ASSERT_EQ(p[j], static_cast<char>(i)) << i;
  }
}

TEST(BumpArenaTest, BlocksGrowByHalf) {
  alignas(16) char first[4096];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  for (int i = 0; i < 1000; ++i) arena.Allocate(64, 8);
  const std::vector<size_t>& sizes = upstream.sizes();
  ASSERT_GE(sizes.size(), 3u);
  EXPECT_GE(sizes[0], 6144u);
  for (size_t i = 1; i < sizes.size(); ++i) {
    EXPECT_GE(sizes[i], sizes[i - 1] * 3 / 2 - 64) << i;  // within the rounding to 64
    EXPECT_LE(sizes[i], sizes[i - 1] * 3 / 2 + 64) << i;
    EXPECT_EQ(sizes[i] % 64, 0u);
  }
}

TEST(BumpArenaTest, BlocksStopGrowingAtOneHugePage) {
  alignas(16) char first[4096];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  for (int i = 0; i < 40000; ++i) arena.Allocate(1000, 8);  // 40 MB
  size_t largest = 0;
  for (size_t size : upstream.sizes()) largest = std::max(largest, size);
  EXPECT_EQ(largest, kHugePageBytes);
  // What is held is what was asked plus less than one block.
  EXPECT_LT(upstream.held(), size_t{40000} * 1000 + kHugePageBytes);
  // One allocation larger than that still gets a block of its own size.
  char* big = static_cast<char*>(arena.Allocate(5 * kHugePageBytes, 8));
  std::memset(big, 1, 5 * kHugePageBytes);
  EXPECT_GE(upstream.sizes().back(), 5 * kHugePageBytes);
}

TEST(BumpArenaTest, ReleaseGivesBackEveryBlockAndStartsOver) {
  alignas(16) char first[512];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  for (int i = 0; i < 100; ++i) arena.Allocate(1000, 8);
  EXPECT_GT(upstream.held(), 100000u);
  arena.Release();
  EXPECT_EQ(upstream.held(), 0u);
  EXPECT_EQ(arena.Allocate(10, 8), static_cast<void*>(first));
  const size_t blocks_before = upstream.sizes().size();
  arena.Allocate(1000, 8);
  EXPECT_EQ(upstream.sizes().size(), blocks_before + 1);
  EXPECT_EQ(upstream.sizes().back(), upstream.sizes().front()) << "growth starts over";
}

TEST(BumpArenaTest, DestructorGivesBackEveryBlock) {
  alignas(16) char first[64];
  CountingUpstream upstream;
  {
    BumpArena arena(first, sizeof first, &upstream);
    for (int i = 0; i < 100; ++i) arena.Allocate(5000, 16);
    EXPECT_GT(upstream.held(), 0u);
  }
  EXPECT_EQ(upstream.held(), 0u);
}

TEST(BumpArenaTest, AnImpossibleSizeThrowsBadAlloc) {
  alignas(16) char first[64];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  EXPECT_THROW(arena.Allocate(SIZE_MAX - 8, 8), std::bad_alloc);
}

TEST(BumpArenaTest, ServesContainersAsAMemoryResource) {
  alignas(16) char first[64];
  CountingUpstream upstream;
  BumpArena arena(first, sizeof first, &upstream);
  std::pmr::vector<int> numbers(&arena);
  for (int i = 0; i < 10000; ++i) numbers.push_back(i);
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(numbers[i], i);
}

}  // namespace
}  // namespace brine
