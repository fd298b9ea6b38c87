// Builder: every C++ conversion yields the value Python would have, checked by
// pickling both sides (brine's encoder, CPython's pickle.dumps) and comparing
// the bytes; plus identity, cycles and the sticky error status.
#include "brine/value/builder.h"

#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "brine/codec/encoder.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

TEST(BuilderTest, ConversionsMatchPythonLiterals) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import pickle
class Point: pass
def point(**kw):
    p = Point(); p.__dict__.update(kw); return p
values = [
    [1, -2, 2**64 - 1, 255, 3.25, True, False, None, None, 'c-string', 'std::string', 'view', b'\x00b', bytearray(b'ba')],
    {'ann': [90, 85], 'bob': []},
    (1, 'x', None, 2.5),
    ('pair', [1, 2]),
    [{1, 2, 3}, [4, 5], [6], frozenset({7})],
    [(1+2j), 12345678901234567890123, -5],
    point(x=1, y=[2]),
    {'k': 1.5},
]
for v in values: print(pickle.dumps(v, 2).hex())
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  std::vector<std::string> expected = absl::StrSplit(python->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(expected.size(), 8u);

  Heap heap;
  Builder b(heap);
  const std::string std_string = "std::string";
  const std::string_view view = "view";
  std::map<std::string, std::vector<int>> scores = {{"ann", {90, 85}}, {"bob", {}}};
  std::vector<Value> built = {
      b.List({1, int8_t{-2}, UINT64_MAX, uint8_t{255}, 3.25f, true, false, nullptr, std::nullopt, "c-string",
              std_string, view, b.Bytes(std::string_view("\0b", 2)), b.ByteArray("ba")}),
      b.From(scores),
      b.From(std::tuple(1, "x", std::optional<double>(), std::optional<double>(2.5))),
      b.From(std::pair(std::string("pair"), std::list<int>{1, 2})),
      b.List({std::set<int>{3, 1, 2}, std::deque<int>{4, 5}, std::vector<int>{6}, b.FrozenSet({7})}),
      b.List({b.Complex(1, 2), b.Int("12345678901234567890123"), b.Int("-5")}),
      b.Instance(b.Global("__main__", "Point"), b.Dict({{"x", 1}, {"y", b.List({2})}})),
      b.From(std::unordered_map<std::string, double>{{"k", 1.5}}),
  };
  ASSERT_TRUE(b.status().ok()) << b.status();
  for (size_t i = 0; i < built.size(); ++i) {
    absl::StatusOr<std::string> bytes = Encode(built[i], {.protocol = 2});
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_EQ(absl::BytesToHexString(*bytes), expected[i]) << "value " << i;
  }
}

TEST(BuilderTest, IdentityIsExplicit) {
  Heap heap;
  Builder b(heap);
  Value shared = b.List({1});
  Value twice = b.List({shared, shared});
  EXPECT_EQ(twice.as<List>()->items[0], twice.as<List>()->items[1]);
  Value two = b.List({b.List({1}), b.List({1})});
  EXPECT_FALSE(two.as<List>()->items[0] == two.as<List>()->items[1]);
  Value cycle = b.Dict();
  b.SetItem(cycle, "self", cycle);
  EXPECT_EQ(cycle.as<Dict>()->items[0].second, cycle);
}

TEST(BuilderTest, ErrorsAreKeptInStatus) {
  Heap heap;
  Builder b(heap);
  Value dict = b.Dict({{"ok", 1}, {b.List(), 2}, {"after", 3}});
  EXPECT_FALSE(b.status().ok());
  EXPECT_EQ(b.status().message(), "unhashable type: 'list'");
  EXPECT_EQ(dict.as<Dict>()->items.size(), 2u);
  Builder other(heap);
  other.Int("12x");
  EXPECT_FALSE(other.status().ok());
}

TEST(BuilderTest, ObjectsBeyondBuiltins) {
  Heap heap;
  Builder b(heap);
  Value self = b.Instance(b.Global("m", "C"), nullptr, {1, "two"});
  const Instance* instance = self.as<Instance>();
  EXPECT_FALSE(instance->has_state);
  ASSERT_EQ(instance->args.as<Tuple>()->items.size(), 2u);
  Value method = b.BoundMethod(self, "run");
  EXPECT_EQ(method.as<BoundMethod>()->name, "run");
  Value reduce = b.Reduce(b.Global("m", "make"), {1}, b.Dict({{"s", 1}}));
  EXPECT_TRUE(reduce.as<Reduce>()->has_state);
  Value pid = b.PersistentId("key");
  EXPECT_EQ(pid.as<PersistentId>()->pid.kind(), Kind::kStr);
  Value buffer = b.Buffer("data", /*readonly=*/false);
  EXPECT_TRUE(buffer.as<Buffer>()->has_data);
  EXPECT_FALSE(buffer.as<Buffer>()->readonly);
}

}  // namespace
}  // namespace brine
