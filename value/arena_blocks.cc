// The per-thread cache of arena blocks (see arena_blocks.h).
#include "brine/value/arena_blocks.h"

#include <cstdlib>
#include <new>
#include <vector>

#include "brine/value/huge_pages.h"

namespace brine {
namespace {

struct Block {
  void* memory;
  size_t bytes;
  size_t alignment;
};

bool IsHuge(size_t bytes) { return bytes >= kHugeBlockBytes; }

void* AllocateFromSystem(size_t bytes, size_t alignment) {
  if (!IsHuge(bytes)) return ::operator new(bytes, std::align_val_t(alignment));
  const size_t rounded = (bytes + kHugeBlockBytes - 1) / kHugeBlockBytes * kHugeBlockBytes;
  void* memory = std::aligned_alloc(kHugeBlockBytes, rounded);
  if (memory == nullptr) throw std::bad_alloc();
  AdviseHugePages(memory, rounded);
  return memory;
}

void FreeToSystem(void* memory, size_t bytes, size_t alignment) {
  if (IsHuge(bytes)) {
    std::free(memory);
  } else {
    ::operator delete(memory, std::align_val_t(alignment));
  }
}

// One thread's given-back blocks, most recent last.
class BlockCache {
 public:
  ~BlockCache() {
    for (const Block& block : blocks_) FreeToSystem(block.memory, block.bytes, block.alignment);
  }

  void* Take(size_t bytes, size_t alignment) {
    for (size_t i = blocks_.size(); i-- > 0;) {
      if (blocks_[i].bytes == bytes && blocks_[i].alignment == alignment) {
        void* memory = blocks_[i].memory;
        cached_bytes_ -= bytes;
        blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
        return memory;
      }
    }
    return nullptr;
  }

  // False when keeping the block would exceed the cache's budget.
  bool Keep(void* memory, size_t bytes, size_t alignment) {
    if (bytes > kArenaBlockCacheBytes - cached_bytes_) return false;
    blocks_.push_back({memory, bytes, alignment});
    cached_bytes_ += bytes;
    return true;
  }

 private:
  std::vector<Block> blocks_;
  size_t cached_bytes_ = 0;
};

// The cache lives as long as its thread. `current_cache` is trivially
// destructible, so it can still be read (as null) by a Heap destroyed
// during thread exit after the cache itself.
thread_local BlockCache* current_cache = nullptr;

struct CacheOwner {
  CacheOwner() { current_cache = &cache; }
  ~CacheOwner() { current_cache = nullptr; }
  BlockCache cache;
};

BlockCache* ThisThreadCache() {
  thread_local CacheOwner owner;
  return current_cache;
}

}  // namespace

void* TakeArenaBlock(size_t bytes, size_t alignment) {
  if (BlockCache* cache = ThisThreadCache(); cache != nullptr) {
    if (void* memory = cache->Take(bytes, alignment); memory != nullptr) return memory;
  }
  return AllocateFromSystem(bytes, alignment);
}

namespace {

class BlockCacheBuffers : public std::pmr::memory_resource {
  void* do_allocate(size_t bytes, size_t alignment) override {
    if (bytes >= kCachedBufferMin) return TakeArenaBlock(bytes, alignment);
    return ::operator new(bytes, std::align_val_t(alignment));
  }
  void do_deallocate(void* p, size_t bytes, size_t alignment) override {
    if (bytes >= kCachedBufferMin) return GiveArenaBlock(p, bytes, alignment);
    ::operator delete(p, std::align_val_t(alignment));
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

}  // namespace

std::pmr::memory_resource* BlockCacheResource() {
  static BlockCacheBuffers resource;  // stateless: one for every thread
  return &resource;
}

void GiveArenaBlock(void* block, size_t bytes, size_t alignment) {
  BlockCache* cache = current_cache;  // not ThisThreadCache(): never build a cache while giving back
  if (cache != nullptr && cache->Keep(block, bytes, alignment)) return;
  FreeToSystem(block, bytes, alignment);
}

}  // namespace brine
