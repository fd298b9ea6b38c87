// ReadInput (see input.h): reads everything with std::fread, so files and pipes
// behave alike; a regular file is read in one call into a string of its size,
// so a large input is copied once, with no growth along the way.
#include "brine/cli/input.h"
#include "brine/value/huge_pages.h"
#include "brine/value/string_views.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace brine::cli {
namespace {

absl::Status ReadError(std::string_view path) {
  return absl::NotFoundError(absl::StrCat("cannot read ", path == "-" ? std::string("standard input") : std::string(path), ": ",
                                          std::strerror(errno)));
}

// Appends everything left in `file` to `out`.
bool ReadAll(std::FILE* file, std::string& out) {
  char buffer[1 << 16];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) out.append(buffer, got);
  return std::ferror(file) == 0;
}

// Reads a regular file's current size in one call, then anything it has
// grown by since.
bool ReadFile(std::FILE* file, std::string& out) {
  struct stat info;
  if (::fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    out.reserve(static_cast<size_t>(info.st_size));
    AdviseHugePages(out.data(), out.capacity());
    out.resize(static_cast<size_t>(info.st_size));
    out.resize(std::fread(out.data(), 1, out.size(), file));
    if (std::ferror(file) != 0) return false;
  }
  return ReadAll(file, out);
}

// `bazel run` starts the binary in its runfiles directory and names the
// user's directory in BUILD_WORKING_DIRECTORY: relative paths mean that one.
std::string ResolvePath(std::string_view path) {
  const char* user_directory = std::getenv("BUILD_WORKING_DIRECTORY");
  if (path.starts_with('/') || user_directory == nullptr || *user_directory == '\0') return std::string(path);
  return absl::StrCat(user_directory, "/", ToAbsl(path));
}

}  // namespace

absl::StatusOr<std::string> ReadInput(std::string_view path) {
  std::string data;
  if (path == "-") {
    if (!ReadAll(stdin, data)) return ReadError(path);
    return data;
  }
  std::FILE* file = std::fopen(ResolvePath(path).c_str(), "rb");
  if (file == nullptr) return ReadError(path);
  bool ok = ReadFile(file, data);
  std::fclose(file);
  if (!ok) return ReadError(path);
  return data;
}

}  // namespace brine::cli
