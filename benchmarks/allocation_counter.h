// Allocation counter: the peak of bytes live on the C++ heap while a piece of
// code runs, everything included (arena blocks, memo, stacks, output buffers).
//
//   brine::bench::AllocationCounter counter;   // starts counting
//   auto doc = brine::Decode(bytes);
//   int64_t peak = counter.peak_bytes();       // before `doc` is destroyed
//
// It works by replacing the global operator new/delete of the binary it is
// linked into (allocation_counter.cc), so link it only into benchmarks. Sizes
// are malloc_usable_size, so each block counts with its allocator rounding,
// which is close to what tracemalloc reports for CPython. Under
// AddressSanitizer it counts through the sanitizer allocator's malloc/free
// hooks instead: every heap block (malloc's too), at its requested size. Only one counter may
// be alive at a time; blocks freed while counting that were allocated before
// it started lower the figure slightly.
#ifndef BRINE_BENCHMARKS_ALLOCATION_COUNTER_H_
#define BRINE_BENCHMARKS_ALLOCATION_COUNTER_H_

#include <cstdint>

namespace brine::bench {

class AllocationCounter {
 public:
  AllocationCounter();
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

  // Highest (allocated - freed) seen since construction.
  int64_t peak_bytes() const;
};

}  // namespace brine::bench

#endif  // BRINE_BENCHMARKS_ALLOCATION_COUNTER_H_
