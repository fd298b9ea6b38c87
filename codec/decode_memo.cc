// The unpickler's memo (see decode_memo.h).
#include "brine/codec/decode_memo.h"

#include <algorithm>

namespace brine {
namespace {

// A key more than this past twice the number of keys put goes to the
// sparse map.
constexpr uint64_t kDenseSlack = 1024;
// The dense part's first size: a small pickle's keys without a regrowth.
constexpr size_t kFirstDenseSize = 16;

// `size` entries, all holes but the first `kept` copied from `from`.
std::unique_ptr<Value[]> NewChunk(size_t size, const Value* from, size_t kept, Value hole) {
  auto chunk = std::make_unique<Value[]>(size);
  std::copy_n(from, kept, chunk.get());
  std::fill_n(chunk.get() + kept, size - kept, hole);
  return chunk;
}

}  // namespace

Value DecodeMemo::Hole() {
  static Object hole_mark{Kind::kNone, kHoleId};
  return Value::FromObject(&hole_mark);
}

bool DecodeMemo::PutOutOfOrder(uint64_t key, Value value, size_t max_entries) {
  if (stale_end_ > dense_used_) {
    for (uint64_t stale = dense_used_; stale < stale_end_; ++stale) DenseSlot(stale) = Hole();
  }
  stale_end_ = dense_used_;
  if (Value* entry = DenseEntry(key)) {
    if (!IsHole(*entry)) {
      *entry = value;
      return true;
    }
    if (sparse_.empty() && size_ < max_entries) {  // a new key, and no sparse one it could be
      PutNewDense(*entry, key, value);
      return true;
    }
  }
  return PutSlow(key, value, max_entries);
}

bool DecodeMemo::PutSlow(uint64_t key, Value value, size_t max_entries) {
  // A sparse key stays sparse even once the dense part has grown past it.
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry != sparse_.end()) {
    sparse_entry->second = value;
    return true;
  }
  if (size_ >= max_entries) return false;
  if (Value* entry = DenseEntry(key)) {
    PutNewDense(*entry, key, value);
    return true;
  }
  // The dense part grows only to keys near the number of keys put, so its
  // memory stays proportional to them: keys that each double the last one
  // (LONG_BINPUT 0, 1026, 3078, ...) go to the sparse map, not into 64 GiB.
  if (key > 2 * size_ + kDenseSlack) {
    ++size_;
    sparse_.emplace(key, value);
    NoteShape();
    return true;
  }
  GrowDenseTo(key);
  PutNewDense(*DenseEntry(key), key, value);
  return true;
}

void DecodeMemo::GrowDenseTo(uint64_t key) {
  if (dense_end_ < kMemoChunkEntries) {
    // The first chunk doubles, as CPython's keys arrive one by one.
    const size_t size = std::min(std::max<size_t>({key + 1, 2 * dense_end_, kFirstDenseSize}), kMemoChunkEntries);
    std::unique_ptr<Value[]> grown = NewChunk(size, chunks_.empty() ? nullptr : chunks_[0].get(), dense_end_, Hole());
    if (chunks_.empty()) {
      chunks_.push_back(std::move(grown));
    } else {
      chunks_[0] = std::move(grown);
    }
    dense_end_ = size;
  }
  while (dense_end_ <= key) {
    chunks_.push_back(NewChunk(kMemoChunkEntries, nullptr, 0, Hole()));
    dense_end_ += kMemoChunkEntries;
  }
  NoteShape();
}

void DecodeMemo::Clear() {
  if (in_order_end_ != 0) {
    // The entries below dense_used_ are the keys put: the next pickle's keys
    // in order overwrite them, its first put out of order makes them holes.
    stale_end_ = std::max(stale_end_, dense_used_);
  } else {
    // Out of order, PutOutOfOrder left no stale entries: only keys put and
    // holes, below dense_used_.
    for (size_t c = 0; c * kMemoChunkEntries < dense_used_; ++c) {
      std::fill_n(chunks_[c].get(), std::min(dense_used_ - c * kMemoChunkEntries, kMemoChunkEntries), Hole());
    }
    stale_end_ = 0;
  }
  dense_used_ = 0;
  sparse_.clear();
  size_ = 0;
  NoteShape();
}

std::optional<Value> DecodeMemo::GetSparse(uint64_t key) const {
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry == sparse_.end()) return std::nullopt;
  return sparse_entry->second;
}

}  // namespace brine
