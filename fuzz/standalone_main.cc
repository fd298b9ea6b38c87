// main() for fuzz targets built without libFuzzer (the default gcc build, or
// --config=asan): runs LLVMFuzzerTestOneInput once over each file named on the
// command line, or over every file under each directory named, to reproduce a
// crash or re-check a corpus.
//
//   bazel build --config=asan //fuzz:decode_fuzzer
//   bazel-bin/fuzz/decode_fuzzer fuzz/regressions/decode/crash-abc123
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/fuzz/input_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    absl::StatusOr<std::vector<std::string>> files = brine::fuzz::ListInputFiles(argv[i]);
    if (!files.ok()) {
      std::fprintf(stderr, "%s\n", files.status().ToString().c_str());
      return 1;
    }
    for (const std::string& file : *files) {
      absl::StatusOr<std::string> data = brine::fuzz::ReadInputFile(file);
      if (!data.ok()) {
        std::fprintf(stderr, "%s\n", data.status().ToString().c_str());
        return 1;
      }
      std::fprintf(stderr, "running %s (%zu bytes)\n", file.c_str(), data->size());
      const auto start = std::chrono::steady_clock::now();
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data->data()), data->size());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      std::fprintf(stderr, "  done in %.3f s\n", took.count());
      ++count;
    }
  }
  std::fprintf(stderr, "ran %zu inputs\n", count);
  return 0;
}
