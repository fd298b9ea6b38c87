// File-descriptor, ostream and string sinks.
#include "brine/codec/sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace brine {

absl::Status FdSink::Write(std::string_view bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("write to file descriptor ", fd_, " failed after ", written,
                                                 " of ", bytes.size(), " bytes: ", std::strerror(errno)));
    }
    written += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status OstreamSink::Write(std::string_view bytes) {
  const std::streampos before = stream_.tellp();
  stream_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  stream_.flush();
  if (!stream_) {
    const std::streampos after = stream_.tellp();
    const std::string written = (before != std::streampos(-1) && after != std::streampos(-1))
                                    ? absl::StrCat(static_cast<long long>(after - before))
                                    : std::string("an unknown number");
    return absl::UnavailableError(
        absl::StrCat("write to stream failed after ", written, " of ", bytes.size(), " bytes"));
  }
  return absl::OkStatus();
}

absl::Status StringSink::Write(std::string_view bytes) {
  out_.append(bytes.data(), bytes.size());
  return absl::OkStatus();
}

}  // namespace brine
