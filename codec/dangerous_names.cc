// The table behind DangerOf (see dangerous_names.h): dotted paths, each
// covering everything reached through it, with the reason.
#include "brine/codec/dangerous_names.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

constexpr std::string_view kShell = "runs a shell command";
constexpr std::string_view kProcess = "starts or replaces a process";
constexpr std::string_view kCode = "runs arbitrary Python code";
constexpr std::string_view kImport = "imports arbitrary modules or resolves names to objects";
constexpr std::string_view kAttribute = "reaches arbitrary attributes (a building block of pickle exploits)";
constexpr std::string_view kInternals = "reaches interpreter internals through a special attribute";
constexpr std::string_view kFiles = "reads, writes or deletes files";
constexpr std::string_view kNetwork = "opens network connections";
constexpr std::string_view kNative = "calls native code";
constexpr std::string_view kPickle = "loads nested serialized data";

struct DangerousPath {
  std::string_view path;
  std::string_view reason;
};

constexpr DangerousPath kDangerousPaths[] = {
    // Shell commands and processes.
    {"os.system", kShell}, {"posix.system", kShell}, {"nt.system", kShell}, {"os.popen", kShell},
    {"posix", kProcess}, {"nt", kProcess}, {"subprocess", kProcess}, {"posixsubprocess", kProcess},
    {"pty", kProcess}, {"os.execl", kProcess}, {"os.execle", kProcess}, {"os.execlp", kProcess},
    {"os.execlpe", kProcess}, {"os.execv", kProcess}, {"os.execve", kProcess}, {"os.execvp", kProcess},
    {"os.execvpe", kProcess}, {"os._execvpe", kProcess}, {"os.spawnl", kProcess}, {"os.spawnle", kProcess},
    {"os.spawnlp", kProcess}, {"os.spawnlpe", kProcess}, {"os.spawnv", kProcess}, {"os.spawnve", kProcess},
    {"os.spawnvp", kProcess}, {"os.spawnvpe", kProcess}, {"os.posix_spawn", kProcess},
    {"os.posix_spawnp", kProcess}, {"os.startfile", kProcess}, {"os.fork", kProcess}, {"os.forkpty", kProcess},
    {"os.kill", kProcess}, {"os.killpg", kProcess}, {"os.putenv", kProcess},
    {"asyncio.create_subprocess_shell", kShell}, {"asyncio.create_subprocess_exec", kProcess},
    {"asyncio.subprocess", kProcess}, {"asyncio.base_events.BaseEventLoop.subprocess_shell", kShell},
    {"asyncio.base_events.BaseEventLoop.subprocess_exec", kProcess}, {"webbrowser", kProcess},
    {"multiprocessing.util.spawnv_passfds", kProcess}, {"multiprocessing.Process", kProcess},
    {"multiprocessing.process", kProcess}, {"multiprocessing.popen_fork", kProcess},
    {"multiprocessing.popen_spawn_posix", kProcess}, {"multiprocessing.popen_forkserver", kProcess},
    {"multiprocessing.spawn", kProcess}, {"multiprocessing.forkserver", kProcess},
    {"multiprocessing.context", kProcess}, {"multiprocessing.pool", kProcess},
    {"concurrent.futures.process.ProcessPoolExecutor", kProcess}, {"pydoc", kProcess},
    {"builtins.help", kProcess}, {"uuid._get_command_stdout", kProcess}, {"uuid._popen", kProcess},
    {"platform._syscmd_file", kProcess}, {"platform._syscmd_ver", kProcess}, {"setuptools", kProcess},
    {"distutils", kProcess}, {"pip", kProcess}, {"ensurepip", kProcess}, {"venv", kProcess},
    {"ctypes.util", kProcess},
    // Running code, importing, reaching attributes.
    {"builtins.eval", kCode}, {"builtins.exec", kCode}, {"builtins.compile", kCode},
    {"builtins.breakpoint", kCode}, {"builtins.__import__", kImport}, {"builtins.input", kCode},
    {"builtins.setattr", kAttribute}, {"builtins.delattr", kAttribute}, {"builtins.globals", kAttribute},
    {"builtins.vars", kAttribute}, {"builtins.locals", kAttribute}, {"builtins.str.format", kAttribute},
    {"builtins.str.format_map", kAttribute}, {"builtins.object.__reduce_ex__", kAttribute},
    {"importlib", kImport}, {"imp", kImport}, {"pkgutil", kImport}, {"zipimport", kImport},
    {"runpy", kCode}, {"code", kCode}, {"codeop", kCode}, {"timeit", kCode}, {"doctest", kCode},
    {"idlelib", kCode}, {"site", kCode}, {"rlcompleter", kCode}, {"logging.config", kCode},
    {"typing.ForwardRef", kCode}, {"typing._eval_type", kCode}, {"typing.get_type_hints", kCode},
    {"dataclasses._create_fn", kCode}, {"dataclasses.make_dataclass", kCode},
    {"collections.namedtuple", kCode}, {"types.FunctionType", kCode}, {"types.CodeType", kCode},
    {"types.LambdaType", kCode}, {"types.MethodType", kCode}, {"sys", kAttribute}, {"gc", kAttribute},
    {"operator.attrgetter", kAttribute}, {"operator.methodcaller", kAttribute},
    {"operator.getitem", kAttribute}, {"functools.reduce", kAttribute}, {"inspect", kAttribute},
    {"pdb", kCode}, {"bdb", kCode}, {"cProfile", kCode}, {"profile", kCode}, {"trace", kCode},
    {"numpy.testing._private.utils.runstring", kCode},
    // Files.
    {"builtins.open", kFiles}, {"io.open", kFiles}, {"io.open_code", kFiles}, {"io.FileIO", kFiles},
    {"codecs.open", kFiles}, {"os.remove", kFiles}, {"os.unlink", kFiles}, {"os.rmdir", kFiles},
    {"os.removedirs", kFiles}, {"os.rename", kFiles}, {"os.renames", kFiles}, {"os.replace", kFiles},
    {"os.truncate", kFiles}, {"os.chmod", kFiles}, {"os.chown", kFiles}, {"os.open", kFiles},
    {"os.write", kFiles}, {"os.mkdir", kFiles}, {"os.makedirs", kFiles}, {"os.symlink", kFiles},
    {"os.link", kFiles}, {"os.fdopen", kFiles}, {"shutil", kFiles}, {"fileinput", kFiles},
    {"tempfile", kFiles}, {"numpy.load", kPickle}, {"numpy.lib.npyio", kFiles}, {"numpy.save", kFiles},
    {"numpy.savez", kFiles}, {"numpy.savetxt", kFiles}, {"numpy.loadtxt", kFiles}, {"numpy.fromfile", kFiles},
    {"numpy.memmap", kFiles}, {"numpy.ndarray.tofile", kFiles}, {"numpy.ndarray.dump", kPickle},
    {"pandas.read_pickle", kPickle}, {"pandas.io", kFiles},
    // Network.
    {"socket", kNetwork}, {"ssl", kNetwork}, {"socketserver", kNetwork}, {"urllib.request", kNetwork},
    {"http.client", kNetwork}, {"http.server", kNetwork}, {"ftplib", kNetwork}, {"smtplib", kNetwork},
    {"poplib", kNetwork}, {"imaplib", kNetwork}, {"nntplib", kNetwork}, {"telnetlib", kNetwork},
    {"xmlrpc", kNetwork}, {"asyncio.open_connection", kNetwork}, {"asyncio.start_server", kNetwork},
    {"requests", kNetwork}, {"urllib3", kNetwork}, {"sklearn.datasets", kNetwork},
    // Native code.
    {"ctypes", kNative}, {"cffi", kNative},
    // Nested deserialization.
    {"pickle", kPickle}, {"marshal", kPickle}, {"shelve", kPickle}, {"dill", kPickle},
    {"cloudpickle", kPickle}, {"joblib", kPickle}, {"torch.load", kPickle}, {"yaml.load", kPickle},
    {"yaml.unsafe_load", kPickle}, {"multiprocessing.reduction.ForkingPickler", kPickle},
};

// File-changing methods of pathlib's concrete paths.
constexpr std::string_view kPathClasses[] = {"Path", "PosixPath", "WindowsPath"};
constexpr std::string_view kPathMethods[] = {
    "touch", "write_text", "write_bytes", "unlink", "rmdir", "mkdir", "rename", "replace", "chmod", "lchmod",
    "symlink_to", "hardlink_to", "link_to", "open", "read_text", "read_bytes"};

// Special attributes that lead from any object into the interpreter.
constexpr std::string_view kInternalAttributes[] = {
    "__getattribute__", "__getattr__", "__setattr__", "__delattr__", "__globals__", "__builtins__",
    "__subclasses__", "__dict__", "__code__", "__import__", "__class__", "__base__", "__bases__",
    "__mro__", "__loader__", "__spec__", "__self__", "__func__", "__closure__", "__reduce__",
    "__reduce_ex__", "__init_subclass__", "__wrapped__", "__defaults__", "__kwdefaults__", "__get__",
    "__set__", "__delete__", "__set_name__", "__objclass__"};

// Longest name checked part by part; longer ones are judged unknown by the
// allow list without this check.
constexpr size_t kMaxCheckedParts = 16;
constexpr size_t kMaxCheckedLength = 512;

const absl::flat_hash_map<std::string, std::string_view>& Table() {
  static const auto* table = [] {
    auto* map = new absl::flat_hash_map<std::string, std::string_view>();
    for (const DangerousPath& entry : kDangerousPaths) map->emplace(entry.path, entry.reason);
    for (std::string_view cls : kPathClasses) {
      for (std::string_view method : kPathMethods) {
        map->emplace(std::string("pathlib.").append(cls).append(".").append(method), kFiles);
      }
    }
    return map;
  }();
  return *table;
}

bool IsInternalAttribute(std::string_view part) {
  static const auto* set = new absl::flat_hash_set<std::string_view>(std::begin(kInternalAttributes),
                                                                      std::end(kInternalAttributes));
  return set->contains(part);
}

// The reason of the longest entry that is a prefix of parts[start..], with
// parts[start] also tried without a leading underscore; empty when none.
std::string_view DangerFrom(const std::vector<std::string_view>& parts, size_t start) {
  std::string_view reason;
  for (bool strip : {false, true}) {
    std::string_view first = parts[start];
    if (strip) {
      if (!first.starts_with('_') || first.starts_with("__")) break;
      first.remove_prefix(1);
    }
    std::string path(first);
    for (size_t end = start + 1;; ++end) {
      auto found = Table().find(path);
      if (found != Table().end()) reason = found->second;
      if (end == parts.size()) break;
      path.append(".").append(parts[end]);
    }
    if (!reason.empty()) return reason;
  }
  return reason;
}

}  // namespace

std::string_view DangerOf(std::string_view module, std::string_view qualname) {
  if (module.size() + qualname.size() > kMaxCheckedLength) return {};
  std::vector<std::string_view> parts;
  for (absl::string_view part : absl::StrSplit(ToAbsl(module), '.')) parts.push_back(FromAbsl(part));
  if (!qualname.empty()) {
    for (absl::string_view part : absl::StrSplit(ToAbsl(qualname), '.')) parts.push_back(FromAbsl(part));
  }
  if (parts.size() > kMaxCheckedParts) return {};
  for (std::string_view part : parts) {
    if (IsInternalAttribute(part)) return kInternals;
  }
  for (size_t start = 0; start < parts.size(); ++start) {
    std::string_view reason = DangerFrom(parts, start);
    if (!reason.empty()) return reason;
  }
  return {};
}

}  // namespace brine
