// Compares Disassemble with CPython's pickletools.dis on pickles generated at
// test time (testdata/dis_cases.py): many values under protocols 0 to 5, and
// hand-written pickles, valid and invalid. The printed text must match byte
// for byte, also when pickletools raises; then both must fail, and for the
// checks pickletools makes itself (stack, mark, memo, int digits) the messages
// must agree.
#include "brine/codec/disassembler.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

struct DisCase {
  std::string name;
  std::string pickle;
  std::string expected_text;
  std::string expected_error;  // "<ExceptionType>: <message>", empty when dis succeeds
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<DisCase> LoadCases() {
  std::string script = ReadFile("codec/testdata/dis_cases.py");
  EXPECT_FALSE(script.empty()) << "codec/testdata/dis_cases.py not found";
  absl::StatusOr<ProcessResult> python = RunPython(script);
  EXPECT_TRUE(python.ok()) << python.status();
  if (!python.ok()) return {};
  EXPECT_EQ(python->exit_code, 0) << python->stderr_text;
  std::vector<DisCase> cases;
  std::istringstream in(python->stdout_text);
  size_t sizes[4];
  while (in >> sizes[0] >> sizes[1] >> sizes[2] >> sizes[3]) {
    in.get();  // the newline ending the header
    std::string fields[4];
    for (int i = 0; i < 4; ++i) {
      fields[i].resize(sizes[i]);
      in.read(fields[i].data(), static_cast<std::streamsize>(sizes[i]));
    }
    cases.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return cases;
}

// pickletools' own consistency checks, whose messages brine reproduces.
bool IsPickletoolsCheck(const std::string& error) {
  for (const char* start : {"ValueError: memo key", "ValueError: stack is empty", "ValueError: can't store",
                            "ValueError: no MARK", "ValueError: tries to pop", "ValueError: stack not empty",
                            "ValueError: Exceeds the limit", "ValueError: invalid literal for int()",
                            "IndexError: list index out of range"}) {
    if (absl::StartsWith(error, start)) return true;
  }
  return false;
}

TEST(DisassemblerTest, MatchesPickletools) {
  std::vector<DisCase> cases = LoadCases();
  ASSERT_GT(cases.size(), 300u);
  int failures_compared = 0;
  for (const DisCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string text;
    absl::Status status = Disassemble(c.pickle, text);
    EXPECT_EQ(text, c.expected_text);
    if (c.expected_error.empty()) {
      EXPECT_TRUE(status.ok()) << status;
      continue;
    }
    EXPECT_FALSE(status.ok()) << "pickletools failed with " << c.expected_error;
    ++failures_compared;
    if (IsPickletoolsCheck(c.expected_error)) {
      std::string message = c.expected_error.substr(c.expected_error.find(": ") + 2);
      EXPECT_TRUE(absl::EndsWith(status.message(), message)) << status.message() << "\nwanted: " << message;
    }
  }
  EXPECT_GE(failures_compared, 40);
}

// Text arguments pickletools reads with int()/float() and its own quote rule
// (codec/testdata/text_number_cases.py, shared with the decoder's test, which
// holds them to pickle.loads instead): the listing must match, and dis must
// fail exactly where pickletools raises.
TEST(DisassemblerTest, TextArgumentsReadAsPickletoolsDoes) {
  std::string script = ReadFile("codec/testdata/text_number_cases.py");
  ASSERT_FALSE(script.empty()) << "codec/testdata/text_number_cases.py not found";
  absl::StatusOr<ProcessResult> python = RunPython(script, {"dis"});
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  int listed = 0, refused = 0;
  for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    ASSERT_EQ(fields.size(), 3u) << line;
    std::string pickle = absl::HexStringToBytes(fields[0]);
    std::string expected_text, expected_error, error;
    ASSERT_TRUE(absl::CUnescape(fields[1], &expected_text, &error)) << error;
    ASSERT_TRUE(absl::CUnescape(fields[2], &expected_error, &error)) << error;
    SCOPED_TRACE(absl::CHexEscape(pickle));
    std::string text;
    absl::Status status = Disassemble(pickle, text);
    EXPECT_EQ(text, expected_text);
    EXPECT_EQ(status.ok(), expected_error.empty()) << status << " / pickletools: " << expected_error;
    ++(expected_error.empty() ? listed : refused);
  }
  EXPECT_GT(listed, 60);
  EXPECT_GT(refused, 30);
}

TEST(DisassemblerTest, IndentLevelOption) {
  absl::StatusOr<ProcessResult> python = RunPython(
      "import io, pickle, pickletools, sys\n"
      "data = pickle.dumps([(1, [2, {3: 4}])], 0)\n"
      "sys.stdout.buffer.write(data)\n"
      "out = io.StringIO()\n"
      "pickletools.dis(data, out, indentlevel=int(sys.argv[1]))\n"
      "sys.stdout.buffer.write(b'\\0' + out.getvalue().encode())\n",
      {"7"});
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  size_t split = python->stdout_text.find('\0');
  ASSERT_NE(split, std::string::npos);
  std::string text;
  DisassembleOptions options;
  options.indent_level = 7;
  ASSERT_TRUE(Disassemble(python->stdout_text.substr(0, split), text, options).ok());
  EXPECT_EQ(text, python->stdout_text.substr(split + 1));
}

TEST(DisassemblerTest, ErrorsNameOpcodeAndOffset) {
  std::string text;
  absl::Status status = Disassemble(std::string_view("Np0\np0\n.", 8), text);
  EXPECT_EQ(status.message(), "PUT at offset 4: memo key 0 already defined");
  EXPECT_EQ(text, "    0: N    NONE\n    1: p    PUT        0\n    4: p    PUT        0\n");
}

TEST(DisassemblerTest, TruncatedAndMutatedPicklesFailCleanly) {
  std::vector<DisCase> cases = LoadCases();
  ASSERT_FALSE(cases.empty());
  int runs = 0;
  for (const DisCase& c : cases) {
    if (c.pickle.size() > 400) continue;
    // Every proper prefix of a single well-formed pickle lacks its STOP.
    bool single_pickle = c.expected_error.empty() && c.name != "trailing_garbage" && c.name != "two_pickles";
    for (size_t length = 0; single_pickle && length < c.pickle.size(); ++length) {
      std::string text;
      EXPECT_FALSE(Disassemble(std::string_view(c.pickle).substr(0, length), text).ok()) << c.name << " " << length;
      ++runs;
    }
    for (size_t i = 0; i < c.pickle.size(); ++i) {
      for (char replacement : {'\x00', '\xff', '(', 'p', 'g', '\x94', '0'}) {
        std::string mutated = c.pickle;
        mutated[i] = replacement;
        std::string text;
        (void)Disassemble(mutated, text);
        ++runs;
      }
    }
  }
  EXPECT_GT(runs, 10000);
}

TEST(DisassemblerTest, DeepNestingDoesNotRecurse) {
  std::string pickle(200000, '(');
  pickle.append(200000, 't');
  pickle += '.';
  std::string text;
  DisassembleOptions options;
  options.indent_level = 0;
  ASSERT_TRUE(Disassemble(pickle, text, options).ok());
  EXPECT_TRUE(absl::EndsWith(text, "highest protocol among opcodes = 0\n"));
}

}  // namespace
}  // namespace brine
