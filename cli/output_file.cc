// OutputFileSink and WriteOutputFile (see output_file.h), through codec/sink.h's
// FdSink.
#include "brine/cli/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "brine/codec/sink.h"

namespace brine::cli {
namespace {

std::string ResolveOutputPath(std::string_view path) {
  const char* user_directory = std::getenv("BUILD_WORKING_DIRECTORY");
  const absl::string_view view(path.data(), path.size());
  if (path.starts_with('/') || user_directory == nullptr || *user_directory == '\0') return std::string(view);
  return absl::StrCat(user_directory, "/", view);
}

}  // namespace

OutputFileSink::OutputFileSink(std::string_view path)
    : path_(path == "-" ? std::string(path) : ResolveOutputPath(path)) {}

OutputFileSink::~OutputFileSink() { Close().IgnoreError(); }

absl::Status OutputFileSink::Write(std::string_view bytes) {
  if (fd_ < 0) {
    if (path_ == "-") {
      std::fflush(stdout);
      fd_ = STDOUT_FILENO;
    } else {
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (fd_ < 0) return absl::NotFoundError(absl::StrCat("cannot write ", path_, ": ", std::strerror(errno)));
    }
  }
  return FdSink(fd_).Write(bytes);
}

absl::Status OutputFileSink::Close() {
  const int fd = fd_;
  fd_ = -1;
  if (fd < 0 || fd == STDOUT_FILENO) return absl::OkStatus();
  if (::close(fd) != 0) return absl::UnavailableError(absl::StrCat("cannot write ", path_, ": ", std::strerror(errno)));
  return absl::OkStatus();
}

absl::Status WriteOutputFile(std::string_view path, std::string_view bytes) {
  OutputFileSink sink(path);
  absl::Status status = sink.Write(bytes);
  absl::Status closed = sink.Close();
  return status.ok() ? closed : status;
}

}  // namespace brine::cli
