// ReadInstruction on hand-written opcodes and, against pickletools.genops, on
// pickles CPython writes at every protocol.
#include "brine/codec/opcode_reader.h"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

using std::string_literals::operator""s;

Instruction ReadOk(std::string_view data, size_t offset = 0) {
  absl::StatusOr<Instruction> in = ReadInstruction(data, offset);
  EXPECT_TRUE(in.ok()) << in.status();
  return in.ok() ? *in : Instruction{};
}

std::string ReadError(std::string_view data, size_t offset = 0) {
  absl::StatusOr<Instruction> in = ReadInstruction(data, offset);
  EXPECT_FALSE(in.ok());
  return in.ok() ? "" : std::string(in.status().message());
}

TEST(OpcodeReaderTest, FixedWidthIntegers) {
  Instruction in = ReadOk("J\xfe\xff\xff\xff."s);
  EXPECT_EQ(in.info->name, "BININT");
  EXPECT_EQ(in.arg.integer, -2);
  EXPECT_EQ(in.end, 5u);
  EXPECT_EQ(ReadOk("K\xff").arg.integer, 255);
  EXPECT_EQ(ReadOk("M\x01\x02").arg.integer, 0x0201);
  EXPECT_EQ(ReadOk("j\xff\xff\xff\xff").arg.integer, 0xffffffffLL);
  EXPECT_EQ(ReadOk("\x84\xff\xff\xff\xff").arg.integer, -1);  // EXT4 is int4
  EXPECT_EQ(ReadOk("\x95\xff\xff\xff\xff\xff\xff\xff\xff").arg.unsigned_integer, ~uint64_t{0});
}

TEST(OpcodeReaderTest, Floats) {
  EXPECT_EQ(ReadOk("G?\xf0\x00\x00\x00\x00\x00\x00"s).arg.floating, 1.0);
  // FLOAT's text is left to each reader: pickle.loads and float() differ.
  Instruction in = ReadOk("F 1_0.5 \nN");
  EXPECT_EQ(in.arg.text, " 1_0.5 ");
  EXPECT_EQ(in.end, 9u);
  EXPECT_EQ(ReadOk("Fx\n").arg.text, "x");
  EXPECT_EQ(ReadError("F1.5"), "FLOAT at offset 0: pickle data was truncated (no newline ends the argument)");
}

// STRING quoting as pickletools' read_stringnl checks it (the decoder adds
// pickle.loads' stricter rule): the line must start and end with the same
// quote, and one quote character alone stands for the empty string.
TEST(OpcodeReaderTest, StringQuotesAsPickletools) {
  const std::vector<std::string> lines = {"''", "'", "\"", "'a'", "'a\"", "a", "", "\"'\"", "'abc"};
  std::string script = "import io, pickletools, sys\nfor line in sys.argv[1:]:\n    try:\n"
                       "        pickletools.dis(b'S' + line.encode() + b'\\n.', io.StringIO())\n"
                       "        print('ok')\n    except Exception:\n        print('error')\n";
  absl::StatusOr<ProcessResult> python = RunPython(script, lines);
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  std::vector<std::string> verdicts = absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(verdicts.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i]);
    const std::string input = "S" + lines[i] + "\n.";  // outlives `in`, whose text points into it
    absl::StatusOr<Instruction> in = ReadInstruction(input, 0);
    EXPECT_EQ(in.ok(), verdicts[i] == "ok") << in.status();
    if (in.ok()) {
      EXPECT_EQ(in->arg.text, lines[i].size() == 1 ? "" : lines[i].substr(1, lines[i].size() - 2));
    }
  }
}

TEST(OpcodeReaderTest, Lines) {
  Instruction in = ReadOk("xI123\nN", 1);
  EXPECT_EQ(in.offset, 1u);
  EXPECT_EQ(in.arg.text, "123");
  EXPECT_EQ(in.end, 6u);
  EXPECT_EQ(ReadOk("L123L\n").arg.text, "123");
  EXPECT_EQ(ReadOk("L123\n").arg.text, "123");
  in = ReadOk("cmod.sub\nName\n.");
  EXPECT_EQ(in.arg.text, "mod.sub");
  EXPECT_EQ(in.arg.text2, "Name");
  EXPECT_EQ(in.end, 14u);
  EXPECT_EQ(ReadOk("S'a\\'b'\n").arg.text, "a\\'b");
  EXPECT_EQ(ReadOk("S\"\"\n").arg.text, "");
  EXPECT_EQ(ReadOk("Vab\\u1234\n").arg.text, "ab\\u1234");
  EXPECT_EQ(ReadError("S'abc\n"), "STRING at offset 0: the STRING opcode argument must be quoted");
  EXPECT_EQ(ReadError("S\"a'\n"), "STRING at offset 0: the STRING opcode argument must be quoted");
  EXPECT_EQ(ReadError("I12"), "INT at offset 0: pickle data was truncated (no newline ends the argument)");
  EXPECT_EQ(ReadError("cmod\nname"), "GLOBAL at offset 0: pickle data was truncated (no newline ends the argument)");
}

TEST(OpcodeReaderTest, LengthPrefixed) {
  EXPECT_EQ(ReadOk("X\x02\x00\x00\x00hi."s).arg.text, "hi");
  EXPECT_EQ(ReadOk("\x8c\x00."s).arg.text, "");
  EXPECT_EQ(ReadOk("\x8a\x02\xff\x7f"s).arg.text, "\xff\x7f");
  EXPECT_EQ(ReadOk("\x96\x01\x00\x00\x00\x00\x00\x00\x00z"s).arg.text, "z");
  EXPECT_EQ(ReadError("..X\x00\x00\x00\x40" "abc"s, 2),
            "BINUNICODE at offset 2: length 1073741824 exceeds the 3 bytes left");
  EXPECT_EQ(ReadError("\x8d\x00\x00\x00\x00\x00\x00\x00\x40" "abc"s),
            "BINUNICODE8 at offset 0: length 4611686018427387904 exceeds the 3 bytes left");
  EXPECT_EQ(ReadError("\x8e\xff\xff\xff\xff\xff\xff\xff\xff"s),
            "BINBYTES8 at offset 0: length 18446744073709551615 exceeds the 0 bytes left");
  EXPECT_EQ(ReadError("T\xff\xff\xff\xff"s), "BINSTRING at offset 0: negative byte count -1");
  EXPECT_EQ(ReadError("\x8b\xfe\xff\xff\xff"s), "LONG4 at offset 0: negative byte count -2");
  EXPECT_EQ(ReadError("B\xff\xff\xff\xff"s), "BINBYTES at offset 0: length 4294967295 exceeds the 0 bytes left");
}

TEST(OpcodeReaderTest, TruncatedFixedWidth) {
  EXPECT_EQ(ReadError("J\x01\x02"), "BININT at offset 0: pickle data was truncated (needs 4 argument bytes, 2 left)");
  EXPECT_EQ(ReadError("K"), "BININT1 at offset 0: pickle data was truncated (needs 1 argument bytes, 0 left)");
  EXPECT_EQ(ReadError("X\x01"), "BINUNICODE at offset 0: pickle data was truncated (needs 4 argument bytes, 1 left)");
}

TEST(OpcodeReaderTest, EndAndUnknownOpcodes) {
  EXPECT_EQ(ReadError("N", 1), "at offset 1: pickle data was truncated");
  EXPECT_EQ(ReadError(""), "at offset 0: pickle data was truncated");
  EXPECT_EQ(ReadError("N\xff", 1), "at offset 1: unknown opcode 0xff");
  EXPECT_EQ(ReadError("\x00"s), "at offset 0: unknown opcode 0x00");
}

TEST(OpcodeReaderTest, ArgumentlessOpcodes) {
  Instruction in = ReadOk(".");
  EXPECT_EQ(in.info->op, Op::kStop);
  EXPECT_EQ(in.end, 1u);
}

// Walks pickles CPython writes and compares opcode names, offsets and integer
// arguments with pickletools.genops.
TEST(OpcodeReaderTest, AgreesWithGenopsOnCPythonPickles) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import pickle, pickletools, collections, decimal, datetime
class C:
    def __init__(self): self.a = [1, 2.5, 'x']
objects = [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**64, -2**200,
           1.5, float('inf'), 'ascii', 'caf\u00e9 \U0001f600', '\ud800', 'x' * 300, b'', b'\x00\xff' * 200,
           bytearray(b'ba'), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, [2, [3]]], {}, {'a': 1, 2: [3]},
           set(), {1, 2, 3}, frozenset({4}), 1 + 2j, collections.OrderedDict(a=1), decimal.Decimal('1.5'),
           datetime.date(2020, 1, 2), C(), list(range(2000)), {i: str(i) for i in range(1100)}]
shared = [1]
objects.append([shared, shared])
for proto in range(6):
    for obj in objects:
        data = pickle.dumps(obj, proto)
        print('P', data.hex())
        for op, arg, pos in pickletools.genops(data):
            print(pos, op.name, arg if isinstance(arg, int) and not isinstance(arg, bool) and op.arg.name in ('uint1', 'uint2', 'uint4', 'uint8', 'int4') else '-')
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;

  std::string data;
  std::ostringstream expected, ours;
  auto walk = [&] {
    size_t pos = 0;
    while (pos < data.size()) {
      absl::StatusOr<Instruction> in = ReadInstruction(data, pos);
      ASSERT_TRUE(in.ok()) << in.status();
      const ArgEncoding encoding = ArgumentOf(in->info->arg).encoding;
      std::string arg = encoding == ArgEncoding::kInteger      ? absl::StrCat(in->arg.integer)
                        : encoding == ArgEncoding::kUnsigned64 ? absl::StrCat(in->arg.unsigned_integer)
                                                               : "-";
      ours << pos << " " << in->info->name << " " << arg << "\n";
      pos = in->end;
      if (in->info->op == Op::kStop) break;
    }
  };
  int pickles = 0;
  for (absl::string_view line : absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty())) {
    if (line.substr(0, 2) == "P ") {
      if (!data.empty()) walk();
      data = absl::HexStringToBytes(line.substr(2));
      ++pickles;
      ours << "P " << line.substr(2) << "\n";
    }
    expected << line << "\n";
  }
  walk();
  EXPECT_GT(pickles, 250);
  EXPECT_EQ(ours.str(), expected.str());
}

}  // namespace
}  // namespace brine
