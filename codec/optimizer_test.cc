// Optimize must return exactly what pickletools.optimize returns: checked on
// every conformance pickle and on pickles built to stress renumbering
// (LONG_BINPUT), protocol 0 text PUTs and framing (many frames, opcodes
// larger than a frame).
#include "codec/optimizer.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "codec/conformance_pickles.h"
#include "gtest/gtest.h"
#include "tests/python_runner.h"

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

}  // namespace
}  // namespace brine
