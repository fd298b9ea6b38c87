// Writing a command's binary result to OUT: a path, or - for standard
// output. Used by `transcode` and `optimize`, which compute the whole result
// first, so a failure never leaves a partial or truncated OUT behind: the file
// is created only when there is something complete to write (at the first
// write to an OutputFileSink, which EncodeTo makes only once the pickle is
// complete).
#ifndef BRINE_CLI_OUTPUT_FILE_H_
#define BRINE_CLI_OUTPUT_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "brine/codec/sink.h"

namespace brine::cli {

// A Sink writing to `path` (created or truncated at the first Write; relative
// paths are taken from BUILD_WORKING_DIRECTORY under `bazel run`, as for
// inputs), or to standard output when `path` is "-". Close reports a failure
// to close the file.
class OutputFileSink : public Sink {
 public:
  explicit OutputFileSink(std::string_view path);
  ~OutputFileSink() override;
  OutputFileSink(const OutputFileSink&) = delete;
  OutputFileSink& operator=(const OutputFileSink&) = delete;

  absl::Status Write(std::string_view bytes) override;
  absl::Status Close();

 private:
  std::string path_;
  int fd_ = -1;
};

// Writes `bytes` to `path` through an OutputFileSink.
absl::Status WriteOutputFile(std::string_view path, std::string_view bytes);

}  // namespace brine::cli

#endif  // BRINE_CLI_OUTPUT_FILE_H_
