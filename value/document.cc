// Document's Heap recycling (see document.h): each thread keeps the Heap of
// its last destroyed Document, cleared, for its next one. A Decoder or
// Encoder call on a small pickle then builds no Heap: making and destroying
// one was a fifth of the cost of decoding a 120-byte pickle.
#include "brine/value/document.h"

#include <utility>

namespace brine {
namespace {

// This thread's idle Heap, and whether the thread is past destroying it.
// Both trivially destructible, so that a Document destroyed during thread
// exit, after IdleHeapOwner, still reads them.
thread_local Heap* idle_heap = nullptr;
thread_local bool idle_heap_gone = false;

struct IdleHeapOwner {
  ~IdleHeapOwner() {
    idle_heap_gone = true;
    delete std::exchange(idle_heap, nullptr);
  }
};

}  // namespace

Document::Document() {
  Heap* heap = std::exchange(idle_heap, nullptr);
  heap_.reset(heap != nullptr ? heap : new Heap());
}

void Document::HeapRecycler::operator()(Heap* heap) const {
  if (idle_heap != nullptr || idle_heap_gone) {
    delete heap;
    return;
  }
  heap->Clear();
  // The deleters Clear ran may have destroyed Documents, one of them kept.
  if (idle_heap != nullptr) {
    delete heap;
    return;
  }
  thread_local IdleHeapOwner owner;  // made at the first Heap kept
  idle_heap = heap;
}

}  // namespace brine
