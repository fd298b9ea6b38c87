// Allocation counter: replaces global operator new/delete to track live and
// peak bytes while an AllocationCounter is alive (see allocation_counter.h).
#include "brine/benchmarks/allocation_counter.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace brine::bench {
namespace {

bool counting = false;
int64_t live_bytes = 0;
int64_t peak_live_bytes = 0;

void* Track(void* pointer) {
  if (pointer == nullptr) throw std::bad_alloc();
  if (counting) {
    live_bytes += static_cast<int64_t>(malloc_usable_size(pointer));
    if (live_bytes > peak_live_bytes) peak_live_bytes = live_bytes;
  }
  return pointer;
}

void Release(void* pointer) {
  if (pointer == nullptr) return;
  if (counting) live_bytes -= static_cast<int64_t>(malloc_usable_size(pointer));
  std::free(pointer);
}

void* AlignedAllocate(size_t size, std::align_val_t alignment) {
  size_t align = static_cast<size_t>(alignment);
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = (size + align - 1) / align * align;
  return std::aligned_alloc(align, rounded == 0 ? align : rounded);
}

}  // namespace

AllocationCounter::AllocationCounter() {
  live_bytes = 0;
  peak_live_bytes = 0;
  counting = true;
}

AllocationCounter::~AllocationCounter() { counting = false; }

int64_t AllocationCounter::peak_bytes() const { return peak_live_bytes; }

}  // namespace brine::bench

void* operator new(size_t size) { return brine::bench::Track(std::malloc(size == 0 ? 1 : size)); }
void* operator new[](size_t size) { return brine::bench::Track(std::malloc(size == 0 ? 1 : size)); }
void* operator new(size_t size, std::align_val_t alignment) {
  return brine::bench::Track(brine::bench::AlignedAllocate(size, alignment));
}
void* operator new[](size_t size, std::align_val_t alignment) {
  return brine::bench::Track(brine::bench::AlignedAllocate(size, alignment));
}
void operator delete(void* pointer) noexcept { brine::bench::Release(pointer); }
void operator delete[](void* pointer) noexcept { brine::bench::Release(pointer); }
void operator delete(void* pointer, size_t) noexcept { brine::bench::Release(pointer); }
void operator delete[](void* pointer, size_t) noexcept { brine::bench::Release(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { brine::bench::Release(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { brine::bench::Release(pointer); }
void operator delete(void* pointer, size_t, std::align_val_t) noexcept {
  brine::bench::Release(pointer);
}
void operator delete[](void* pointer, size_t, std::align_val_t) noexcept {
  brine::bench::Release(pointer);
}
