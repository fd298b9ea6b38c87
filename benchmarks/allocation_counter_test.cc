// Tests for the allocation counter: the peak follows live C++ heap bytes and
// ignores what was allocated before the counter started.
#include "brine/benchmarks/allocation_counter.h"

#include <cstdint>
#include <memory_resource>
#include <new>

#include "gtest/gtest.h"

namespace brine::bench {
namespace {

// Explicit operator new calls: unlike new-expressions, the compiler may not
// leave them out.
TEST(AllocationCounterTest, PeakCoversLiveBlocks) {
  AllocationCounter counter;
  void* first = ::operator new(1 << 20);
  void* second = ::operator new(1 << 19);
  EXPECT_GE(counter.peak_bytes(), (1 << 20) + (1 << 19));
  ::operator delete(first);
  ::operator delete(second);
  void* third = ::operator new(1 << 10);
  // The peak stays at the high-water mark; it does not add up freed blocks.
  EXPECT_GE(counter.peak_bytes(), (1 << 20) + (1 << 19));
  EXPECT_LT(counter.peak_bytes(), (1 << 20) + (1 << 19) + (1 << 16));
  ::operator delete(third);
}

TEST(AllocationCounterTest, StartsFromZero) {
  void* before = ::operator new(1 << 20);
  {
    AllocationCounter counter;
    void* small = ::operator new(100);
    EXPECT_GE(counter.peak_bytes(), 100);
    EXPECT_LT(counter.peak_bytes(), 1 << 12);
    ::operator delete(small);
  }
  ::operator delete(before);
}

TEST(AllocationCounterTest, CountsOverAlignedAllocations) {
  AllocationCounter counter;
  std::pmr::memory_resource* resource = std::pmr::new_delete_resource();
  void* block = resource->allocate(1 << 16, 256);
  EXPECT_GE(counter.peak_bytes(), 1 << 16);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % 256, 0u);
  resource->deallocate(block, 1 << 16, 256);
}

}  // namespace
}  // namespace brine::bench
