// The opcode table against CPython's pickletools.opcodes, entry by entry.
#include "brine/codec/opcodes.h"

#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// pickletools' ArgumentDescriptor name for each ArgKind.
std::string ArgKindName(ArgKind kind) {
  switch (kind) {
    case ArgKind::kNone: return "None";
    case ArgKind::kUint1: return "uint1";
    case ArgKind::kUint2: return "uint2";
    case ArgKind::kUint4: return "uint4";
    case ArgKind::kUint8: return "uint8";
    case ArgKind::kInt4: return "int4";
    case ArgKind::kDecimalNlShort: return "decimalnl_short";
    case ArgKind::kDecimalNlLong: return "decimalnl_long";
    case ArgKind::kFloatNl: return "floatnl";
    case ArgKind::kFloat8: return "float8";
    case ArgKind::kStringNl: return "stringnl";
    case ArgKind::kStringNlNoEscape: return "stringnl_noescape";
    case ArgKind::kStringNlNoEscapePair: return "stringnl_noescape_pair";
    case ArgKind::kString1: return "string1";
    case ArgKind::kString4: return "string4";
    case ArgKind::kBytes1: return "bytes1";
    case ArgKind::kBytes4: return "bytes4";
    case ArgKind::kBytes8: return "bytes8";
    case ArgKind::kByteArray8: return "bytearray8";
    case ArgKind::kUnicodeStringNl: return "unicodestringnl";
    case ArgKind::kUnicodeString1: return "unicodestring1";
    case ArgKind::kUnicodeString4: return "unicodestring4";
    case ArgKind::kUnicodeString8: return "unicodestring8";
    case ArgKind::kLong1: return "long1";
    case ArgKind::kLong4: return "long4";
  }
  return "?";
}

TEST(OpcodesTest, MatchesPickletoolsInOrder) {
  absl::StatusOr<ProcessResult> python = RunPython(
      "import pickletools\n"
      "for op in pickletools.opcodes:\n"
      "    print(ord(op.code.encode('latin-1')), op.name, op.arg.name if op.arg else None, op.proto)\n");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;

  std::ostringstream ours;
  for (const OpcodeInfo& info : AllOpcodes()) {
    ours << static_cast<int>(info.op) << " " << info.name << " " << ArgKindName(info.arg) << " "
         << info.protocol << "\n";
  }
  EXPECT_EQ(ours.str(), python->stdout_text);
}

TEST(OpcodesTest, EveryEntryHasADocLine) {
  for (const OpcodeInfo& info : AllOpcodes()) {
    EXPECT_FALSE(info.doc.empty()) << info.name;
    EXPECT_EQ(info.doc.find('\n'), std::string_view::npos) << info.name;
  }
}

TEST(OpcodesTest, FindOpcodeFindsExactlyTheTable) {
  std::set<int> codes;
  for (const OpcodeInfo& info : AllOpcodes()) {
    codes.insert(static_cast<int>(info.op));
    EXPECT_EQ(FindOpcode(static_cast<uint8_t>(info.op)), &info) << info.name;
  }
  for (int code = 0; code < 256; ++code) {
    if (codes.count(code) == 0) {
      EXPECT_EQ(FindOpcode(static_cast<uint8_t>(code)), nullptr) << code;
    }
  }
}

}  // namespace
}  // namespace brine
