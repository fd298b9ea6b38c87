// TextOutput (see text_output.h).
#include "brine/value/text_output.h"

#include <algorithm>
#include <utility>

namespace brine {

TextOutput::TextOutput(size_t max_bytes, Flush flush, std::string limit_error)
    : max_bytes_(max_bytes), flush_(flush), limit_error_(std::move(limit_error)) {
  buffer_.reserve(kChunkBytes + 4096);
  drain_at_ = DrainPoint();
}

size_t TextOutput::DrainPoint() const {
  if (max_bytes_ == 0) return kChunkBytes;
  return std::min(kChunkBytes, max_bytes_ - flushed_ + 1);
}

absl::Status TextOutput::Drain() {
  const bool over_limit = max_bytes_ != 0 && size() > max_bytes_;
  const size_t length = over_limit ? max_bytes_ - flushed_ : buffer_.size();
  absl::Status status = length == 0 ? absl::OkStatus() : flush_(std::string_view(buffer_).substr(0, length));
  flushed_ += length;
  buffer_.erase(0, length);
  drain_at_ = DrainPoint();
  if (!status.ok()) return status;
  if (over_limit) return absl::ResourceExhaustedError(limit_error_);
  return absl::OkStatus();
}

absl::Status TextOutput::Finish() {
  if (buffer_.empty()) return absl::OkStatus();
  return Drain();
}

}  // namespace brine
