// Heap: arena allocation of value objects (see heap.h).
#include "brine/value/heap.h"

#include <cstddef>
#include <cstring>
#include <new>

#include "brine/value/arena_blocks.h"

namespace brine {

void Heap::CountingResource::Watch(size_t max_bytes, bool* exceeded) {
  max_bytes_ = max_bytes;
  exceeded_ = exceeded;
  NoteIfExceeded();
}

void Heap::CountingResource::NoteIfExceeded() {
  if (exceeded_ != nullptr && bytes_ > max_bytes_) *exceeded_ = true;
}

void* Heap::CountingResource::do_allocate(size_t bytes, size_t alignment) {
  void* block = TakeArenaBlock(bytes, alignment);
  bytes_ += bytes;
  NoteIfExceeded();
  return block;
}

void Heap::CountingResource::do_deallocate(void* p, size_t bytes, size_t alignment) {
  bytes_ -= bytes;
  GiveArenaBlock(p, bytes, alignment);
}

Heap::ContainerResource::~ContainerResource() { ReleaseLarge(); }

void Heap::ContainerResource::ReleaseLarge() {
  for (const auto& [memory, size] : large_) system_.deallocate(memory, size.first, size.second);
  large_.clear();
}

void* Heap::ContainerResource::do_allocate(size_t bytes, size_t alignment) {
  if (bytes < kLargeContainerBytes) return arena_.Allocate(bytes, alignment);
  void* memory = system_.allocate(bytes, alignment);
  large_.emplace(memory, std::make_pair(bytes, alignment));
  return memory;
}

void Heap::ContainerResource::do_deallocate(void* p, size_t bytes, size_t alignment) {
  if (bytes < kLargeContainerBytes) return;  // stays in the arena until the Heap goes
  large_.erase(p);
  system_.deallocate(p, bytes, alignment);
}

// The arena's first block, and the first size it grows from.
constexpr size_t kFirstBlockBytes = 4096;

Heap::FirstBlock::FirstBlock(std::pmr::memory_resource& from)
    : from_(from), memory_(from.allocate(kFirstBlockBytes, alignof(std::max_align_t))) {}

Heap::FirstBlock::~FirstBlock() { from_.deallocate(memory_, kFirstBlockBytes, alignof(std::max_align_t)); }

Heap::Heap()
    : first_block_(counter_),
      arena_(first_block_.memory(), kFirstBlockBytes, &counter_),
      containers_(arena_, counter_) {}

Heap::~Heap() { RunCleanups(); }

void Heap::RunCleanups() {
  for (auto it = cleanups_.rbegin(); it != cleanups_.rend(); ++it) it->second(it->first);
  cleanups_.clear();
}

void Heap::Clear() {
  RunCleanups();
  interned_.clear();
  containers_.ReleaseLarge();
  arena_.Release();
  next_id_ = 0;
}

std::string_view Heap::CopyString(std::string_view text) {
  if (text.empty()) return {};
  char* memory = AllocateChars(text.size());
  std::memcpy(memory, text.data(), text.size());
  return {memory, text.size()};
}

char* Heap::AllocateChars(size_t size) {
  if (size == 0) return nullptr;
  return static_cast<char*>(arena_.Allocate(size, 1));
}

Value Heap::InternStr(std::string_view utf8) {
  auto it = interned_.find(utf8);
  if (it != interned_.end()) return it->second;
  Value str = NewStr(utf8);
  interned_.emplace(str.as<Str>()->utf8, str);
  return str;
}

Value Heap::NewBytes(std::string_view data, bool borrow) {
  Bytes* b = Allocate<Bytes>(Kind::kBytes);
  b->data = borrow ? data : CopyString(data);
  return Value::FromObject(b);
}

Value Heap::NewByteArray(std::string_view data, bool borrow) {
  Bytes* b = Allocate<Bytes>(Kind::kByteArray);
  b->data = borrow ? data : CopyString(data);
  return Value::FromObject(b);
}

Value Heap::NewBigInt(std::string_view twos_complement_le) {
  BigInt* b = Allocate<BigInt>(Kind::kBigInt);
  b->twos_complement_le = CopyString(twos_complement_le);
  return Value::FromObject(b);
}

Value Heap::NewComplex(double real, double imag) {
  Complex* c = Allocate<Complex>(Kind::kComplex);
  c->real = real;
  c->imag = imag;
  return Value::FromObject(c);
}

Value Heap::NewSet() {
  void* memory = arena_.Allocate(sizeof(Set), alignof(Set));
  Set* s = new (memory) Set{{Kind::kSet, next_id_++}, ArenaVector<Value>(&containers_), nullptr};
  return Value::FromObject(s);
}

Value Heap::NewFrozenSet() {
  void* memory = arena_.Allocate(sizeof(Set), alignof(Set));
  Set* s = new (memory) Set{{Kind::kFrozenSet, next_id_++}, ArenaVector<Value>(&containers_), nullptr};
  return Value::FromObject(s);
}

Value Heap::NewGlobal(std::string_view module, std::string_view qualname) {
  Global* g = Allocate<Global>(Kind::kGlobal);
  g->module = CopyString(module);
  g->qualname = CopyString(qualname);
  return Value::FromObject(g);
}

Instance* Heap::NewInstance() {
  void* memory = arena_.Allocate(sizeof(Instance), alignof(Instance));
  Instance* i = new (memory) Instance{{Kind::kInstance, next_id_++}, Value(), Value(), Value(), false, Value(),
                                      ArenaVector<Value>(&containers_),
                                      ArenaVector<std::pair<Value, Value>>(&containers_)};
  return i;
}

Reduce* Heap::NewReduce() {
  void* memory = arena_.Allocate(sizeof(Reduce), alignof(Reduce));
  Reduce* r = new (memory) Reduce{{Kind::kReduce, next_id_++}, Value(), Value(), false, Value(), Value(),
                                  ArenaVector<Value>(&containers_),
                                  ArenaVector<std::pair<Value, Value>>(&containers_)};
  return r;
}

BoundMethod* Heap::NewBoundMethod() { return Allocate<BoundMethod>(Kind::kBoundMethod); }
PersistentId* Heap::NewPersistentId() { return Allocate<PersistentId>(Kind::kPersistentId); }
Buffer* Heap::NewBuffer() { return Allocate<Buffer>(Kind::kBuffer); }
Native* Heap::NewNative() { return Allocate<Native>(Kind::kNative); }

void Heap::AddCleanup(void* pointer, void (*deleter)(void*)) { cleanups_.emplace_back(pointer, deleter); }

}  // namespace brine
