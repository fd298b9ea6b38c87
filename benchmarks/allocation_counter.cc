// Allocation counter: replaces global operator new/delete to track live and
// peak bytes while an AllocationCounter is alive (see allocation_counter.h).
// Under AddressSanitizer (bazel test --config=asan) the sanitizer's runtime
// owns operator new/delete and a replacement here is never called, so the
// counter listens to the sanitizer allocator's malloc and free hooks instead.
#include "brine/benchmarks/allocation_counter.h"

#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define BRINE_SANITIZER_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BRINE_SANITIZER_ALLOCATOR 1
#endif
#endif

#ifdef BRINE_SANITIZER_ALLOCATOR
// From compiler-rt's sanitizer/allocator_interface.h, which gcc does not ship.
extern "C" {
size_t __sanitizer_get_allocated_size(const volatile void* pointer);
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                              void (*free_hook)(const volatile void*));
}
#endif

namespace brine::bench {
namespace {

bool counting = false;
int64_t live_bytes = 0;
int64_t peak_live_bytes = 0;

void CountAllocated(size_t bytes) {
  if (!counting) return;
  live_bytes += static_cast<int64_t>(bytes);
  if (live_bytes > peak_live_bytes) peak_live_bytes = live_bytes;
}

void CountFreed(size_t bytes) {
  if (counting) live_bytes -= static_cast<int64_t>(bytes);
}

#ifdef BRINE_SANITIZER_ALLOCATOR

void OnSanitizerMalloc(const volatile void*, size_t bytes) { CountAllocated(bytes); }

// Called before the block is released, so its size is still known.
void OnSanitizerFree(const volatile void* pointer) { CountFreed(__sanitizer_get_allocated_size(pointer)); }

void StartListening() {
  static const int installed = __sanitizer_install_malloc_and_free_hooks(OnSanitizerMalloc, OnSanitizerFree);
  if (installed == 0) std::abort();
}

#else

void StartListening() {}

// Outside an AllocationCounter's life (the timed loops) an allocation costs
// what malloc and free cost, nothing more: malloc_usable_size is asked only
// while counting.
void* Track(void* pointer) {
  if (pointer == nullptr) throw std::bad_alloc();
  if (counting) CountAllocated(malloc_usable_size(pointer));
  return pointer;
}

void Release(void* pointer) {
  if (pointer == nullptr) return;
  if (counting) CountFreed(malloc_usable_size(pointer));
  std::free(pointer);
}

void* AlignedAllocate(size_t size, std::align_val_t alignment) {
  size_t align = static_cast<size_t>(alignment);
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = (size + align - 1) / align * align;
  return std::aligned_alloc(align, rounded == 0 ? align : rounded);
}

#endif  // BRINE_SANITIZER_ALLOCATOR

}  // namespace

AllocationCounter::AllocationCounter() {
  StartListening();
  live_bytes = 0;
  peak_live_bytes = 0;
  counting = true;
}

AllocationCounter::~AllocationCounter() { counting = false; }

int64_t AllocationCounter::peak_bytes() const { return peak_live_bytes; }

}  // namespace brine::bench

#ifndef BRINE_SANITIZER_ALLOCATOR
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
#endif  // BRINE_SANITIZER_ALLOCATOR
