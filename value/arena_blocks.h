// Where Heaps get their memory from the system: blocks recycled between
// Heaps on the same thread, and large blocks the kernel can map as huge
// pages.
//
// Fresh memory is costly to a decoder: the kernel zeroes and maps every page
// on first touch, which was a third of the time of decoding a large pickle.
// So a block a Heap gives back is kept for the thread (up to
// kArenaBlockCacheBytes in all) and handed to the next request of the same
// size and alignment, which a Heap decoding a similar pickle makes again
// (arena blocks grow in a fixed sequence). Blocks of kHugeBlockBytes or more
// are aligned to that size and advised as huge pages (MADV_HUGEPAGE).
//
// Used by Heap (value/heap.h), and through BlockCacheResource by the
// encoder's memo table (codec/memo_writer.h).
#ifndef BRINE_VALUE_ARENA_BLOCKS_H_
#define BRINE_VALUE_ARENA_BLOCKS_H_

#include <cstddef>
#include <memory_resource>

#include "brine/value/huge_pages.h"

namespace brine {

// Most bytes of given-back blocks one thread keeps for reuse.
inline constexpr size_t kArenaBlockCacheBytes = size_t{64} << 20;
// Blocks at least this large are huge-page aligned and advised.
inline constexpr size_t kHugeBlockBytes = kHugePageBytes;

// `bytes` (> 0) with `alignment`, from this thread's cache or the system.
// Never null: failure throws std::bad_alloc, as operator new does.
void* TakeArenaBlock(size_t bytes, size_t alignment);
// Gives back what TakeArenaBlock(bytes, alignment) returned, on any thread.
void GiveArenaBlock(void* block, size_t bytes, size_t alignment);

// Buffers from kCachedBufferMin bytes up come from the block cache.
inline constexpr size_t kCachedBufferMin = size_t{64} << 10;
// A memory resource whose large buffers (kCachedBufferMin bytes and up) go
// through the thread's block cache and the rest through operator new: for
// tables a thread grows again and again through the same sizes, so that a
// large one is not fresh pages from the kernel at every use.
std::pmr::memory_resource* BlockCacheResource();

}  // namespace brine

#endif  // BRINE_VALUE_ARENA_BLOCKS_H_
