// Heap: the arena that owns every object of one value graph.
//
// Objects are bump-allocated from a BumpArena (value/bump_arena.h) and
// never destroyed one by one: destroying the Heap frees everything at once, so
// cycles cost nothing and a 1,000,000-deep nest is freed without recursion.
// Containers inside objects (List::items, ...) take small buffers from the
// same arena and large ones (kLargeContainerBytes and up) from the system,
// giving those back as soon as the container outgrows them, so a growing
// list leaves no garbage of its own size behind. The arena's blocks come from
// a per-thread cache (value/arena_blocks.h) that the previous Heap filled.
// `bytes_allocated()` counts what the Heap holds from the system, which the
// decoder checks against its `max_total_bytes` limit.
//
// Use a Heap through a Document (value/document.h) unless you are building
// values for the encoder by hand. A Heap is neither copyable nor movable:
// objects point into it.
#ifndef BRINE_VALUE_HEAP_H_
#define BRINE_VALUE_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <new>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "brine/value/bump_arena.h"
#include "brine/value/short_text.h"
#include "brine/value/value.h"

namespace brine {

// Container buffers of at least this many bytes are taken from and given
// back to the system instead of the arena.
inline constexpr size_t kLargeContainerBytes = size_t{64} << 10;

class Heap {
 public:
  Heap();
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Frees every object (running AddCleanup's deleters) and every block but
  // the first, leaving the Heap as a new one: a Document's Heap is kept so
  // for the thread's next Document (value/document.h).
  void Clear();

  // Where containers inside objects keep their items: buffers last as long
  // as the Heap unless deallocated (large ones are then given back).
  std::pmr::memory_resource* resource() { return &containers_; }
  // Bytes held from the system (arena blocks and large container buffers,
  // not live objects).
  size_t bytes_allocated() const { return counter_.bytes(); }
  // Sets `*exceeded` to true whenever bytes_allocated() goes past `max_bytes`
  // (at once if it already is), until called again; WatchBytes(0, nullptr)
  // stops. bytes_allocated() moves only when the Heap takes or gives back
  // memory, so a decoder checks this flag instead of the count per opcode.
  void WatchBytes(size_t max_bytes, bool* exceeded) { counter_.Watch(max_bytes, exceeded); }

  // Copies `text` into the arena.
  std::string_view CopyString(std::string_view text);
  // `size` writable bytes in the arena (null when `size` is 0), for data built
  // in place and then handed to NewBytes/NewByteArray with borrow = true.
  char* AllocateChars(size_t size);

  // Factories. Strings passed in are copied unless `borrow` is true, in which
  // case the caller promises the bytes outlive the Heap (zero-copy decoding).
  Value NewStr(std::string_view utf8, bool borrow = false);
  // The one str object holding `utf8` in this Heap, made on first use, as
  // CPython interns identifiers and attribute names (so the encoder writes
  // it once and a memo GET after).
  Value InternStr(std::string_view utf8);
  Value NewBytes(std::string_view data, bool borrow = false);
  Value NewByteArray(std::string_view data, bool borrow = false);
  // `twos_complement_le` must be minimal and too wide for int64; see
  // value/bigint.h for IntFromTwosComplement, which picks the inline form.
  Value NewBigInt(std::string_view twos_complement_le);
  Value NewComplex(double real, double imag);
  Value NewTuple(std::span<const Value> items);
  Value NewList();
  Value NewDict();
  Value NewSet();
  Value NewFrozenSet();
  Value NewGlobal(std::string_view module, std::string_view qualname);
  Instance* NewInstance();
  Reduce* NewReduce();
  BoundMethod* NewBoundMethod();
  PersistentId* NewPersistentId();
  Buffer* NewBuffer();
  Native* NewNative();

  // Runs `deleter(pointer)` when the Heap is destroyed (for Native objects).
  void AddCleanup(void* pointer, void (*deleter)(void*));

 private:
  // Counts the bytes the arena asks of the system.
  class CountingResource : public std::pmr::memory_resource {
   public:
    size_t bytes() const { return bytes_; }
    void Watch(size_t max_bytes, bool* exceeded);

   private:
    // Sets the watched flag when bytes_ is past max_bytes_.
    void NoteIfExceeded();
    void* do_allocate(size_t bytes, size_t alignment) override;
    void do_deallocate(void* p, size_t bytes, size_t alignment) override;
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
      return this == &other;
    }
    size_t bytes_ = 0;
    size_t max_bytes_ = 0;      // as WatchBytes set them
    bool* exceeded_ = nullptr;
  };

  // Container storage: small buffers from the arena, large ones from
  // `counter_`, tracked so the Heap frees those still held when it goes.
  class ContainerResource : public std::pmr::memory_resource {
   public:
    ContainerResource(BumpArena& arena, std::pmr::memory_resource& system)
        : arena_(arena), system_(system) {}
    ~ContainerResource() override;
    // Gives back every large buffer still held.
    void ReleaseLarge();

   private:
    void* do_allocate(size_t bytes, size_t alignment) override;
    void do_deallocate(void* p, size_t bytes, size_t alignment) override;
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
      return this == &other;
    }
    BumpArena& arena_;
    std::pmr::memory_resource& system_;
    // Large buffers held: address -> (bytes, alignment).
    absl::flat_hash_map<void*, std::pair<size_t, size_t>> large_;
  };

  // Runs AddCleanup's deleters, last added first, and forgets them.
  void RunCleanups();
  // `object`, just constructed in the arena, with its kind and next id.
  template <typename T>
  T* InitObject(T* object, Kind kind);
  template <typename T>
  T* Allocate(Kind kind);

  // The arena's first block, held for the Heap's life: Clear keeps it, so a
  // Heap cleared and used again for a small pickle asks for no memory.
  class FirstBlock {
   public:
    explicit FirstBlock(std::pmr::memory_resource& from);
    ~FirstBlock();
    void* memory() const { return memory_; }

   private:
    std::pmr::memory_resource& from_;
    void* memory_;
  };

  CountingResource counter_;
  FirstBlock first_block_;
  BumpArena arena_;
  ContainerResource containers_;
  std::vector<std::pair<void*, void (*)(void*)>> cleanups_;
  std::unordered_map<std::string_view, Value> interned_;  // keys point into the arena
  uint32_t next_id_ = 0;  // Object::id of the next object
};

// The factories the decoder calls once per opcode, inline so that their
// Value goes straight onto its stack.

template <typename T>
inline T* Heap::InitObject(T* object, Kind kind) {
  object->kind = kind;
  object->id = next_id_++;
  return object;
}

template <typename T>
inline T* Heap::Allocate(Kind kind) {
  void* memory = arena_.Allocate(sizeof(T), alignof(T));
  return InitObject(new (memory) T{}, kind);
}

inline ABSL_ATTRIBUTE_ALWAYS_INLINE Value Heap::NewStr(std::string_view utf8, bool borrow) {
  if (borrow || utf8.empty()) {
    Str* s = Allocate<Str>(Kind::kStr);
    s->utf8 = utf8;
    return Value::FromObject(s);
  }
  // The object and its text in one allocation, the text right after it.
  void* memory = arena_.Allocate(sizeof(Str) + utf8.size(), alignof(Str));
  Str* s = InitObject(new (memory) Str{}, Kind::kStr);
  char* text = static_cast<char*>(memory) + sizeof(Str);
  CopyBytes(text, utf8.data(), utf8.size());
  s->utf8 = std::string_view(text, utf8.size());
  return Value::FromObject(s);
}

inline Value Heap::NewTuple(std::span<const Value> items) {
  Tuple* t = Allocate<Tuple>(Kind::kTuple);
  if (!items.empty()) {
    Value* memory = static_cast<Value*>(arena_.Allocate(items.size() * sizeof(Value), alignof(Value)));
    std::memcpy(static_cast<void*>(memory), items.data(), items.size() * sizeof(Value));
    t->items = std::span<Value>(memory, items.size());
  }
  return Value::FromObject(t);
}

inline Value Heap::NewList() {
  void* memory = arena_.Allocate(sizeof(List), alignof(List));
  List* l = new (memory) List{{Kind::kList, next_id_++}, ArenaVector<Value>(&containers_)};
  return Value::FromObject(l);
}

inline Value Heap::NewDict() {
  void* memory = arena_.Allocate(sizeof(Dict), alignof(Dict));
  Dict* d = new (memory) Dict{{Kind::kDict, next_id_++}, ArenaVector<std::pair<Value, Value>>(&containers_), nullptr};
  return Value::FromObject(d);
}

}  // namespace brine

#endif  // BRINE_VALUE_HEAP_H_
