// The unpickler's memo: memo key -> Value, for PUT/BINPUT/LONG_BINPUT/MEMOIZE
// and GET/BINGET/LONG_BINGET.
//
// Keys written by CPython are dense (0, 1, 2, ...), so they live in arrays of
// 16-byte Values filled with a hole marker where no key was put: while the
// keys come in order, a put of the next key is one compare and one store, a
// get one compare and one load, and Clear has nothing to fill. The arrays are chunks of
// kMemoChunkEntries keys allocated as keys reach them, so a large pickle's
// memo never copies itself nor holds twice its size while it grows; the
// first chunk starts small and doubles (a small pickle's memo stays small).
// A key far beyond the number of keys put (LONG_BINPUT 4000000000) goes to a
// hash map instead, so the arrays stay proportional to the keys put and a
// hostile pickle's keys never allocate a huge array.
#ifndef BRINE_CODEC_DECODE_MEMO_H_
#define BRINE_CODEC_DECODE_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "brine/value/value.h"

namespace brine {

// Keys per chunk of the memo's dense part (64 KiB of Values).
inline constexpr size_t kMemoChunkEntries = size_t{1} << 12;

class DecodeMemo {
 public:
  // memo[key] = value. Returns false, changing nothing, when a new key would
  // make the memo hold more than `max_entries` entries.
  bool Put(uint64_t key, Value value, size_t max_entries) {
    if (key == size_ && key < in_order_end_ && key < max_entries) [[likely]] {  // the next key, in order
      DenseSlot(key) = value;
      size_ = dense_used_ = key + 1;
      return true;
    }
    return PutOutOfOrder(key, value, max_entries);
  }
  // memo[key], or nullopt when the key was never put.
  std::optional<Value> Get(uint64_t key) const {
    if (in_order_end_ != 0) {  // the keys are 0 .. size_ - 1
      if (key < size_) return DenseSlot(key);
      return std::nullopt;
    }
    if (const Value* entry = DenseEntry(key); entry != nullptr && !IsHole(*entry)) return *entry;
    if (sparse_.empty()) return std::nullopt;
    return GetSparse(key);
  }
  // Number of keys put (MEMOIZE's next key).
  size_t size() const { return size_; }
  // Forgets every key, keeping the storage for the next pickle.
  void Clear();
  // The bytes of that storage.
  size_t retained_bytes() const {
    return dense_end_ * sizeof(Value) + sparse_.capacity() * (sizeof(uint64_t) + sizeof(Value));
  }

 private:
  // What a dense key never put holds: a None handle with an object id, which
  // no None read from a pickle has (theirs is 0).
  static constexpr uint32_t kHoleId = ~uint32_t{0};
  static Value Hole();
  static bool IsHole(Value entry) { return entry.kind() == Kind::kNone && entry.object_id() == kHoleId; }

  // Where dense key `key` lives; null past the dense part.
  const Value* DenseEntry(uint64_t key) const {
    if (key >= dense_end_) return nullptr;
    return &DenseSlot(key);
  }
  Value* DenseEntry(uint64_t key) { return const_cast<Value*>(std::as_const(*this).DenseEntry(key)); }
  // Dense key `key`, below dense_end_.
  Value& DenseSlot(uint64_t key) const { return chunks_[key / kMemoChunkEntries][key % kMemoChunkEntries]; }
  // Put of any key but the next one in order: the stale entries are made
  // holes first, then a key put before is replaced, a new dense key stored.
  bool PutOutOfOrder(uint64_t key, Value value, size_t max_entries);
  // Put of a key past the dense part, or of a new key while sparse keys
  // exist: a sparse key stays sparse, a key near the keys put goes in the
  // dense part (grown to take it), any other in the sparse map.
  bool PutSlow(uint64_t key, Value value, size_t max_entries);
  // Stores a new dense key.
  void PutNewDense(Value& entry, uint64_t key, Value value) {
    ++size_;
    if (key >= dense_used_) dense_used_ = key + 1;
    entry = value;
    NoteShape();
  }
  // Sets in_order_end_ after size_, dense_used_, dense_end_ or sparse_ moved.
  void NoteShape() { in_order_end_ = sparse_.empty() && size_ == dense_used_ ? dense_end_ : 0; }
  // Grows the dense part to take `key`.
  void GrowDenseTo(uint64_t key);
  std::optional<Value> GetSparse(uint64_t key) const;

  // Chunk c holds keys from c * kMemoChunkEntries on; chunk 0 has fewer
  // entries until it is the only chunk grown to kMemoChunkEntries.
  std::vector<std::unique_ptr<Value[]>> chunks_;
  size_t dense_end_ = 0;   // one past the dense part's last key
  size_t dense_used_ = 0;  // one past the highest dense key put
  absl::flat_hash_map<uint64_t, Value> sparse_;
  size_t size_ = 0;
  // While the keys put are exactly 0 .. size_ - 1 (as CPython writes them),
  // dense_end_, else 0. In that shape Put of the next key is one test and
  // one store, Get one test and one load, and the entries from dense_used_
  // on need not be holes: Clear leaves the last pickle's entries up to
  // stale_end_ (they are overwritten in order), and the first put out of
  // order makes them holes.
  size_t in_order_end_ = 0;
  size_t stale_end_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_DECODE_MEMO_H_
