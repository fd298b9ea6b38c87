// CPython-compatible frame bookkeeping for the encoder's output buffer.
#include "brine/codec/output_buffer.h"

#include <cstring>

#include "brine/codec/opcodes.h"

namespace brine {

void OutputBuffer::OpenFrame() {
  frame_start_ = bytes_.size();
  bytes_.append(kFrameHeaderSize, '\0');
}

void OutputBuffer::OpcodeBoundary() {
  if (!framing_ || frame_start_ == kNoFrame) return;
  if (bytes_.size() - frame_start_ - kFrameHeaderSize >= kFrameSizeTarget) CommitFrame();
}

void OutputBuffer::CommitFrame() {
  if (!framing_ || frame_start_ == kNoFrame) return;
  const size_t frame_length = bytes_.size() - frame_start_ - kFrameHeaderSize;
  if (frame_length >= kFrameSizeMin) {
    std::string header;
    header.push_back(static_cast<char>(Op::kFrame));
    AppendUint64(header, frame_length);
    std::memcpy(bytes_.data() + frame_start_, header.data(), kFrameHeaderSize);
  } else {
    bytes_.erase(frame_start_, kFrameHeaderSize);
  }
  frame_start_ = kNoFrame;
}

void OutputBuffer::WriteWithPayload(std::string_view header, std::string_view payload) {
  const bool outside_frames = payload.size() >= kFrameSizeTarget;
  const bool framing = framing_;
  if (outside_frames) {
    // Room for what usually follows too, so the buffer does not grow (and
    // copy the payload) again right after it.
    const size_t needed = bytes_.size() + header.size() + payload.size() + kFrameSizeTarget;
    if (bytes_.capacity() < needed) bytes_.reserve(needed);
    CommitFrame();
    framing_ = false;
  }
  Write(header);
  Write(payload);
  framing_ = framing;
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
