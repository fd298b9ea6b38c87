// Sink: where encoded bytes go. A Sink receives whole chunks and reports
// whether they were written; the encoder hands it a pickle only once the
// pickle is complete (see EncodeTo in codec/encoder.h).
//
//   brine::FdSink out(STDOUT_FILENO);
//   absl::Status s = brine::EncodeTo(value, out);
//
//   std::ofstream file("x.pkl", std::ios::binary);
//   brine::OstreamSink sink(file);
#ifndef BRINE_CODEC_SINK_H_
#define BRINE_CODEC_SINK_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace brine {

class Sink {
 public:
  virtual ~Sink() = default;
  // Writes all of `bytes`. On failure, the status says how many of them were
  // written before the failure.
  virtual absl::Status Write(std::string_view bytes) = 0;
};

// Writes to a file descriptor (not owned; never closed here), retrying short
// writes and EINTR.
class FdSink : public Sink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  absl::Status Write(std::string_view bytes) override;

 private:
  int fd_;
};

// Writes to a std::ostream (not owned), flushing after each chunk so that a
// failure is seen at once.
class OstreamSink : public Sink {
 public:
  explicit OstreamSink(std::ostream& stream) : stream_(stream) {}
  absl::Status Write(std::string_view bytes) override;

 private:
  std::ostream& stream_;
};

// Appends to a std::string (not owned).
class StringSink : public Sink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  absl::Status Write(std::string_view bytes) override;

 private:
  std::string& out_;
};

}  // namespace brine

#endif  // BRINE_CODEC_SINK_H_
