// Optimize must return exactly what pickletools.optimize returns: checked on
// every conformance pickle and on pickles built to stress renumbering
// (LONG_BINPUT), protocol 0 text PUTs and framing (many frames, opcodes
// larger than a frame).
#include "brine/codec/optimizer.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "brine/codec/conformance_pickles.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

TEST(OptimizerTest, MatchesPickletoolsOnEveryConformancePickle) {
  absl::StatusOr<std::vector<ConformancePickle>> pickles = LoadConformancePickles("pickletools.optimize(data)");
  ASSERT_TRUE(pickles.ok()) << pickles.status();
  ASSERT_GT(pickles->size(), 100u);
  int same = 0;
  for (const ConformancePickle& p : *pickles) {
    absl::StatusOr<std::string> optimized = Optimize(p.data);
    ASSERT_TRUE(optimized.ok()) << p.name << ": " << optimized.status();
    if (*optimized == p.extra) {
      ++same;
    } else {
      ADD_FAILURE() << p.name << " protocol " << p.protocol << "\nbrine:    " << absl::BytesToHexString(*optimized)
                    << "\nCPython:  " << absl::BytesToHexString(p.extra);
    }
  }
  std::cout << same << " of " << pickles->size() << " optimized pickles identical to pickletools.optimize\n";
}

TEST(OptimizerTest, MatchesPickletoolsOnLargeAndManyMemoPickles) {
  absl::StatusOr<ProcessResult> r = RunPython(R"(
import pickle, pickletools
shared = ['s%d' % i for i in range(400)]
values = [
    [[x, x] for x in shared] + [str(i) for i in range(300)],
    ['x' * 70000, b'y' * 100000, list(range(20000)), ['a%d' % i for i in range(20000)]],
    {('k%d' % i): [i] * 3 for i in range(3000)},
]
for v in values:
    for p in range(6):
        data = pickle.dumps(v, p)
        print(data.hex(), pickletools.optimize(data).hex())
)");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
  int compared = 0;
  for (absl::string_view line : absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> hex = absl::StrSplit(line, ' ');
    absl::StatusOr<std::string> optimized = Optimize(absl::HexStringToBytes(hex[0]));
    ASSERT_TRUE(optimized.ok()) << optimized.status();
    EXPECT_TRUE(*optimized == absl::HexStringToBytes(hex[1])) << "pickle " << compared;
    ++compared;
  }
  EXPECT_EQ(compared, 18);
}

TEST(OptimizerTest, RejectsBrokenInput) {
  EXPECT_FALSE(Optimize("").ok());
  EXPECT_FALSE(Optimize("\x80\x02K\x01").ok());             // no STOP
  EXPECT_FALSE(Optimize(std::string("\x80\x02h\x05.", 5)).ok());  // GET of an unknown slot
  EXPECT_FALSE(Optimize("\xff.").ok());                     // unknown opcode
}

// Text arguments are parsed as pickletools parses them: optimize() fails
// where genops does and copies what it accepts.
TEST(OptimizerTest, TextArgumentsAcceptedOrRefusedAsPickletoolsDoes) {
  const std::vector<std::string> inputs = {"F1.5x\n.", "F1_0\n.", "F 2.5 \n.", "S'\n.", "S'a'\n.",
                                           "Iabc\n.", "I 7\n.", "L12xL\n.", "Pid\n.", "V\\u00\n.",
                                           "cos\nsystem\n."};
  std::string script = "import pickletools, sys\nfor line in sys.stdin.read().split():\n"
                       "    try: print(pickletools.optimize(bytes.fromhex(line)).hex())\n"
                       "    except Exception: print('error')\n";
  std::string stdin_text;
  for (const std::string& input : inputs) absl::StrAppend(&stdin_text, absl::BytesToHexString(input), "\n");
  absl::StatusOr<ProcessResult> r = RunPython(script, {}, stdin_text);
  ASSERT_TRUE(r.ok()) << r.status();
  std::vector<std::string> expected = absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(expected.size(), inputs.size()) << r->stderr_text;
  int refused = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    absl::StatusOr<std::string> optimized = Optimize(inputs[i]);
    if (expected[i] == "error") {
      ++refused;
      EXPECT_FALSE(optimized.ok()) << absl::CEscape(inputs[i]);
    } else {
      ASSERT_TRUE(optimized.ok()) << absl::CEscape(inputs[i]) << ": " << optimized.status();
      EXPECT_EQ(absl::BytesToHexString(*optimized), expected[i]) << absl::CEscape(inputs[i]);
    }
  }
  EXPECT_GE(refused, 3);
}

}  // namespace
}  // namespace brine
