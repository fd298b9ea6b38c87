// Listing and reading fuzz inputs (see input_files.h).
#include "brine/fuzz/input_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "absl/status/status.h"

namespace brine::fuzz {

absl::StatusOr<std::vector<std::string>> ListInputFiles(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_regular_file(path, error)) return std::vector<std::string>{path};
  if (!fs::is_directory(path, error)) {
    return absl::NotFoundError("no such file or directory: " + path);
  }
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error)) files.push_back(it->path().string());
  }
  if (error) return absl::InternalError("cannot list " + path + ": " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open " + path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::InternalError("cannot read " + path);
  return content;
}

}  // namespace brine::fuzz
