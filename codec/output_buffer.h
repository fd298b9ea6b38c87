// OutputBuffer: the growing byte buffer the encoder writes a pickle into,
// framed exactly as CPython 3.11's C pickler frames protocol 4+ output.
//
// Framing (PEP 3154), as _pickle.c does it:
//   - While framing is on, the first write after a committed frame reserves a
//     9-byte FRAME header in front of the new frame.
//   - At every opcode boundary the pickler marks (the start of each save()),
//     a frame holding at least kFrameSizeTarget (64 KiB) bytes is committed.
//   - Committing fills in the FRAME header, or removes the reserved header
//     when the frame holds fewer than kFrameSizeMin (4) bytes.
//   - A payload of kFrameSizeTarget bytes or more is written outside any
//     frame: the current frame is committed first, then the opcode header and
//     the payload go out unframed; framing resumes with the next write.
//
// Nothing here knows about opcodes beyond FRAME itself.
#ifndef BRINE_CODEC_OUTPUT_BUFFER_H_
#define BRINE_CODEC_OUTPUT_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace brine {

class OutputBuffer {
 public:
  static constexpr size_t kFrameSizeMin = 4;
  static constexpr size_t kFrameSizeTarget = 64 * 1024;
  static constexpr size_t kFrameHeaderSize = 9;

  // Turns framing on (protocol 4+, after the PROTO opcode) or off.
  void set_framing(bool framing) { framing_ = framing; }

  // Appends bytes, opening a frame first when framing is on and none is open.
  void Write(std::string_view bytes) {
    if (framing_ && frame_start_ == kNoFrame) OpenFrame();
    bytes_.append(bytes.data(), bytes.size());
  }
  void WriteByte(uint8_t byte) {
    if (framing_ && frame_start_ == kNoFrame) OpenFrame();
    bytes_.push_back(static_cast<char>(byte));
  }

  // Commits the open frame if it has reached kFrameSizeTarget bytes.
  void OpcodeBoundary();
  // Closes the open frame, if any (see the file comment).
  void CommitFrame();

  // Writes an opcode `header` followed by its `payload`, putting both outside
  // any frame when the payload is kFrameSizeTarget bytes or more.
  void WriteWithPayload(std::string_view header, std::string_view payload);

  // The bytes written so far; complete only after CommitFrame().
  const std::string& bytes() const { return bytes_; }
  std::string Release() { return std::move(bytes_); }

 private:
  static constexpr size_t kNoFrame = static_cast<size_t>(-1);

  // Reserves the header of a new frame.
  void OpenFrame();

  std::string bytes_;
  bool framing_ = false;
  size_t frame_start_ = kNoFrame;
};

// Little-endian encodings of fixed-width unsigned integers, as pickle uses.
void AppendUint16(std::string& out, uint32_t value);
void AppendUint32(std::string& out, uint32_t value);
void AppendUint64(std::string& out, uint64_t value);

}  // namespace brine

#endif  // BRINE_CODEC_OUTPUT_BUFFER_H_
