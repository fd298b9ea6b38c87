// `brine transcode` and `brine optimize` against CPython: transcoding gives
// the bytes pickle.dumps writes at the target protocol, optimizing gives the
// bytes pickletools.optimize returns, and failures leave OUT untouched.
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

constexpr char kBrine[] = "./brine";

std::string TempDir() {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/transcode_XXXXXX");
  return mkdtemp(dir.data()) != nullptr ? dir : "/tmp";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// Each line CPython prints: source protocol, source pickle, then the pickles
// of the same value at protocols 0 to 5, in hex.
constexpr char kValues[] = R"(
import pickle, collections
values = [
    [1, -2, 2**70, 1.5, float('inf'), None, True, 'text \u20ac \U0001f600', b'\x00\xff', bytearray(b'ba')],
    {'nested': [(1, 2), (3,), ()], 'set': {1, 2, 3}, 'frozen': frozenset([4])},
    collections.OrderedDict([('a', 1), ('b', [2])]),
    list(range(2500)),
    ['x' * 70000, b'y' * 70000],
]
for v in values:
    for source in (0, 2, 5):
        print(source, pickle.dumps(v, source).hex(), *(pickle.dumps(v, p).hex() for p in range(6)))
)";

TEST(TranscodeCommandTest, WritesWhatCPythonWritesAtEachProtocol) {
  absl::StatusOr<ProcessResult> python = RunPython(kValues);
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  const std::string dir = TempDir();
  int compared = 0;
  for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    ASSERT_EQ(fields.size(), 8u);
    const std::string in = dir + "/in.pkl";
    WriteFile(in, absl::HexStringToBytes(fields[1]));
    for (int p = 0; p <= 5; ++p) {
      const std::string out = absl::StrCat(dir, "/out", p, ".pkl");
      absl::StatusOr<ProcessResult> r = RunProcess({kBrine, "transcode", "-p", absl::StrCat(p), in, out});
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
      EXPECT_EQ(absl::BytesToHexString(ReadFile(out)), fields[2 + p]) << "from protocol " << fields[0] << " to " << p;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 90);
}

TEST(TranscodeCommandTest, ProtocolSpellingsAndStandardStreams) {
  absl::StatusOr<ProcessResult> python = RunPython(
      "import pickle, sys\nv = {'k': [1, 2]}\n"
      "print(pickle.dumps(v, 0).hex(), pickle.dumps(v, 2).hex(), pickle.dumps(v, 4).hex(), pickle.dumps(v, 5).hex())\n");
  ASSERT_TRUE(python.ok()) << python.status();
  std::vector<std::string> hex = absl::StrSplit(python->stdout_text.substr(0, python->stdout_text.size() - 1), ' ');
  const std::string source = absl::HexStringToBytes(hex[0]);
  struct Spelling {
    std::vector<std::string> options;
    std::string expected_hex;
  };
  for (const Spelling& s : std::vector<Spelling>{{{"--protocol=2"}, hex[1]},
                                                 {{"--protocol", "2"}, hex[1]},
                                                 {{}, hex[2]},
                                                 {{"-p", "-1"}, hex[3]},
                                                 {{"-p=5"}, hex[3]}}) {
    std::vector<std::string> argv = {kBrine, "transcode"};
    argv.insert(argv.end(), s.options.begin(), s.options.end());
    argv.push_back("-");
    argv.push_back("-");
    absl::StatusOr<ProcessResult> r = RunProcess(argv, source);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->exit_code, 0) << r->stderr_text;
    EXPECT_EQ(absl::BytesToHexString(r->stdout_text), s.expected_hex) << absl::StrJoin(s.options, " ");
  }
}

// Pickles naming globals through EXT1/EXT2/EXT4 (copyreg.add_extension):
// the codes 1, 300 and 70000, at protocols 2 to 5, then the same value
// written by CPython at each protocol 0 to 5 with the codes registered.
constexpr char kExtensionPickles[] = R"(
import copyreg, pickle, collections
names = [(1, 'collections', 'OrderedDict'), (300, 'collections', 'Counter'), (70000, 'collections', 'deque')]
for code, module, name in names:
    copyreg.add_extension(module, name, code)
value = [collections.OrderedDict, collections.Counter, collections.deque, collections.OrderedDict]
for source in range(2, 6):
    print(source, pickle.dumps(value, source).hex(), *(pickle.dumps(value, p).hex() for p in range(6)))
)";

TEST(TranscodeCommandTest, ExtensionCodesAreKeptOrNamed) {
  absl::StatusOr<ProcessResult> python = RunPython(kExtensionPickles);
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  const std::string dir = TempDir();
  const std::string in = dir + "/ext.pkl";
  const std::string out = dir + "/out.pkl";
  int compared = 0;
  for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    ASSERT_EQ(fields.size(), 8u);
    WriteFile(in, absl::HexStringToBytes(fields[1]));
    for (int p = 0; p <= 5; ++p) {
      // With the codes named, the output is CPython's with them registered.
      absl::StatusOr<ProcessResult> r = RunProcess(
          {kBrine, "transcode", "--extension=1=collections.OrderedDict,300=collections.Counter", "--extension",
           "70000=collections.deque", "-p", absl::StrCat(p), in, out});
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->exit_code, 0) << r->stderr_text;
      EXPECT_EQ(absl::BytesToHexString(ReadFile(out)), fields[2 + p]) << "from " << fields[0] << " to " << p;
      // Unnamed, the codes are written back as they were, from protocol 2 up
      // (CPython writes the same EXT opcodes with the codes registered).
      r = RunProcess({kBrine, "transcode", "-p", absl::StrCat(p), in, out});
      ASSERT_TRUE(r.ok());
      if (p < 2) {
        EXPECT_EQ(r->exit_code, 1) << r->stderr_text;
        EXPECT_TRUE(absl::StrContains(r->stderr_text, "below protocol 2")) << r->stderr_text;
      } else {
        EXPECT_EQ(r->exit_code, 0) << r->stderr_text;
        EXPECT_EQ(absl::BytesToHexString(ReadFile(out)), fields[2 + p]) << "from " << fields[0] << " to " << p;
      }
      ++compared;
    }
  }
  EXPECT_EQ(compared, 24);
  // A malformed --extension is a usage error.
  absl::StatusOr<ProcessResult> r = RunProcess({kBrine, "transcode", "--extension=x=collections.deque", "-p", "2", in, out});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 2) << r->stderr_text;
}

TEST(TranscodeCommandTest, FailuresLeaveOutUntouched) {
  const std::string dir = TempDir();
  // A protocol 5 pickle with an out-of-band buffer cannot be written at 4.
  absl::StatusOr<ProcessResult> python = RunPython(
      "import pickle, sys\n"
      "sys.stdout.write(pickle.dumps([pickle.PickleBuffer(b'abc')], 5, buffer_callback=lambda b: False).hex())\n");
  ASSERT_TRUE(python.ok()) << python.status();
  const std::string in = dir + "/buffer.pkl";
  WriteFile(in, absl::HexStringToBytes(python->stdout_text));
  const std::string out = dir + "/never.pkl";
  absl::StatusOr<ProcessResult> r = RunProcess({kBrine, "transcode", "-p", "4", in, out});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 1);
  EXPECT_TRUE(absl::StartsWith(r->stderr_text, "brine transcode: ")) << r->stderr_text;
  EXPECT_FALSE(Exists(out));
  // At protocol 5 it stays out-of-band, byte for byte.
  r = RunProcess({kBrine, "transcode", "-p", "5", in, out});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 0) << r->stderr_text;
  EXPECT_EQ(ReadFile(out), ReadFile(in));
  // An existing OUT keeps its content when the input is malformed.
  WriteFile(out, "keep me");
  WriteFile(in, "\x80\x04garbage");
  r = RunProcess({kBrine, "transcode", "-p", "2", in, out});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 1);
  EXPECT_EQ(ReadFile(out), "keep me");
  // Usage errors.
  for (const std::vector<std::string>& argv : std::vector<std::vector<std::string>>{
           {kBrine, "transcode", in}, {kBrine, "transcode", "-p", "6", in, out}, {kBrine, "transcode", "-p", "x", in, out},
           {kBrine, "optimize", in}}) {
    r = RunProcess(argv);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->exit_code, 2) << absl::StrJoin(argv, " ") << ": " << r->stderr_text;
  }
}

TEST(OptimizeCommandTest, WritesWhatPickletoolsOptimizeReturns) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import pickle, pickletools
shared = [1]
values = [[shared, shared, 'a', 'b'], {'k': list(range(300))}, ['s%d' % i for i in range(30000)]]
for v in values:
    for p in range(6):
        data = pickle.dumps(v, p)
        print(data.hex(), pickletools.optimize(data).hex())
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  const std::string dir = TempDir();
  int compared = 0;
  for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> hex = absl::StrSplit(line, ' ');
    WriteFile(dir + "/in.pkl", absl::HexStringToBytes(hex[0]));
    absl::StatusOr<ProcessResult> r = RunProcess({kBrine, "optimize", dir + "/in.pkl", dir + "/out.pkl"});
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
    EXPECT_EQ(absl::BytesToHexString(ReadFile(dir + "/out.pkl")), hex[1]);
    ++compared;
  }
  EXPECT_EQ(compared, 18);
  absl::StatusOr<ProcessResult> r = RunProcess({kBrine, "optimize", "-", "-"}, "\x80\x02K\x01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 1);
  EXPECT_EQ(r->stdout_text, "");
}

}  // namespace
}  // namespace brine
