// Runs python3 through temporary files (script, stdin, stdout, stderr).
#include "registry/python_oracle.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace brine::testing {
namespace {

std::string TempDirectory() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

bool WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

absl::StatusOr<std::string> RunPython(std::string_view script, std::string_view stdin_bytes) {
  static int run_count = 0;
  const std::string base =
      absl::StrCat(TempDirectory(), "/brine_python_", getpid(), "_", run_count++);
  const std::string script_path = base + ".py", in_path = base + ".in";
  const std::string out_path = base + ".out", err_path = base + ".err";
  if (!WriteFile(script_path, script) || !WriteFile(in_path, stdin_bytes)) {
    return absl::InternalError(absl::StrCat("cannot write temporary files at ", base));
  }
  const std::string command = absl::StrCat("python3 ", script_path, " < ", in_path, " > ",
                                           out_path, " 2> ", err_path);
  const int status = std::system(command.c_str());
  std::string out = ReadFile(out_path);
  std::string err = ReadFile(err_path);
  for (const std::string& path : {script_path, in_path, out_path, err_path}) {
    std::remove(path.c_str());
  }
  if (status != 0) {
    return absl::InternalError(absl::StrCat("python3 failed (status ", status, "): ", err));
  }
  return out;
}

}  // namespace brine::testing
