// MemoWriter: the pickler's memo (which objects were written, under which
// memo index) and the PUT/BINPUT/LONG_BINPUT/MEMOIZE and
// GET/BINGET/LONG_BINGET opcodes that maintain it, chosen by protocol as
// CPython's memo_put/memo_get choose them.
//
// Entries are found by Object::id (which a Value carries): a vector indexed
// by id holds each object's entry next to the object's address (objects of
// two Heaps may share an id, so the address decides). An object whose id slot another object holds, or
// whose id lies far beyond the objects seen so far (a small graph in a large
// Heap), has its entry in a hash map instead. Objects CPython identifies by
// content (its singleton strs and bytes) have entries under small integer
// keys. Every entry carries the stamp of the pickle it belongs to, so Reset
// forgets them all at once and the vectors keep their memory.
//
// Memo indices are handed out in order (0, 1, 2, ...), one per Put.
#ifndef BRINE_CODEC_MEMO_WRITER_H_
#define BRINE_CODEC_MEMO_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/output_buffer.h"
#include "brine/value/arena_blocks.h"
#include "brine/value/value.h"

namespace brine {

class MemoWriter {
 public:
  // What the pickler knows of one object in the current pickle.
  // Trivial, so that tables of them grow by zero-filling (all zeros: stamp 0,
  // which no pickle has, means unused).
  struct Entry {
    uint32_t index;       // memo index, once memoized
    uint16_t stamp;       // the pickle it belongs to
    uint8_t open_saves;   // saves begun and not yet memoized (Pickler::EnterSave, at most 201)
    bool memoized;
  };

  // `content_keys`: how many keys OfContent takes (0 to content_keys - 1).
  MemoWriter(int protocol, size_t content_keys);

  // Forgets every entry, for a new pickle.
  void Reset();
  // The bytes of storage kept between pickles.
  size_t retained_bytes() const {
    return slots_.capacity() * sizeof(Slot) + content_.capacity() * sizeof(Entry) +
           overflow_.capacity() * (sizeof(const Object*) + sizeof(Entry));
  }

  // The entry of `object` (a Value holding a heap object), made on first
  // use. Valid until the next Of. Neither Of nor Find loads the object: its
  // id comes with the Value.
  Entry& Of(Value object) {
    if (object.object_id() < slots_.size()) {
      Slot& slot = slots_[object.object_id()];
      if (slot.entry.stamp != stamp_) return Claim(slot, object.object());
      if (slot.object == object.object()) return slot.entry;
    }
    return OfElsewhere(object);
  }
  // The entry of `object`, or nullptr when it has none.
  const Entry* Find(Value object) const {
    if (object.object_id() < slots_.size()) {
      const Slot& slot = slots_[object.object_id()];
      if (slot.entry.stamp != stamp_) return nullptr;  // a free slot: the object has no entry
      if (slot.object == object.object()) return &slot.entry;
    }
    return overflow_.empty() ? nullptr : FindElsewhere(object.object());
  }
  // The entry of content key `key` (see the file comment).
  Entry& OfContent(size_t key) {
    if (content_.empty()) content_.resize(content_keys_);  // on first use: many pickles have none
    Entry& entry = content_[key];
    if (entry.stamp != stamp_) entry = Entry{.stamp = stamp_};
    return entry;
  }

  // Memoizes `entry` under the next index and writes the opcode storing it.
  absl::Status Put(Entry& entry, OutputBuffer& out) {
    if (count_ == UINT32_MAX) return TooManyEntries();
    entry.index = count_++;
    entry.memoized = true;
    if (protocol_ >= 4) {
      out.WriteByte(static_cast<uint8_t>(Op::kMemoize));
      return absl::OkStatus();
    }
    WriteIndexOp(out, Op::kPut, Op::kBinPut, Op::kLongBinPut, entry.index);
    return absl::OkStatus();
  }
  // Writes the opcode fetching memo slot `index`.
  void Get(uint32_t index, OutputBuffer& out) const {
    WriteIndexOp(out, Op::kGet, Op::kBinGet, Op::kLongBinGet, index);
  }

 private:
  struct Slot {
    const Object* object;
    Entry entry;
  };

  Entry& Claim(Slot& slot, const Object* object) {
    slot.object = object;
    slot.entry = Entry{.stamp = stamp_};
    ++claimed_;
    return slot.entry;
  }
  // Of() for an object without a usable slot: grows the vector over its id
  // when that id is near the ones seen, else uses the hash map.
  Entry& OfElsewhere(Value object);
  const Entry* FindElsewhere(const Object* object) const;
  // Grows slots_ to hold `id`, moving hash-map entries whose slots appear.
  void GrowSlots(uint32_t id);
  // The opcode referring to memo slot `index`: the text form at protocol 0,
  // the one-byte form below 256, the four-byte form otherwise.
  void WriteIndexOp(OutputBuffer& out, Op text_op, Op short_op, Op long_op, uint32_t index) const {
    if (protocol_ == 0) return WriteTextIndexOp(out, text_op, index);
    if (index < 256) {
      out.Reserve(2);
      out.PutByte(static_cast<uint8_t>(short_op));
      out.PutByte(static_cast<uint8_t>(index));
      return;
    }
    out.Reserve(5);
    out.PutByte(static_cast<uint8_t>(long_op));
    out.PutLittleEndian(index, 4);
  }
  static void WriteTextIndexOp(OutputBuffer& out, Op op, uint32_t index);
  static absl::Status TooManyEntries();

  int protocol_;
  size_t content_keys_;
  uint16_t stamp_ = 1;
  uint32_t count_ = 0;    // memo entries written
  size_t claimed_ = 0;    // slots claimed in this pickle
  // Grown through the same sizes by every pickle of a similar graph: large
  // ones come from the thread's block cache (value/arena_blocks.h), not the
  // kernel, when Encode() builds a new MemoWriter for each large pickle.
  std::pmr::vector<Slot> slots_{BlockCacheResource()};
  std::vector<Entry> content_;
  absl::flat_hash_map<const Object*, Entry> overflow_;
};

}  // namespace brine

#endif  // BRINE_CODEC_MEMO_WRITER_H_
