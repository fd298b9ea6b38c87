// The unpickler's memo (see decode_memo.h).
#include "brine/codec/decode_memo.h"

#include <algorithm>

namespace brine {
namespace {

// A key this far past the dense part's end goes to the sparse map.
constexpr uint64_t kDenseSlack = 1024;
// The dense part's first size: a small pickle's keys without a regrowth.
constexpr size_t kFirstDenseSize = 16;

}  // namespace

Value DecodeMemo::Hole() {
  static Object hole_mark{Kind::kNone, kHoleId};
  return Value::FromObject(&hole_mark);
}

bool DecodeMemo::PutBeyondDense(uint64_t key, Value value, size_t max_entries) {
  // A sparse key stays sparse even once the dense part has grown past it.
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry != sparse_.end()) {
    sparse_entry->second = value;
    return true;
  }
  if (size_ >= max_entries) return false;
  if (key > 2 * dense_.size() + kDenseSlack) {
    ++size_;
    sparse_.emplace(key, value);
    return true;
  }
  // Grow geometrically: CPython's keys arrive one by one.
  dense_.resize(std::max<size_t>({key + 1, 2 * dense_.size(), kFirstDenseSize}), Hole());
  return Put(key, value, max_entries);
}

void DecodeMemo::Clear() {
  std::fill(dense_.begin(), dense_.begin() + static_cast<std::ptrdiff_t>(dense_used_), Hole());
  dense_used_ = 0;
  sparse_.clear();
  size_ = 0;
}

std::optional<Value> DecodeMemo::GetSparse(uint64_t key) const {
  auto sparse_entry = sparse_.find(key);
  if (sparse_entry == sparse_.end()) return std::nullopt;
  return sparse_entry->second;
}

}  // namespace brine
