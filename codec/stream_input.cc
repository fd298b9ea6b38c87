// Windowed instruction reading over a ByteSource (see stream_input.h).
#include "brine/codec/stream_input.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace brine {
namespace {

}  // namespace

StreamInput::StreamInput(ByteSource& source, Heap& heap, const DecodeLimits& limits)
    : source_(source), heap_(heap), limits_(limits), size_at_start_(source.SizeAtStart()) {}

absl::Status StreamInput::Reallocate(size_t capacity) {
  std::unique_ptr<char[]> buffer(new (std::nothrow) char[capacity]);
  if (buffer == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat("at offset ", begin_offset_, ": out of memory growing the read window to ", capacity, " bytes"));
  }
  if (Available() > 0) std::memcpy(buffer.get(), Window(), Available());
  end_ = Available();
  begin_ = 0;
  buffer_ = std::move(buffer);
  capacity_ = capacity;
  peak_capacity_ = std::max(peak_capacity_, capacity);
  return absl::OkStatus();
}

absl::StatusOr<size_t> StreamInput::Fill(size_t count) {
  if (Available() >= count || at_end_) return Available();
  if (begin_ + count > capacity_) {
    if (count <= capacity_) {
      std::memmove(buffer_.get(), Window(), Available());
      end_ = Available();
      begin_ = 0;
    } else if (absl::Status grown = Reallocate(std::max(count, 2 * capacity_)); !grown.ok()) {
      return grown;
    }
  }
  size_t wanted = count - Available();
  absl::StatusOr<size_t> got = source_.Read(buffer_.get() + end_, wanted, capacity_ - end_);
  if (!got.ok()) return got.status();
  end_ += *got;
  if (*got < wanted) at_end_ = true;
  return Available();
}

absl::Status StreamInput::Start() {
  if (absl::Status allocated = Reallocate(kWindowSize); !allocated.ok()) return allocated;
  absl::StatusOr<size_t> available = Fill(1);
  if (!available.ok()) return available.status();
  if (*available == 0) return absl::InvalidArgumentError("at offset 0: empty input, not a pickle");
  return absl::OkStatus();
}

absl::Status StreamInput::Parse(Instruction& in) {
  absl::Status read = ReadInstructionInto(std::string_view(Window(), Available()), 0, in, begin_offset_);
  if (!read.ok()) return read;
  size_t length = in.end - begin_offset_;
  begin_ += length;
  begin_offset_ = in.end;
  return absl::OkStatus();
}

absl::Status StreamInput::Next(Instruction& in) {
  argument_in_heap_ = false;
  // Usually the window holds the whole instruction: parse it in place. When
  // it does not (or the instruction is bad), the careful path below reads
  // what the instruction needs first, then parses again.
  if (Available() > 0 && Parse(in).ok()) return absl::OkStatus();
  if (capacity_ > kMaxFramePrefetch && Available() <= kWindowSize) {
    if (absl::Status shrunk = Reallocate(kWindowSize); !shrunk.ok()) return shrunk;
  }
  absl::StatusOr<size_t> available = Fill(1);
  if (!available.ok()) return available.status();
  if (*available == 0) return Parse(in);  // the truncation error
  const OpcodeInfo* info = FindOpcode(static_cast<uint8_t>(*Window()));
  if (info == nullptr) return Parse(in);  // the unknown-opcode error
  ArgLayout layout = LayoutOf(info->arg);
  switch (layout.form) {
    case ArgLayout::kFixed:
      available = Fill(1 + layout.width);
      break;
    case ArgLayout::kLengthPrefixed: {
      size_t header = 1 + layout.width;
      available = Fill(header);
      if (!available.ok() || *available < header) break;
      uint64_t length = LoadLittleEndian(Window() + 1, layout.width);
      bool negative = layout.is_signed && (length & 0x80000000u) != 0;
      if (negative || *available - header >= length) break;
      if (length >= kDirectReadMin) return ReadIntoHeap(*info, header, length, in);
      available = Fill(header + length);
      break;
    }
    case ArgLayout::kLines: {
      size_t scanned = 1;
      int lines_left = layout.width;
      while (lines_left > 0) {
        const void* newline = std::memchr(Window() + scanned, '\n', *available - scanned);
        if (newline != nullptr) {
          scanned = static_cast<const char*>(newline) - Window() + 1;
          --lines_left;
          continue;
        }
        scanned = *available;
        if (scanned > limits_.max_total_bytes) {
          return absl::ResourceExhaustedError(
              OpcodeError(*info, begin_offset_,
                          absl::StrCat("argument line longer than max_total_bytes (", limits_.max_total_bytes, ")"))
                  .message());
        }
        available = Fill(scanned + 1);
        if (!available.ok() || *available == scanned) break;
      }
      break;
    }
  }
  if (!available.ok()) return available.status();
  return Parse(in);
}

absl::Status StreamInput::ReadIntoHeap(const OpcodeInfo& info, size_t header, uint64_t length, Instruction& in) {
  uint64_t offset = begin_offset_;
  if (size_at_start_ && *size_at_start_ >= offset + header && length > *size_at_start_ - offset - header) {
    return OpcodeError(info, offset,
                       absl::StrFormat("length %d exceeds the %d bytes left", length, *size_at_start_ - offset - header));
  }
  size_t used = heap_.bytes_allocated();
  if (length > limits_.max_total_bytes || used > limits_.max_total_bytes - length) {
    return absl::ResourceExhaustedError(
        OpcodeError(info, offset,
                    absl::StrCat("allocating ", length, " more bytes would exceed max_total_bytes (",
                                 limits_.max_total_bytes, "); ", used, " bytes in use"))
            .message());
  }
  char* destination;
  try {
    destination = static_cast<char*>(heap_.resource()->allocate(static_cast<size_t>(length), 1));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        OpcodeError(info, offset, absl::StrCat("out of memory allocating ", length, " bytes")).message());
  }
  size_t buffered = Available() - header;  // less than `length`, or the window would hold it
  std::memcpy(destination, Window() + header, buffered);
  begin_ = end_ = 0;
  size_t copied = buffered;
  while (copied < length && !at_end_) {
    size_t wanted = static_cast<size_t>(length) - copied;
    absl::StatusOr<size_t> got = source_.Read(destination + copied, wanted, wanted);
    if (!got.ok()) return got.status();
    copied += *got;
    if (*got < wanted) at_end_ = true;
  }
  if (copied < length) {
    return OpcodeError(info, offset, absl::StrFormat("length %d exceeds the %d bytes left", length, copied));
  }
  in.info = &info;
  in.offset = offset;
  in.end = offset + header + length;
  in.arg = OpcodeArg();
  in.arg.text = std::string_view(destination, static_cast<size_t>(length));
  begin_offset_ = in.end;
  argument_in_heap_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<uint64_t>> StreamInput::BytesLeft(uint64_t wanted) {
  if (wanted <= kMaxFramePrefetch) {  // read the frame now: fewer, larger reads
    absl::StatusOr<size_t> available = Fill(static_cast<size_t>(wanted));
    if (!available.ok()) return available.status();
    return std::optional<uint64_t>(*available);
  }
  if (size_at_start_ && *size_at_start_ >= begin_offset_) return *size_at_start_ - begin_offset_;
  return std::optional<uint64_t>();
}

void StreamInput::Finish() { source_.Unread(Available()); }

}  // namespace brine
