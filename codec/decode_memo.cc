// The unpickler's memo (see decode_memo.h).
#include "brine/codec/decode_memo.h"

#include <algorithm>

namespace brine {
namespace {

// A key this far past the dense part's end goes to the sparse map.
constexpr uint64_t kDenseSlack = 1024;

}  // namespace

bool DecodeMemo::PutOutOfOrder(uint64_t key, Value value, size_t max_entries) {
  if (key < dense_.size() && dense_[key].present) {
    dense_[key].value = value;
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
    dense_[key] = {value, true};
  } else if (key <= 2 * dense_.size() + kDenseSlack) {
    // Grow geometrically: CPython's keys arrive one by one.
    size_t new_size = std::max<size_t>(key + 1, 2 * dense_.size());
    dense_.resize(new_size);
    dense_[key] = {value, true};
  } else {
    sparse_.emplace(key, value);
  }
  return true;
}

void DecodeMemo::Clear() {
  dense_.clear();
  sparse_.clear();
  size_ = 0;
}

std::optional<Value> DecodeMemo::Get(uint64_t key) const {
  if (key < dense_.size() && dense_[key].present) return dense_[key].value;
  if (sparse_.empty()) return std::nullopt;
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry == sparse_.end()) return std::nullopt;
  return sparse_entry->second;
}

}  // namespace brine
