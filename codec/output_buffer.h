// OutputBuffer: the growing byte buffer the encoder writes a pickle into,
// framed exactly as CPython 3.11's C pickler frames protocol 4+ output.
//
// Writing: Reserve(n) makes room for n more bytes; the Put* calls covering
// them then write through a raw cursor with no check of their own, so the
// pickler checks capacity once per item. Write/WriteByte check for themselves.
//
// Framing (PEP 3154), as _pickle.c does it:
//   - While framing is on, a frame is open: a 9-byte FRAME header is reserved
//     in front of the bytes that follow. (CPython reserves it at the first
//     write after a commit instead; nothing is written in between, so the
//     bytes are the same.)
//   - At every opcode boundary the pickler marks (the start of each save()),
//     a frame holding at least kFrameSizeTarget (64 KiB) bytes is committed
//     and the next one opened.
//   - Committing fills in the FRAME header, or removes the reserved header
//     when the frame holds fewer than kFrameSizeMin (4) bytes.
//   - A payload of kFrameSizeTarget bytes or more is written outside any
//     frame: the current frame is committed first, then the opcode header and
//     the payload go out unframed, then a new frame opens.
//
// Large payloads by reference: with KeepLargePayloads(true), a payload of
// kReferencedPayloadMin bytes or more written outside the frames is not
// copied; the buffer records where it goes, and WriteTo hands the sink the
// buffer's bytes and the payloads in order. The payloads must then outlive
// the WriteTo call (they belong to the graph being encoded). Take is only
// for pickles written without that mode.
//
// The buffer keeps its memory between pickles (Clear), so an encoder reused
// for small pickles allocates only the strings it hands out (Take); a large
// pickle hands its memory over, and the next large one on the thread grows
// straight to that size.
// Nothing here knows about opcodes beyond FRAME itself.
#ifndef BRINE_CODEC_OUTPUT_BUFFER_H_
#define BRINE_CODEC_OUTPUT_BUFFER_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "brine/codec/sink.h"

namespace brine {

// Stores the low `size` bytes of `value` at `to`, least significant first.
inline void StoreLittleEndian(char* to, uint64_t value, size_t size) {
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(to, &value, size);
  } else {
    for (size_t i = 0; i < size; ++i) to[i] = static_cast<char>(value >> (8 * i));
  }
}

class OutputBuffer {
 public:
  static constexpr size_t kFrameSizeMin = 4;
  static constexpr size_t kFrameSizeTarget = 64 * 1024;
  static constexpr size_t kFrameHeaderSize = 9;
  static constexpr size_t kReferencedPayloadMin = 1024 * 1024;

  OutputBuffer() { Clear(); }
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  // Empties the buffer for a new pickle, keeping its memory; framing off.
  void Clear();

  // Whether large payloads are kept by reference (see the file comment);
  // off until set.
  void KeepLargePayloads(bool by_reference) { keep_large_payloads_ = by_reference; }

  // Framing on (protocol 4+, after the PROTO opcode): opens the first frame.
  void StartFraming();
  // Framing off, committing the last frame (after STOP).
  void EndFraming();

  // Room for `size` more bytes, written next with the Put* calls.
  void Reserve(size_t size) {
    if (static_cast<size_t>(end_ - cursor_) < size) Grow(size);
  }
  // Memory for `size` more bytes and what usually follows, taken at once but
  // not filled: for a large write made in pieces (Write), which then never
  // grows the buffer nor fills ahead more than a piece at a time.
  void ReserveAhead(size_t size);
  void PutByte(uint8_t byte) { *cursor_++ = static_cast<char>(byte); }
  // Where the next byte goes, for an encoder storing several at once into
  // Reserve'd room, then Advance(size) over the ones that count.
  char* cursor() { return cursor_; }
  void Advance(size_t size) { cursor_ += size; }
  void Put(const void* data, size_t size) {
    if (size == 0) return;  // `data` may be null then (an empty string_view)
    std::memcpy(cursor_, data, size);
    cursor_ += size;
  }
  // The low `size` bytes of `value`, least significant first.
  void PutLittleEndian(uint64_t value, size_t size) {
    StoreLittleEndian(cursor_, value, size);
    cursor_ += size;
  }

  // Appends bytes, making room first.
  void Write(std::string_view bytes) {
    Reserve(bytes.size());
    Put(bytes.data(), bytes.size());
  }
  void WriteByte(uint8_t byte) {
    Reserve(1);
    PutByte(byte);
  }

  // Commits the open frame if it has reached kFrameSizeTarget bytes.
  void OpcodeBoundary() {
    if (size() >= commit_at_) StartNextFrame();
  }

  // Writes an opcode `header` followed by its `payload`, putting both outside
  // any frame when the payload is kFrameSizeTarget bytes or more.
  void WriteWithPayload(std::string_view header, std::string_view payload) {
    if (payload.size() >= kFrameSizeTarget) return WriteOutsideFrame(header, payload);
    Reserve(header.size() + payload.size());
    Put(header.data(), header.size());
    Put(payload.data(), payload.size());
  }

  size_t size() const { return static_cast<size_t>(cursor_ - begin_); }
  // The bytes of storage kept between pickles.
  size_t retained_bytes() const {
    return storage_.capacity() + referenced_.capacity() * sizeof(std::pair<size_t, std::string_view>);
  }
  // The bytes written so far; complete only after CommitFrame().
  std::string_view bytes() const { return {begin_, size()}; }
  // The pickle, leaving the buffer empty. A small one is copied out and the
  // memory kept for the next pickle; a large one hands the memory over.
  std::string Take();
  // Writes the pickle to `sink`, payloads kept by reference included, and
  // empties the buffer.
  absl::Status WriteTo(Sink& sink);

 private:
  static constexpr size_t kNoFrame = static_cast<size_t>(-1);

  // Makes room for `size` more bytes (at least doubling the capacity).
  void Grow(size_t size);
  // Points begin_/cursor_/end_ at storage_, `used` bytes written.
  void Attach(size_t used);
  // Reserves the header of a new frame.
  void OpenFrame();
  // Closes the open frame, if any (see the file comment).
  void CommitFrame();
  void StartNextFrame();
  void WriteOutsideFrame(std::string_view header, std::string_view payload);

  // [begin_, end_) is storage_'s whole length, written up to cursor_.
  std::string storage_;
  char* begin_ = nullptr;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
  bool framing_ = false;
  size_t frame_start_ = kNoFrame;
  size_t commit_at_ = kNoFrame;  // size() at which OpcodeBoundary commits the frame
  bool keep_large_payloads_ = false;
  // Payloads kept by reference, each with the size() at which it belongs.
  std::vector<std::pair<size_t, std::string_view>> referenced_;
};

// Little-endian encodings of fixed-width unsigned integers, as pickle uses.
void AppendUint16(std::string& out, uint32_t value);
void AppendUint32(std::string& out, uint32_t value);
void AppendUint64(std::string& out, uint64_t value);

}  // namespace brine

#endif  // BRINE_CODEC_OUTPUT_BUFFER_H_
