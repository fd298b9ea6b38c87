// Reading fuzz inputs from disk for the drivers that run fuzz targets without
// libFuzzer (corpus_test and the standalone reproducer).
#ifndef BRINE_FUZZ_INPUT_FILES_H_
#define BRINE_FUZZ_INPUT_FILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace brine::fuzz {

// `path` itself when it is a file, else every regular file under it
// (recursively), sorted. A missing path is an error.
absl::StatusOr<std::vector<std::string>> ListInputFiles(const std::string& path);

// The whole content of a file.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

}  // namespace brine::fuzz

#endif  // BRINE_FUZZ_INPUT_FILES_H_
