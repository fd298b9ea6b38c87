// Document: one decoded (or hand-built) value graph and the Heap that owns it.
//
// A Document is move-only, so nobody copies a whole graph by accident. Its
// `root()` is a cheap handle valid as long as the Document lives. When a
// document was decoded zero-copy, its strings also point into the caller's
// input, which must then outlive the Document too.
//
//   absl::StatusOr<brine::Document> doc = brine::Decode(bytes);
//   if (!doc.ok()) return doc.status();
//   std::cout << brine::Repr(doc->root()) << "\n";
#ifndef BRINE_VALUE_DOCUMENT_H_
#define BRINE_VALUE_DOCUMENT_H_

#include <memory>

#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class Document {
 public:
  // An empty document whose root is None. Its Heap is the one this thread's
  // last destroyed Document left (cleared), if any: a small document then
  // costs no allocation (document.cc).
  Document();
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // The top-level object.
  Value root() const { return root_; }
  void set_root(Value root) { root_ = root; }
  // The arena owning every object reachable from root().
  Heap& heap() { return *heap_; }
  const Heap& heap() const { return *heap_; }

 private:
  // Keeps the Heap, cleared, for this thread's next Document when the
  // thread keeps none yet; deletes it otherwise.
  struct HeapRecycler {
    void operator()(Heap* heap) const;
  };
  std::unique_ptr<Heap, HeapRecycler> heap_;
  Value root_;
};

}  // namespace brine

#endif  // BRINE_VALUE_DOCUMENT_H_
