// The unpickler's memo: memo key -> Value, for PUT/BINPUT/LONG_BINPUT/MEMOIZE
// and GET/BINGET/LONG_BINGET.
//
// Keys written by CPython are dense (0, 1, 2, ...), so they live in a vector;
// a key far beyond the keys seen so far (LONG_BINPUT 4000000000) goes to a
// hash map instead, so a hostile key never allocates a huge vector.
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
      dense_.push_back({value, true});
      ++size_;
      return true;
    }
    return PutOutOfOrder(key, value, max_entries);
  }
  // memo[key], or nullopt when the key was never put.
  std::optional<Value> Get(uint64_t key) const;
  // Number of keys put (MEMOIZE's next key).
  size_t size() const { return size_; }
  // Forgets every key, keeping the storage for the next pickle.
  void Clear();

 private:
  // A value and whether its key was put, side by side so a GET touches one
  // cache line.
  struct Slot {
    Value value;
    bool present = false;
  };
  bool PutOutOfOrder(uint64_t key, Value value, size_t max_entries);

  std::vector<Slot> dense_;
  absl::flat_hash_map<uint64_t, Value> sparse_;
  size_t size_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_DECODE_MEMO_H_
