// The opcode table and the argument descriptors against CPython's
// pickletools: opcodes entry by entry (code, name, argument, stack effect,
// protocol), and every ArgumentDescriptor (name, n, signedness).
#include "brine/codec/opcodes.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// `items` as pickletools' StackObject names joined by ",", or "-".
std::string Join(StackItems items) {
  std::string text;
  for (std::string_view item : items) {
    if (!text.empty()) text += ',';
    text += item;
  }
  return text.empty() ? "-" : text;
}

TEST(OpcodesTest, MatchesPickletoolsInOrder) {
  absl::StatusOr<std::string> python = RunPythonStdout(
      "import pickletools\n"
      "for op in pickletools.opcodes:\n"
      "    before = ','.join(s.name for s in op.stack_before) or '-'\n"
      "    after = ','.join(s.name for s in op.stack_after) or '-'\n"
      "    print(ord(op.code.encode('latin-1')), op.name, op.arg.name if op.arg else None, before, after, op.proto)\n");
  ASSERT_TRUE(python.ok()) << python.status();

  std::ostringstream ours;
  for (const OpcodeInfo& info : AllOpcodes()) {
    ours << static_cast<int>(info.op) << " " << info.name << " " << ArgumentOf(info.arg).name << " "
         << Join(info.stack_before) << " " << Join(info.stack_after) << " " << info.protocol << "\n";
  }
  EXPECT_EQ(ours.str(), *python);
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

// pickletools' ArgumentDescriptor.n for `layout`: the width of a fixed-width
// argument, else the marker constant pickletools uses.
std::string PickletoolsN(const ArgLayout& layout) {
  switch (layout.form) {
    case ArgLayout::kFixed:
      return std::to_string(layout.width);
    case ArgLayout::kLines:
      return "UP_TO_NEWLINE";
    case ArgLayout::kLengthPrefixed:
      if (layout.width == 1) return "TAKEN_FROM_ARGUMENT1";
      if (layout.width == 4) return layout.is_signed ? "TAKEN_FROM_ARGUMENT4" : "TAKEN_FROM_ARGUMENT4U";
      return "TAKEN_FROM_ARGUMENT8U";
  }
  return "?";
}

// Every ArgumentDescriptor pickletools defines, by name: its n, and whether it
// is signed (a signed length, or a fixed-width number that pickletools' own
// reader reads as negative from all-0xff bytes).
TEST(OpcodesTest, ArgumentDescriptorsMatchPickletools) {
  absl::StatusOr<std::string> python = RunPythonStdout(
      "import io, pickletools as p\n"
      "markers = {p.UP_TO_NEWLINE: 'UP_TO_NEWLINE', p.TAKEN_FROM_ARGUMENT1: 'TAKEN_FROM_ARGUMENT1',\n"
      "           p.TAKEN_FROM_ARGUMENT4: 'TAKEN_FROM_ARGUMENT4', p.TAKEN_FROM_ARGUMENT4U: 'TAKEN_FROM_ARGUMENT4U',\n"
      "           p.TAKEN_FROM_ARGUMENT8U: 'TAKEN_FROM_ARGUMENT8U'}\n"
      "def signed(d):\n"
      "    if d.n == p.TAKEN_FROM_ARGUMENT4: return True\n"
      "    if d.n <= 0: return False\n"
      "    value = d.reader(io.BytesIO(b'\\xff' * d.n))\n"
      "    return isinstance(value, int) and value < 0\n"
      "descriptors = [d for d in vars(p).values() if isinstance(d, p.ArgumentDescriptor)]\n"
      "for d in sorted(descriptors, key=lambda d: d.name):\n"
      "    print(d.name, markers.get(d.n, d.n), signed(d))\n");
  ASSERT_TRUE(python.ok()) << python.status();

  std::vector<const ArgumentDescriptor*> ours;
  for (const ArgumentDescriptor& argument : AllArguments()) {
    if (argument.kind != ArgKind::kNone) ours.push_back(&argument);
  }
  std::sort(ours.begin(), ours.end(), [](auto* a, auto* b) { return a->name < b->name; });
  std::ostringstream text;
  for (const ArgumentDescriptor* argument : ours) {
    text << argument->name << " " << PickletoolsN(argument->layout) << " "
         << (argument->layout.is_signed ? "True" : "False") << "\n";
  }
  EXPECT_EQ(text.str(), *python);
}

}  // namespace
}  // namespace brine
