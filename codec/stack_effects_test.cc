// Checks the stack effect table against pickletools' stack_before/stack_after,
// read from CPython at test time.
#include "brine/codec/stack_effects.h"

#include <sstream>
#include <string>
#include <vector>

#include "brine/codec/opcodes.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

std::string Join(std::span<const std::string_view> items) {
  std::string text;
  for (std::string_view item : items) {
    if (!text.empty()) text += ',';
    text += item;
  }
  return text.empty() ? "-" : text;
}

TEST(StackEffectsTest, MatchesPickletools) {
  absl::StatusOr<ProcessResult> python = RunPython(
      "import pickletools\n"
      "for op in pickletools.opcodes:\n"
      "    before = ','.join(s.name for s in op.stack_before) or '-'\n"
      "    after = ','.join(s.name for s in op.stack_after) or '-'\n"
      "    print(ord(op.code), op.name, before, after)\n");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  std::istringstream lines(python->stdout_text);
  int code;
  std::string name, before, after;
  int count = 0;
  while (lines >> code >> name >> before >> after) {
    const OpcodeInfo* info = FindOpcode(static_cast<uint8_t>(code));
    ASSERT_NE(info, nullptr) << name;
    StackEffect effect = StackEffectOf(info->op);
    EXPECT_EQ(Join(effect.before), before) << name;
    EXPECT_EQ(Join(effect.after), after) << name;
    ++count;
  }
  EXPECT_EQ(count, 68);
}

}  // namespace
}  // namespace brine
