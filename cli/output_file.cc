// WriteOutputFile (see output_file.h), through codec/sink.h's FdSink.
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

absl::Status WriteOutputFile(std::string_view path, std::string_view bytes) {
  if (path == "-") {
    std::fflush(stdout);
    FdSink sink(STDOUT_FILENO);
    return sink.Write(bytes);
  }
  const std::string resolved = ResolveOutputPath(path);
  const int fd = ::open(resolved.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return absl::NotFoundError(absl::StrCat("cannot write ", resolved, ": ", std::strerror(errno)));
  FdSink sink(fd);
  absl::Status status = sink.Write(bytes);
  if (::close(fd) != 0 && status.ok()) {
    status = absl::UnavailableError(absl::StrCat("cannot write ", resolved, ": ", std::strerror(errno)));
  }
  return status;
}

}  // namespace brine::cli
