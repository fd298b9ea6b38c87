// The unpickler's memo (see decode_memo.h).
#include "brine/codec/decode_memo.h"

#include <algorithm>

namespace brine {
namespace {

// A key this far past the dense part's end goes to the sparse map.
constexpr uint64_t kDenseSlack = 1024;

}  // namespace

void DecodeMemo::ResizeDense(size_t size) {
  dense_.resize(size);
  present_.resize((size + 63) / 64, 0);
}

bool DecodeMemo::PutOutOfOrder(uint64_t key, Value value, size_t max_entries) {
  if (key < dense_.size() && IsPresent(key)) {
    dense_[key] = value;
    return true;
  }
  // A sparse key stays sparse even once the dense part has grown past it.
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry != sparse_.end()) {
    sparse_entry->second = value;
    return true;
  }
  if (size_ >= max_entries) return false;
  ++size_;
  if (key < dense_.size()) {
    dense_[key] = value;
    MarkPresent(key);
  } else if (key <= 2 * dense_.size() + kDenseSlack) {
    // Grow geometrically: CPython's keys arrive one by one.
    ResizeDense(std::max<size_t>(key + 1, 2 * dense_.size()));
    dense_[key] = value;
    MarkPresent(key);
  } else {
    sparse_.emplace(key, value);
  }
  return true;
}

void DecodeMemo::Clear() {
  dense_.clear();
  present_.clear();
  sparse_.clear();
  size_ = 0;
}

std::optional<Value> DecodeMemo::GetSparse(uint64_t key) const {
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry == sparse_.end()) return std::nullopt;
  return sparse_entry->second;
}

}  // namespace brine
