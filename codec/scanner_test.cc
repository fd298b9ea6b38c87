// Tests for the scanner. The imports and calls it reports are compared with
// what CPython itself does when loading the same pickles through an
// Unpickler whose find_class returns recording stubs (testdata/scan_cases.py).
#include "brine/codec/scanner.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

struct OracleCase {
  std::string name;
  std::string pickle;
  std::vector<std::string> events;  // "import X" / "call Y", in order
};

std::vector<OracleCase> LoadOracleCases() {
  std::ifstream file("codec/testdata/scan_cases.py");
  std::stringstream script;
  script << file.rdbuf();
  EXPECT_FALSE(script.str().empty()) << "codec/testdata/scan_cases.py not found";
  absl::StatusOr<ProcessResult> python = RunPython(script.str());
  EXPECT_TRUE(python.ok()) << python.status();
  if (!python.ok()) return {};
  EXPECT_EQ(python->exit_code, 0) << python->stderr_text;
  std::vector<OracleCase> cases;
  std::istringstream lines(python->stdout_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (absl::StartsWith(line, "case ")) {
      cases.push_back({line.substr(5), "", {}});
    } else if (absl::StartsWith(line, "pickle ")) {
      cases.back().pickle = absl::HexStringToBytes(line.substr(7));
    } else if (line != "end") {
      cases.back().events.push_back(line);
    }
  }
  return cases;
}

// The findings CPython's recording run can confirm: all but BUILD's
// __setstate__ calls.
std::vector<std::string> ComparableEvents(const ScanReport& report) {
  std::vector<std::string> events;
  for (const ScanFinding& f : report.findings) {
    if (f.opcode == "BUILD") continue;
    events.push_back(absl::StrCat(f.action == ScanFinding::Action::kImport ? "import " : "call ", f.target));
  }
  return events;
}

bool IsDangerousCase(const std::string& name) {
  for (const char* prefix : {"evil", "two_dangerous", "getattr", "stack_global", "py2_eval", "inst_opcode", "obj_opcode",
                             "unicode_names"}) {
    if (absl::StartsWith(name, prefix)) return true;
  }
  return false;
}

// CPython's pickles of built-in and standard-library values.
bool IsAllowedCase(const std::string& name) {
  for (const char* prefix : {"ordered_dict", "date", "benign"}) {
    if (absl::StartsWith(name, prefix)) return true;
  }
  return false;
}

TEST(ScannerTest, ImportsAndCallsMatchWhatCPythonDoes) {
  std::vector<OracleCase> cases = LoadOracleCases();
  ASSERT_GT(cases.size(), 30u);
  for (const OracleCase& c : cases) {
    SCOPED_TRACE(c.name);
    ScanReport report = ScanPickle(c.pickle);
    ASSERT_TRUE(report.status.ok()) << report.status;
    EXPECT_EQ(report.end, c.pickle.size());
    EXPECT_EQ(absl::StrJoin(ComparableEvents(report), "\n"), absl::StrJoin(c.events, "\n"));
    if (IsDangerousCase(c.name)) {
      EXPECT_GT(report.count(ScanVerdict::kDangerous), 0u);
    } else if (IsAllowedCase(c.name)) {
      EXPECT_EQ(report.worst(), ScanVerdict::kAllowed);
    } else {
      EXPECT_EQ(report.worst(), ScanVerdict::kUnknown);  // the script's own classes, in __main__
    }
  }
}

TEST(ScannerTest, FlagsImportAndCallWithReason) {
  ScanReport report = ScanPickle("cos\nsystem\n(S'ls'\ntR.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].offset, 0u);
  EXPECT_EQ(report.findings[0].opcode, "GLOBAL");
  EXPECT_EQ(report.findings[0].verdict, ScanVerdict::kDangerous);
  EXPECT_EQ(report.findings[0].reason, "runs a shell command");
  EXPECT_EQ(report.findings[1].offset, 19u);
  EXPECT_EQ(report.findings[1].opcode, "REDUCE");
  EXPECT_EQ(report.findings[1].target, "os.system('ls')");
  EXPECT_EQ(report.findings[1].resolved, "os.system");
  EXPECT_EQ(report.findings[1].arguments, "'ls'");
  EXPECT_EQ(report.findings[1].reason, "runs a shell command");
}

TEST(ScannerTest, KeepsFindingsBeforeAnError) {
  ScanReport report = ScanPickle("cos\nsystem\n(S'ls'\ntR");
  EXPECT_FALSE(report.status.ok());
  EXPECT_EQ(report.count(ScanVerdict::kDangerous), 2u);
}

TEST(ScannerTest, ReadsOnePickleAndCanContinueAfterIt) {
  std::string two = "N.cos\nsystem\n.";
  ScanReport first = ScanPickle(two);
  ASSERT_TRUE(first.status.ok());
  EXPECT_EQ(first.end, 2u);
  EXPECT_TRUE(first.findings.empty());
  ScanReport second = ScanPickle(two, first.end);
  ASSERT_TRUE(second.status.ok());
  EXPECT_EQ(second.count(ScanVerdict::kDangerous), 1u);
}

TEST(ScannerTest, FlagsNamesComputedWhileUnpickling) {
  // STACK_GLOBAL whose module is the result of a call.
  ScanReport report = ScanPickle("\x80\x04\x8c\x08" "builtins\x8c\x03str\x93)R\x8c\x03len\x93.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  ASSERT_EQ(report.findings.size(), 3u);
  EXPECT_EQ(report.findings[2].opcode, "STACK_GLOBAL");
  EXPECT_EQ(report.findings[2].verdict, ScanVerdict::kDangerous);
}

TEST(ScannerTest, EscapesControlCharactersInNames) {
  ScanReport report = ScanPickle("cos\x1b[2J\nsystem\n.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].target.find('\x1b'), std::string::npos) << report.findings[0].target;
}

TEST(ScannerTest, Python2NamesAreMappedBelowProtocol3Only) {
  ScanReport p2 = ScanPickle("\x80\x02" "c__builtin__\neval\n.");
  ASSERT_TRUE(p2.status.ok());
  ASSERT_EQ(p2.findings.size(), 1u);
  EXPECT_EQ(p2.findings[0].target, "__builtin__.eval");
  EXPECT_EQ(p2.findings[0].resolved, "builtins.eval");
  EXPECT_EQ(p2.findings[0].verdict, ScanVerdict::kDangerous);
  // At protocol 3 CPython imports a module called __builtin__, which does
  // not exist: not dangerous, but not allowed either.
  ScanReport p3 = ScanPickle("\x80\x03" "c__builtin__\neval\n.");
  ASSERT_EQ(p3.findings.size(), 1u);
  EXPECT_EQ(p3.findings[0].resolved, "__builtin__.eval");
  EXPECT_EQ(p3.findings[0].verdict, ScanVerdict::kUnknown);
}

TEST(ScannerTest, TruncatedAndMutatedPicklesFailCleanly) {
  std::vector<OracleCase> cases = LoadOracleCases();
  ASSERT_FALSE(cases.empty());
  for (const OracleCase& c : cases) {
    for (size_t length = 0; length < c.pickle.size(); ++length) {
      EXPECT_FALSE(ScanPickle(std::string_view(c.pickle).substr(0, length)).status.ok()) << c.name << " " << length;
    }
    for (size_t i = 0; i < c.pickle.size(); ++i) {
      for (char replacement : {'\x00', '\xff', '(', 'p', 'g', '\x93', 'R', '0'}) {
        std::string mutated = c.pickle;
        mutated[i] = replacement;
        ScanReport report = ScanPickle(mutated);
        EXPECT_LE(report.end, mutated.size());
      }
    }
  }
}

TEST(ScannerTest, DeepNestingIsFine) {
  std::string pickle(100000, ']');
  for (int i = 0; i < 99999; ++i) pickle += 'a';
  pickle += '.';
  ScanReport report = ScanPickle(pickle);
  EXPECT_TRUE(report.status.ok()) << report.status;
}

// The first finding whose opcode is `opcode`.
const ScanFinding& FindingOf(const ScanReport& report, std::string_view opcode) {
  static const ScanFinding kNone;
  for (const ScanFinding& f : report.findings) {
    if (f.opcode == opcode) return f;
  }
  ADD_FAILURE() << "no " << opcode << " finding";
  return kNone;
}

TEST(ScannerTest, DottedNamesAreWalkedAsFindClassWalksThem) {
  // STACK_GLOBAL 'pathlib' 'os.system' at protocol 4: pathlib's os module.
  ScanReport report = ScanPickle("\x80\x04\x8c\x07pathlib\x8c\x09os.system\x93.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  EXPECT_EQ(report.findings[0].resolved, "pathlib.os.system");
  EXPECT_EQ(report.findings[0].verdict, ScanVerdict::kDangerous);
  // The same through GLOBAL, and a module match that is not exact.
  EXPECT_EQ(ScanPickle("\x80\x04" "cnumpy\nlib.npyio.load\n.").worst(), ScanVerdict::kDangerous);
}

TEST(ScannerTest, GetattrIsJudgedByTheAttributeItLooksUp) {
  // getattr([], 'append'): the bound method list.append.
  ScanReport append = ScanPickle("\x80\x04" "cbuiltins\ngetattr\n]\x8c\x06" "append\x86R.");
  ASSERT_TRUE(append.status.ok()) << append.status;
  EXPECT_EQ(FindingOf(append, "REDUCE").resolved, "builtins.list.append");
  EXPECT_EQ(append.worst(), ScanVerdict::kAllowed);
  // getattr(__import__('os'), 'system'): os.system.
  ScanReport system = ScanPickle(
      "cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'id'\ntR.");
  ASSERT_TRUE(system.status.ok()) << system.status;
  EXPECT_EQ(system.findings[3].resolved, "os.system");
  EXPECT_EQ(system.findings[3].reason, "runs a shell command");
  EXPECT_EQ(system.findings[4].target, "builtins.getattr(builtins.__import__('os'), 'system')('id')");
  EXPECT_EQ(system.findings[4].verdict, ScanVerdict::kDangerous);
  // A lookup on something whose class is not known cannot be judged.
  ScanReport unknown = ScanPickle("\x80\x04" "cbuiltins\ngetattr\nN\x8c\x01x\x86R.");
  EXPECT_EQ(FindingOf(unknown, "REDUCE").verdict, ScanVerdict::kUnknown);
}

TEST(ScannerTest, GetattrPassedToACallIsUnknown) {
  // functools.partial(getattr, [], 'append'): partial is allowed, but would
  // call getattr with arguments the scan does not see.
  ScanReport report = ScanPickle("\x80\x04" "cfunctools\npartial\ncbuiltins\ngetattr\n]\x8c\x06" "append\x87R.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  EXPECT_EQ(FindingOf(report, "REDUCE").verdict, ScanVerdict::kUnknown);
}

TEST(ScannerTest, ExtensionCodesResolveThroughThePicklesOwnRegistrations) {
  // copyreg.add_extension('os', 'system', 200), then EXT1 200.
  std::string registered =
      "\x80\x02" "ccopyreg\nadd_extension\n\x8c\x02os\x8c\x06system\x4b\xc8\x87R0\x82\xc8.";
  ScanReport report = ScanPickle(registered);
  ASSERT_TRUE(report.status.ok()) << report.status;
  const ScanFinding& ext = FindingOf(report, "EXT1");
  EXPECT_EQ(ext.target, "extension code 200");
  EXPECT_EQ(ext.resolved, "os.system");
  EXPECT_EQ(ext.verdict, ScanVerdict::kDangerous);
  ScanReport unregistered = ScanPickle("\x80\x02\x82\xc8.");
  ASSERT_TRUE(unregistered.status.ok()) << unregistered.status;
  EXPECT_EQ(unregistered.findings[0].verdict, ScanVerdict::kUnknown);
  EXPECT_TRUE(unregistered.findings[0].reason.starts_with("unknown callable"));
}

TEST(ScannerTest, BuildOnAnImportedObjectIsDangerous) {
  // BUILD on the module-level class collections.OrderedDict itself.
  ScanReport report = ScanPickle("\x80\x04" "ccollections\nOrderedDict\n}b.");
  ASSERT_TRUE(report.status.ok()) << report.status;
  EXPECT_EQ(FindingOf(report, "BUILD").verdict, ScanVerdict::kDangerous);
}

TEST(ScannerTest, UserAllowListAllowsOwnClasses) {
  std::string pickle = "\x80\x04" "cmypackage.models\nTask\n)\x81}b.";
  EXPECT_EQ(ScanPickle(pickle).worst(), ScanVerdict::kUnknown);
  ScanAllowList mine;
  ASSERT_TRUE(mine.Add("mypackage").ok());
  ScanOptions options;
  options.allow = &mine;
  EXPECT_EQ(ScanPickle(pickle, 0, options).worst(), ScanVerdict::kAllowed);
}

TEST(ScannerTest, DecoderLimitsBoundTheScan) {
  ScanOptions tight;
  tight.limits.max_stack_size = 10;
  tight.limits.max_mark_depth = 10;
  tight.limits.max_memo_entries = 10;
  ScanReport stack = ScanPickle(std::string(11, 'N') + ".", 0, tight);
  EXPECT_EQ(stack.status.code(), absl::StatusCode::kResourceExhausted) << stack.status;
  ScanReport marks = ScanPickle(std::string(11, '(') + ".", 0, tight);
  EXPECT_EQ(marks.status.code(), absl::StatusCode::kResourceExhausted) << marks.status;
  ScanReport memo = ScanPickle("\x80\x04N" + std::string(11, '\x94') + ".", 0, tight);
  EXPECT_EQ(memo.status.code(), absl::StatusCode::kResourceExhausted) << memo.status;
}

TEST(ScannerTest, DupsOfALongStringShareOneSymbol) {
  // 951 KB of DUPs of a 1000-character str: each DUP copies a pointer, so
  // 64 MiB is plenty (copying the text each time would need about 1 GB).
  std::string pickle = std::string("\x80\x04X\xe8\x03\x00\x00", 7) + std::string(1000, 'a') + std::string(951000, '2') + ".";
  ScanOptions options;
  options.limits.max_total_bytes = size_t{64} << 20;
  ScanReport report = ScanPickle(pickle, 0, options);
  EXPECT_TRUE(report.status.ok()) << report.status;
  options.limits.max_total_bytes = 1 << 20;
  EXPECT_EQ(ScanPickle(std::string(100000, ']') + ".", 0, options).status.code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace brine
