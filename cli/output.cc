// WriteOut and Fail (see output.h), over stdio.
#include "brine/cli/output.h"

#include <cstdio>
#include <string>

namespace brine::cli {

void WriteOut(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

absl::Status WriteOutChunk(std::string_view chunk) {
  if (std::fwrite(chunk.data(), 1, chunk.size(), stdout) == chunk.size()) return absl::OkStatus();
  return absl::UnavailableError("cannot write to standard output");
}

int Fail(std::string_view command_name, const absl::Status& status, int exit_code) {
  std::fflush(stdout);
  std::string line = "brine ";
  line.append(command_name);
  line += ": ";
  std::string_view message(status.message().data(), status.message().size());
  line.append(message);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
  return exit_code;
}

}  // namespace brine::cli
