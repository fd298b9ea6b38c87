// StreamInput: the decoder's instruction reader over a ByteSource, with a
// bounded window (see DecodeStream in decoder.h).
//
// The window holds the instruction being read and whatever the source handed
// over beyond it (64 KiB when the source reads ahead). It grows only to hold
// one instruction that must be contiguous: a newline-terminated argument of
// protocol 0 or 1 (INT, STRING, UNICODE, GLOBAL...), a length-prefixed one
// shorter than kDirectReadMin, or a frame being prefetched; beyond
// kMaxFramePrefetch it shrinks back to kWindowSize once drained. A length-prefixed argument of kDirectReadMin bytes or more is read
// straight into its destination in the Document's arena, so a 50 MiB
// BINBYTES8 is copied once, from the source to the arena.
//
// Each instruction is parsed by ReadInstructionInto on the window, with
// stream offsets, so errors read as the contiguous decoder's do: the window
// ends where the stream ends. Argument views point into the window (valid
// until the next Next) or, when argument_outlives_document(), into the arena.
#ifndef BRINE_CODEC_STREAM_INPUT_H_
#define BRINE_CODEC_STREAM_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/byte_source.h"
#include "brine/codec/decoder.h"
#include "brine/codec/opcode_reader.h"
#include "brine/value/heap.h"

namespace brine {

class StreamInput {
 public:
  static constexpr size_t kWindowSize = size_t{64} << 10;
  static constexpr size_t kDirectReadMin = size_t{16} << 10;
  // FRAMEs up to this length are read whole before their opcodes run.
  static constexpr size_t kMaxFramePrefetch = size_t{256} << 10;

  // Reads from `source`; large arguments are allocated from `heap` within
  // `limits.max_total_bytes`.
  StreamInput(ByteSource& source, Heap& heap, const DecodeLimits& limits);

  // Fails with "at offset 0: empty input, not a pickle" when the source is
  // empty. Call once, before Next.
  absl::Status Start();
  // Reads the next instruction into `in`. A newline-terminated argument
  // longer than limits.max_total_bytes is refused (RESOURCE_EXHAUSTED).
  absl::Status Next(Instruction& in);
  // True when the last instruction's argument text lies in the heap's arena
  // (and so outlives the window).
  bool argument_outlives_document() const { return argument_in_heap_; }
  // How many bytes follow the last instruction, or at least `wanted` of
  // them; nullopt when that is unknown without reading more than
  // kMaxFramePrefetch ahead.
  absl::StatusOr<std::optional<uint64_t>> BytesLeft(uint64_t wanted);
  // The pickle ended: hands back to the source what was read past it.
  void Finish();

  // The largest the window has been, in bytes (for tests).
  size_t peak_window_size() const { return peak_capacity_; }

 private:
  size_t Available() const { return end_ - begin_; }
  const char* Window() const { return buffer_.get() + begin_; }
  // Makes at least `count` bytes available (fewer only at the end of the
  // input); returns how many are.
  absl::StatusOr<size_t> Fill(size_t count);
  // Moves the unconsumed bytes to the start of a new window of `capacity`.
  absl::Status Reallocate(size_t capacity);
  // Reads a length-prefixed argument of `length` bytes after a `header`
  // (opcode and length) straight into the arena.
  absl::Status ReadIntoHeap(const OpcodeInfo& info, size_t header, uint64_t length, Instruction& in);
  // Parses the instruction at the start of the window and consumes it.
  absl::Status Parse(Instruction& in);

  ByteSource& source_;
  Heap& heap_;
  const DecodeLimits& limits_;
  std::optional<uint64_t> size_at_start_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t peak_capacity_ = 0;
  size_t begin_ = 0;          // unconsumed bytes are buffer_[begin_, end_)
  size_t end_ = 0;
  uint64_t begin_offset_ = 0;  // stream offset of buffer_[begin_]
  bool at_end_ = false;        // the source has no more bytes
  bool argument_in_heap_ = false;
};

}  // namespace brine

#endif  // BRINE_CODEC_STREAM_INPUT_H_
