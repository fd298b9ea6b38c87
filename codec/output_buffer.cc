// The encoder's output buffer: growth, CPython-compatible frame bookkeeping,
// and handing the pickle out.
#include "brine/codec/output_buffer.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "brine/codec/opcodes.h"
#include "brine/value/huge_pages.h"

namespace brine {
namespace {

// The first allocation, and the largest pickle Take copies out (keeping the
// memory for the next one) rather than hands over.
constexpr size_t kMinCapacity = 512;
constexpr size_t kMaxCopiedOut = 256 * 1024;
// The size of the last pickle of more than kMaxCopiedOut bytes this thread
// handed out: a buffer outgrowing kMaxCopiedOut goes straight to it, so a
// large pickle like the one before costs one allocation, not a doubling
// chain of fresh memory, even from an Encoder used once.
thread_local size_t last_large_pickle = 0;

// std::string only grows by zero-filling, so Grow fills this much ahead of
// the cursor at a time: bytes written soon after, still in cache, rather
// than the whole new capacity at once.
constexpr size_t kFillAhead = 64 * 1024;

// storage.reserve(capacity), advising a new large allocation as huge pages.
void ReserveStorage(std::string& storage, size_t capacity) {
  if (capacity <= storage.capacity()) return;
  storage.reserve(capacity);
  AdviseHugePages(storage.data(), storage.capacity());
}

}  // namespace

void OutputBuffer::Clear() {
  Attach(0);
  referenced_.clear();
  framing_ = false;
  frame_start_ = kNoFrame;
  commit_at_ = kNoFrame;
}

void OutputBuffer::Attach(size_t used) {
  begin_ = storage_.data();
  cursor_ = begin_ + used;
  end_ = begin_ + storage_.size();
}

void OutputBuffer::Grow(size_t size) {
  const size_t used = this->size();
  storage_.resize(used);  // drops the unwritten tail, keeping the memory
  const size_t needed = used + size;
  if (needed > storage_.capacity()) {  // std::string at least doubles
    ReserveStorage(storage_, std::max({needed, kMinCapacity, needed > kMaxCopiedOut ? last_large_pickle : 0}));
  }
  storage_.resize(std::min(storage_.capacity(), used + std::max(size, kFillAhead)));
  Attach(used);
}

void OutputBuffer::ReserveAhead(size_t size) {
  const size_t used = this->size();
  ReserveStorage(storage_, used + size + kFrameSizeTarget);  // keeps the bytes filled so far
  Attach(used);
}

void OutputBuffer::StartFraming() {
  framing_ = true;
  OpenFrame();
}

void OutputBuffer::EndFraming() {
  CommitFrame();
  framing_ = false;
}

void OutputBuffer::OpenFrame() {
  Reserve(kFrameHeaderSize);
  frame_start_ = size();
  cursor_ += kFrameHeaderSize;
  commit_at_ = size() + kFrameSizeTarget;
}

void OutputBuffer::CommitFrame() {
  if (frame_start_ == kNoFrame) return;
  char* header = begin_ + frame_start_;
  const size_t frame_length = size() - frame_start_ - kFrameHeaderSize;
  if (frame_length >= kFrameSizeMin) {
    header[0] = static_cast<char>(Op::kFrame);
    StoreLittleEndian(header + 1, frame_length, 8);
  } else {
    std::memmove(header, header + kFrameHeaderSize, frame_length);
    cursor_ -= kFrameHeaderSize;
  }
  frame_start_ = kNoFrame;
  commit_at_ = kNoFrame;
}

void OutputBuffer::StartNextFrame() {
  CommitFrame();
  OpenFrame();
}

void OutputBuffer::WriteOutsideFrame(std::string_view header, std::string_view payload) {
  CommitFrame();
  if (keep_large_payloads_ && payload.size() >= kReferencedPayloadMin) {
    Write(header);
    referenced_.emplace_back(size(), payload);
    if (framing_) OpenFrame();
    return;
  }
  storage_.resize(size());
  // Room for what usually follows too, so the buffer does not grow (and copy
  // the payload) again right after it. Appending copies the payload once,
  // with no zero fill before it.
  ReserveStorage(storage_, storage_.size() + header.size() + payload.size() + kFrameSizeTarget);
  storage_.append(header);
  storage_.append(payload);
  const size_t used = storage_.size();
  storage_.resize(std::min(storage_.capacity(), used + kFillAhead));
  Attach(used);
  if (framing_) OpenFrame();
}

absl::Status OutputBuffer::WriteTo(Sink& sink) {
  size_t written = 0;
  absl::Status status;
  for (const auto& [position, payload] : referenced_) {
    status = sink.Write(std::string_view(begin_ + written, position - written));
    if (status.ok()) status = sink.Write(payload);
    if (!status.ok()) break;
    written = position;
  }
  if (status.ok()) status = sink.Write(std::string_view(begin_ + written, size() - written));
  Clear();
  return status;
}

std::string OutputBuffer::Take() {
  std::string pickle;
  if (size() <= kMaxCopiedOut) {
    pickle.assign(begin_, size());
  } else {
    last_large_pickle = size();
    storage_.resize(size());
    pickle = std::move(storage_);
    storage_ = std::string();
  }
  Clear();
  return pickle;
}

void AppendUint16(std::string& out, uint32_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>((value >> 8) & 0xff));
}

void AppendUint32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void AppendUint64(std::string& out, uint64_t value) {
  for (int shift = 0; shift < 64; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

}  // namespace brine
