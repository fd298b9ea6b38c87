// The table behind DangerOf (see dangerous_names.h). An entry whose name is
// "*" covers every name in the module.
#include "brine/codec/dangerous_names.h"

namespace brine {
namespace {

struct DangerousName {
  std::string_view module;
  std::string_view name;
  std::string_view reason;
};

constexpr std::string_view kShell = "runs a shell command";
constexpr std::string_view kProcess = "starts or replaces a process";
constexpr std::string_view kCode = "runs arbitrary Python code";
constexpr std::string_view kImport = "imports arbitrary modules";
constexpr std::string_view kAttribute = "reaches arbitrary attributes (a building block of pickle exploits)";
constexpr std::string_view kFiles = "reads, writes or deletes files";
constexpr std::string_view kNetwork = "opens network connections";
constexpr std::string_view kNative = "calls native code";
constexpr std::string_view kPickle = "loads nested serialized data";

constexpr DangerousName kDangerousNames[] = {
    // Shell commands and processes.
    {"os", "system", kShell},        {"posix", "system", kShell},       {"nt", "system", kShell},
    {"os", "popen", kShell},         {"posix", "popen", kShell},        {"nt", "popen", kShell},
    {"commands", "*", kShell},       {"popen2", "*", kShell},           {"subprocess", "*", kProcess},
    {"pty", "spawn", kProcess},      {"os", "execl", kProcess},         {"os", "execle", kProcess},
    {"os", "execlp", kProcess},      {"os", "execlpe", kProcess},       {"os", "execv", kProcess},
    {"os", "execve", kProcess},      {"os", "execvp", kProcess},        {"os", "execvpe", kProcess},
    {"posix", "execv", kProcess},    {"posix", "execve", kProcess},     {"nt", "execv", kProcess},
    {"nt", "execve", kProcess},      {"os", "spawnl", kProcess},        {"os", "spawnle", kProcess},
    {"os", "spawnlp", kProcess},     {"os", "spawnlpe", kProcess},      {"os", "spawnv", kProcess},
    {"os", "spawnve", kProcess},     {"os", "spawnvp", kProcess},       {"os", "spawnvpe", kProcess},
    {"nt", "spawnv", kProcess},      {"nt", "spawnve", kProcess},       {"os", "posix_spawn", kProcess},
    {"os", "posix_spawnp", kProcess}, {"posix", "posix_spawn", kProcess}, {"posix", "posix_spawnp", kProcess},
    {"os", "startfile", kProcess},   {"nt", "startfile", kProcess},     {"os", "fork", kProcess},
    {"posix", "fork", kProcess},     {"os", "forkpty", kProcess},       {"os", "kill", kProcess},
    {"posix", "kill", kProcess},     {"os", "killpg", kProcess},        {"asyncio", "create_subprocess_shell", kShell},
    {"asyncio", "create_subprocess_exec", kProcess}, {"asyncio.subprocess", "*", kProcess},
    {"webbrowser", "*", kProcess},
    // Running code and importing.
    {"builtins", "eval", kCode},     {"builtins", "exec", kCode},       {"builtins", "compile", kCode},
    {"builtins", "execfile", kCode}, {"builtins", "breakpoint", kCode}, {"builtins", "__import__", kImport},
    {"__builtin__", "eval", kCode},  {"__builtin__", "exec", kCode},    {"__builtin__", "compile", kCode},
    {"__builtin__", "execfile", kCode}, {"__builtin__", "__import__", kImport}, {"__builtin__", "input", kCode},
    {"builtins", "getattr", kAttribute}, {"builtins", "setattr", kAttribute}, {"builtins", "delattr", kAttribute},
    {"builtins", "globals", kAttribute}, {"builtins", "vars", kAttribute}, {"builtins", "locals", kAttribute},
    {"__builtin__", "getattr", kAttribute}, {"__builtin__", "setattr", kAttribute},
    {"__builtin__", "delattr", kAttribute}, {"__builtin__", "globals", kAttribute},
    {"builtins", "open", kFiles},    {"__builtin__", "open", kFiles},   {"__builtin__", "file", kFiles},
    {"io", "open", kFiles},          {"_io", "open", kFiles},           {"codecs", "open", kFiles},
    {"importlib", "*", kImport},     {"imp", "*", kImport},             {"runpy", "*", kCode},
    {"code", "*", kCode},            {"codeop", "*", kCode},            {"timeit", "*", kCode},
    {"types", "FunctionType", kCode}, {"types", "CodeType", kCode},     {"types", "LambdaType", kCode},
    {"sys", "*", kAttribute},        {"operator", "attrgetter", kAttribute},
    {"operator", "methodcaller", kAttribute}, {"operator", "getitem", kAttribute},
    {"_operator", "attrgetter", kAttribute}, {"_operator", "methodcaller", kAttribute},
    {"functools", "reduce", kAttribute}, {"inspect", "*", kAttribute},
    {"pdb", "*", kCode},             {"bdb", "*", kCode},               {"cProfile", "*", kCode},
    {"profile", "*", kCode},         {"trace", "*", kCode},
    {"numpy.testing._private.utils", "runstring", kCode},
    // Files.
    {"os", "remove", kFiles},        {"os", "unlink", kFiles},          {"os", "rmdir", kFiles},
    {"os", "removedirs", kFiles},    {"os", "rename", kFiles},          {"os", "renames", kFiles},
    {"os", "replace", kFiles},       {"os", "truncate", kFiles},        {"os", "chmod", kFiles},
    {"os", "chown", kFiles},         {"os", "open", kFiles},            {"os", "write", kFiles},
    {"os", "putenv", kProcess},      {"os", "mkdir", kFiles},           {"os", "makedirs", kFiles},
    {"os", "symlink", kFiles},       {"os", "link", kFiles},            {"posix", "remove", kFiles},
    {"posix", "unlink", kFiles},     {"posix", "rename", kFiles},       {"posix", "open", kFiles},
    {"posix", "write", kFiles},      {"nt", "remove", kFiles},          {"nt", "unlink", kFiles},
    {"nt", "open", kFiles},          {"shutil", "*", kFiles},           {"fileinput", "*", kFiles},
    // Network.
    {"socket", "*", kNetwork},       {"_socket", "*", kNetwork},        {"urllib", "*", kNetwork},
    {"urllib.request", "*", kNetwork}, {"urllib2", "*", kNetwork},      {"http.client", "*", kNetwork},
    {"httplib", "*", kNetwork},      {"ftplib", "*", kNetwork},         {"smtplib", "*", kNetwork},
    {"telnetlib", "*", kNetwork},    {"requests", "*", kNetwork},       {"xmlrpc.client", "*", kNetwork},
    // Native code.
    {"ctypes", "*", kNative},        {"_ctypes", "*", kNative},         {"cffi", "*", kNative},
    // Nested deserialization.
    {"pickle", "*", kPickle},        {"_pickle", "*", kPickle},         {"cPickle", "*", kPickle},
    {"marshal", "*", kPickle},       {"shelve", "*", kPickle},          {"dill", "*", kPickle},
    {"cloudpickle", "*", kPickle},   {"joblib", "load", kPickle},       {"torch", "load", kPickle},
    {"numpy", "load", kPickle},      {"yaml", "load", kPickle},         {"yaml", "unsafe_load", kPickle},
};

}  // namespace

std::string_view DangerOf(std::string_view module, std::string_view name) {
  std::string_view first_name = name.substr(0, name.find('.'));
  for (const DangerousName& entry : kDangerousNames) {
    bool module_matches = module == entry.module ||
                          (module.starts_with(entry.module) && module.size() > entry.module.size() &&
                           module[entry.module.size()] == '.' && entry.name == "*");
    if (module_matches && (entry.name == "*" || entry.name == first_name || entry.name == name)) {
      return entry.reason;
    }
  }
  return {};
}

}  // namespace brine
