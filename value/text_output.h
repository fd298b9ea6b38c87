// TextOutput: where the text writers (repr, JSON, the disassembler) put their
// text. It holds at most about one chunk (64 KiB) at a time and hands full
// chunks to a flush function, so a command prints gigabytes in bounded memory;
// it counts every byte against a limit and, once the limit is passed, hands on
// exactly the bytes up to the limit and reports ResourceExhausted.
//
//   brine::TextOutput out(limit, [&](std::string_view chunk) { return sink.Write(chunk); });
//   out.Append("abc");               // cheap: into the buffer
//   if (absl::Status s = out.Check(); !s.ok()) return s;   // once per step
//   ...
//   return out.Finish();             // flushes the rest
//
// A writer appends small pieces (at most a few KiB, or one scalar's text)
// between calls to Check(), which flushes when the chunk is full and fails
// past the limit.
#ifndef BRINE_VALUE_TEXT_OUTPUT_H_
#define BRINE_VALUE_TEXT_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"

namespace brine {

class TextOutput {
 public:
  using Flush = absl::FunctionRef<absl::Status(std::string_view chunk)>;

  // Bytes collected before they are handed to `flush`.
  static constexpr size_t kChunkBytes = size_t{64} << 10;

  // `max_bytes` 0 means no limit. `limit_error` is the message of the
  // ResourceExhausted status returned past the limit. `flush` is referenced,
  // not copied: the callable must outlive the TextOutput.
  TextOutput(size_t max_bytes, Flush flush, std::string limit_error);

  // The buffer to append to directly (for appenders taking std::string&).
  std::string& buffer() { return buffer_; }
  void Append(std::string_view text) { buffer_.append(text.data(), text.size()); }
  void Append(char c) { buffer_.push_back(c); }

  // Flushes a full chunk; fails when more than `max_bytes` were appended in
  // all (after flushing the bytes up to the limit) or when the flush fails.
  absl::Status Check() {
    if (buffer_.size() < drain_at_) return absl::OkStatus();
    return Drain();
  }

  // Flushes what is left (when within the limit).
  absl::Status Finish();

  // Bytes appended so far, flushed or not.
  size_t size() const { return flushed_ + buffer_.size(); }

  // While held (Hold() calls outnumber Release() calls), Check() neither
  // flushes nor checks the limit, so text appended meanwhile stays in
  // buffer() for the caller to copy; the caller bounds what it appends.
  void Hold() {
    ++holds_;
    drain_at_ = SIZE_MAX;
  }
  void Release() {
    if (--holds_ == 0) drain_at_ = DrainPoint();
  }

 private:
  absl::Status Drain();
  // The buffer size at which Check() drains: a full chunk, or one byte past
  // the limit, whichever comes first.
  size_t DrainPoint() const;

  size_t max_bytes_;
  Flush flush_;
  std::string limit_error_;
  std::string buffer_;
  size_t flushed_ = 0;
  size_t drain_at_;
  int holds_ = 0;
};

// A flush function that appends each chunk to a string, for the writers'
// string-returning forms: `WriteRepr(value, StringFlush(text))`. It must not
// outlive the call it is passed to.
class StringFlush {
 public:
  explicit StringFlush(std::string& text) : text_(text) {}
  absl::Status operator()(std::string_view chunk) const {
    text_.append(chunk.data(), chunk.size());
    return absl::OkStatus();
  }

 private:
  std::string& text_;
};

}  // namespace brine

#endif  // BRINE_VALUE_TEXT_OUTPUT_H_
