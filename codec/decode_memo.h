// The unpickler's memo: memo key -> Value, for PUT/BINPUT/LONG_BINPUT/MEMOIZE
// and GET/BINGET/LONG_BINGET.
//
// Keys written by CPython are dense (0, 1, 2, ...), so they live in a vector
// of 16-byte Values, with a bitmap saying which keys were put (a GET touches
// the value's cache line and a bitmap that stays in cache); a key far beyond
// the keys seen so far (LONG_BINPUT 4000000000) goes to a hash map instead,
// so a hostile key never allocates a huge vector.
#ifndef BRINE_CODEC_DECODE_MEMO_H_
#define BRINE_CODEC_DECODE_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "brine/value/value.h"

namespace brine {

class DecodeMemo {
 public:
  // memo[key] = value. Returns false, changing nothing, when a new key would
  // make the memo hold more than `max_entries` entries.
  bool Put(uint64_t key, Value value, size_t max_entries) {
    // CPython's pickles put keys 0, 1, 2, ... in order: append.
    if (key == dense_.size() && key == size_ && size_ < max_entries) {
      if (key % 64 == 0) present_.push_back(0);
      MarkPresent(key);
      dense_.push_back(value);
      ++size_;
      return true;
    }
    return PutOutOfOrder(key, value, max_entries);
  }
  // memo[key], or nullopt when the key was never put.
  std::optional<Value> Get(uint64_t key) const {
    if (key < dense_.size() && IsPresent(key)) return dense_[key];
    if (sparse_.empty()) return std::nullopt;
    return GetSparse(key);
  }
  // Number of keys put (MEMOIZE's next key).
  size_t size() const { return size_; }
  // Forgets every key, keeping the storage for the next pickle.
  void Clear();
  // The bytes of that storage.
  size_t retained_bytes() const {
    return dense_.capacity() * sizeof(Value) + present_.capacity() * sizeof(uint64_t) +
           sparse_.capacity() * (sizeof(uint64_t) + sizeof(Value));
  }

 private:
  bool IsPresent(uint64_t key) const { return (present_[key / 64] >> (key % 64)) & 1; }
  void MarkPresent(uint64_t key) { present_[key / 64] |= uint64_t{1} << (key % 64); }
  // Resizes the dense part to `size` keys, the new ones absent.
  void ResizeDense(size_t size);
  bool PutOutOfOrder(uint64_t key, Value value, size_t max_entries);
  std::optional<Value> GetSparse(uint64_t key) const;

  std::vector<Value> dense_;
  // Bit k % 64 of present_[k / 64]: whether dense key k was put. Always
  // ceil(dense_.size() / 64) words.
  std::vector<uint64_t> present_;
  absl::flat_hash_map<uint64_t, Value> sparse_;
  size_t size_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_DECODE_MEMO_H_
