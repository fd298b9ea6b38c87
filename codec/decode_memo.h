// The unpickler's memo: memo key -> Value, for PUT/BINPUT/LONG_BINPUT/MEMOIZE
// and GET/BINGET/LONG_BINGET.
//
// Keys written by CPython are dense (0, 1, 2, ...), so they live in a vector
// of 16-byte Values, grown ahead of the keys and filled with a hole marker
// where no key was put: a put in the dense part is one compare and one
// store, a get one load. A key far beyond the keys seen so far (LONG_BINPUT
// 4000000000) goes to a hash map instead, so a hostile key never allocates a
// huge vector.
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
    if (key < dense_.size()) {
      Value& entry = dense_[key];
      if (IsHole(entry)) {
        if (size_ >= max_entries) return false;
        ++size_;
        if (key >= dense_used_) dense_used_ = key + 1;
      }
      entry = value;
      return true;
    }
    return PutBeyondDense(key, value, max_entries);
  }
  // memo[key], or nullopt when the key was never put.
  std::optional<Value> Get(uint64_t key) const {
    if (key < dense_.size() && !IsHole(dense_[key])) return dense_[key];
    if (sparse_.empty()) return std::nullopt;
    return GetSparse(key);
  }
  // Number of keys put (MEMOIZE's next key).
  size_t size() const { return size_; }
  // Forgets every key, keeping the storage for the next pickle.
  void Clear();
  // The bytes of that storage.
  size_t retained_bytes() const {
    return dense_.capacity() * sizeof(Value) + sparse_.capacity() * (sizeof(uint64_t) + sizeof(Value));
  }

 private:
  // What a dense key never put holds: a None handle with an object id, which
  // no None read from a pickle has (theirs is 0).
  static constexpr uint32_t kHoleId = ~uint32_t{0};
  static Value Hole();
  static bool IsHole(Value entry) { return entry.kind() == Kind::kNone && entry.object_id() == kHoleId; }
  // Put of a key past the dense part: grows it, or goes to the sparse map.
  bool PutBeyondDense(uint64_t key, Value value, size_t max_entries);
  std::optional<Value> GetSparse(uint64_t key) const;

  std::vector<Value> dense_;  // every entry a value put or Hole()
  size_t dense_used_ = 0;     // one past the highest dense key put
  absl::flat_hash_map<uint64_t, Value> sparse_;
  size_t size_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_DECODE_MEMO_H_
