// Subprocess runner for tests (see python_runner.h): posix_spawnp with the
// child's stdin, stdout and stderr redirected to temporary files.
#include "brine/tests/python_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

extern char** environ;

namespace brine {
namespace {

// A file in the temporary directory, removed when this object goes away.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TEST_TMPDIR");
    path_ = absl::StrCat(dir != nullptr ? dir : "/tmp", "/brine_runner_XXXXXX");
    int fd = mkstemp(path_.data());
    if (fd < 0) {
      path_.clear();
    } else {
      close(fd);
    }
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

  bool Write(std::string_view data) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    return static_cast<bool>(out);
  }
  std::string Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::string path_;
};

}  // namespace

std::string PythonInterpreter() {
  const char* chosen = std::getenv("BRINE_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : "python3";
}

absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         std::string_view stdin_data) {
  if (argv.empty()) return absl::InvalidArgumentError("RunProcess: empty argv");
  TempFile input, output, errors;
  if (!input.ok() || !output.ok() || !errors.ok()) {
    return absl::InternalError(absl::StrCat("cannot create temporary files: ", std::strerror(errno)));
  }
  if (!input.Write(stdin_data)) return absl::InternalError("cannot write the child's stdin file");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input.path().c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output.path().c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, 2, errors.path().c_str(), O_WRONLY | O_TRUNC, 0);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", argv[0], ": ", std::strerror(spawn_error)));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::InternalError(absl::StrCat("waitpid: ", std::strerror(errno)));
  }
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.stdout_text = output.Read();
  result.stderr_text = errors.Read();
  return result;
}

absl::StatusOr<ProcessResult> RunPython(std::string_view script, const std::vector<std::string>& args,
                                        std::string_view stdin_data) {
  TempFile script_file;
  if (!script_file.ok() || !script_file.Write(script)) {
    return absl::InternalError("cannot write the Python script to a temporary file");
  }
  // -B: no .pyc files. Cached bytecode stores constant sets as frozensets in
  // iteration order, and re-inserting them can reorder colliding elements.
  std::vector<std::string> argv = {PythonInterpreter(), "-B", script_file.path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, stdin_data);
}

absl::StatusOr<std::string> RunPythonStdout(std::string_view script, const std::vector<std::string>& args,
                                            std::string_view stdin_data) {
  absl::StatusOr<ProcessResult> result = RunPython(script, args, stdin_data);
  if (!result.ok()) return result.status();
  if (result->exit_code != 0) {
    return absl::InternalError(absl::StrCat("python exited with status ", result->exit_code, ": ", result->stderr_text));
  }
  return std::move(result->stdout_text);
}

}  // namespace brine
