// Document: each thread's Heap recycling (document.cc).
#include "brine/value/document.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace brine {
namespace {

int cleanups_run = 0;

TEST(DocumentTest, NextDocumentGetsTheLastHeapCleared) {
  const Heap* first_heap;
  size_t fresh_bytes;
  {
    Document fresh;
    fresh_bytes = fresh.heap().bytes_allocated();
  }
  {
    Document document;
    first_heap = &document.heap();
    Value list = document.heap().NewList();
    for (int i = 0; i < 100000; ++i) list.as<List>()->items.push_back(Value::Int(i));  // a large buffer
    for (int i = 0; i < 1000; ++i) document.heap().NewStr("a string long enough to fill blocks");
    document.heap().AddCleanup(nullptr, [](void*) { ++cleanups_run; });
    document.set_root(list);
    EXPECT_GT(document.heap().bytes_allocated(), 1600000u);
  }
  EXPECT_EQ(cleanups_run, 1);
  Document next;
  EXPECT_EQ(&next.heap(), first_heap);
  EXPECT_TRUE(next.root().is_none());
  // Nothing held but the first block, and ids start again at 0.
  EXPECT_EQ(next.heap().bytes_allocated(), fresh_bytes);
  EXPECT_EQ(next.heap().NewStr("x").object_id(), 0u);
}

TEST(DocumentTest, OnlyOneHeapIsKept) {
  std::vector<Document> documents(3);
  documents.clear();  // one kept, two deleted (LeakSanitizer would see a leak)
  Document a;
  Document b;
  EXPECT_NE(&a.heap(), &b.heap());
}

TEST(DocumentTest, ThreadsKeepTheirOwnHeapAndFreeItAtExit) {
  const Heap* kept_here;
  {
    Document document;
    kept_here = &document.heap();
  }
  std::thread other([] {
    for (int i = 0; i < 3; ++i) {
      Document document;
      document.heap().NewStr("in another thread");
    }
  });
  other.join();
  Document document;
  EXPECT_EQ(&document.heap(), kept_here);
}

}  // namespace
}  // namespace brine
