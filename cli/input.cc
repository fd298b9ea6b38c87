// ReadInput (see input.h): reads everything with std::fread, so files and pipes
// behave alike.
#include "brine/cli/input.h"
#include "brine/value/string_views.h"

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
  bool ok = ReadAll(file, data);
  std::fclose(file);
  if (!ok) return ReadError(path);
  return data;
}

}  // namespace brine::cli
