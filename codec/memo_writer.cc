// The pickler's memo table and its PUT/GET opcodes (see memo_writer.h).
#include "brine/codec/memo_writer.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

namespace brine {
namespace {

// The slot vector always covers ids below this, and grows over an id up to
// twice the slots claimed in the pickle beyond it; higher ids use the map.
constexpr size_t kMinSlots = size_t{1} << 16;

}  // namespace

MemoWriter::MemoWriter(int protocol, size_t content_keys) : protocol_(protocol), content_keys_(content_keys) {}

void MemoWriter::Reset() {
  count_ = 0;
  claimed_ = 0;
  overflow_.clear();
  if (++stamp_ != 0) return;
  // The stamp wrapped: entries of 65536 pickles ago would look current.
  for (Slot& slot : slots_) slot.entry.stamp = 0;
  for (Entry& entry : content_) entry.stamp = 0;
  stamp_ = 1;
}

MemoWriter::Entry& MemoWriter::OfElsewhere(Value object) {
  const uint32_t id = object.object_id();
  if (id >= slots_.size() && id < kMinSlots + 2 * claimed_) {
    GrowSlots(id);
    return Of(object);
  }
  auto [it, inserted] = overflow_.try_emplace(object.object());
  if (inserted) it->second.stamp = stamp_;
  return it->second;
}

const MemoWriter::Entry* MemoWriter::FindElsewhere(const Object* object) const {
  auto it = overflow_.find(object);
  return it == overflow_.end() ? nullptr : &it->second;
}

void MemoWriter::GrowSlots(uint32_t id) {
  slots_.resize(std::max<size_t>({size_t{id} + 1, 2 * slots_.size(), 64}));
  // An object lives in the map only while its slot is someone else's or
  // missing, which Find relies on: move the ones whose slots now exist.
  for (auto it = overflow_.begin(); it != overflow_.end();) {
    const uint32_t moved = it->first->id;
    if (moved >= slots_.size() || slots_[moved].entry.stamp == stamp_) {
      ++it;
      continue;
    }
    Claim(slots_[moved], it->first) = it->second;
    overflow_.erase(it++);
  }
}

void MemoWriter::WriteTextIndexOp(OutputBuffer& out, Op op, uint32_t index) {
  out.Write(absl::StrCat(std::string(1, static_cast<char>(op)), index, "\n"));
}

absl::Status MemoWriter::TooManyEntries() {
  return absl::OutOfRangeError("memo id too large for LONG_BINPUT/LONG_BINGET");
}

}  // namespace brine
