// BumpArena: the Heap's object arena. Memory is handed out by moving a
// pointer through the current block; a request that does not fit takes a new
// block from the upstream resource, each new block half as large again as
// the last (as std::pmr::monotonic_buffer_resource grows) up to one huge page
// (2 MiB), or as large as that one request needs. Nothing is freed
// until Release() or the arena's end, which give every block back at once.
//
// std::pmr::monotonic_buffer_resource does the same, but its allocate() is a
// virtual call into libstdc++ (about 30 instructions), once per object the
// decoder makes. Allocate() here is inline and a handful of instructions when
// the block has room. As a memory_resource it still serves the containers
// whose buffers live in the arena (Heap::resource()).
//
// Internal to the value library: used by Heap (value/heap.h).
#ifndef BRINE_VALUE_BUMP_ARENA_H_
#define BRINE_VALUE_BUMP_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <memory_resource>

#include "absl/base/attributes.h"

namespace brine {

class BumpArena : public std::pmr::memory_resource {
 public:
  // Starts in `first_block` (`first_bytes`, owned by the caller and never
  // given back); later blocks come from `upstream`.
  BumpArena(void* first_block, size_t first_bytes, std::pmr::memory_resource* upstream);
  ~BumpArena() override;
  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  // `bytes` with `alignment` (a power of two). Never null: the upstream's
  // failure (std::bad_alloc) propagates.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void* Allocate(size_t bytes, size_t alignment) {
    const size_t pad = -reinterpret_cast<uintptr_t>(current_) & (alignment - 1);
    if (pad + bytes <= static_cast<size_t>(end_ - current_)) [[likely]] {
      char* memory = current_ + pad;
      current_ = memory + bytes;
      return memory;
    }
    return AllocateFromNewBlock(bytes, alignment);
  }

  // Gives back every block but the first and starts over in it.
  void Release();

 private:
  // Kept at the end of each block taken from upstream: the blocks form a list.
  struct BlockTrailer {
    BlockTrailer* previous;
    size_t bytes;      // the whole block, trailer included
    size_t alignment;  // as asked of upstream
  };

  void* AllocateFromNewBlock(size_t bytes, size_t alignment);

  void* do_allocate(size_t bytes, size_t alignment) override { return Allocate(bytes, alignment); }
  void do_deallocate(void*, size_t, size_t) override {}  // freed with the arena
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  char* current_;
  char* end_;
  char* const first_block_;
  const size_t first_bytes_;
  size_t next_block_bytes_;  // the next block's size, its trailer included
  std::pmr::memory_resource* const upstream_;
  BlockTrailer* last_block_ = nullptr;
};

}  // namespace brine

#endif  // BRINE_VALUE_BUMP_ARENA_H_
