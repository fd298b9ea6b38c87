// ToValue/FromValue conversions; the Python side of each is checked by repr
// against python3's repr of the same literal.
#include "brine/registry/convert.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

struct Opaque {
  int n;
};

TEST(ConvertTest, ReprMatchesPython) {
  Heap heap;
  std::map<std::string, std::vector<std::optional<double>>> data = {
      {"b", {1.5, std::nullopt}}, {"a", {}}};
  std::pair<int, std::string> pair = {7, "it's"};
  Value values[] = {ToValue(heap, data), ToValue(heap, pair), ToValue(heap, true),
                    ToValue(heap, int64_t{-9007199254740993})};
  std::string actual;
  for (Value value : values) actual += *Repr(value) + "\n";
  absl::StatusOr<ProcessResult> python = RunPython(
      "for v in ({'a': [], 'b': [1.5, None]}, (7, \"it's\"), True, -9007199254740993): "
      "print(repr(v))\n");
  ASSERT_TRUE(python.ok()) << python.status();
  EXPECT_EQ(actual, python->stdout_text);
}

TEST(ConvertTest, RoundTrips) {
  Heap heap;
  std::vector<std::pair<std::string, int>> items = {{"x", 1}, {"y", -2}};
  EXPECT_EQ((*FromValue<std::vector<std::pair<std::string, int>>>(ToValue(heap, items))), items);
  Value native = ToValue(heap, Opaque{5});
  ASSERT_EQ(native.kind(), Kind::kNative);
  EXPECT_EQ(FromValue<Opaque>(native)->n, 5);
  EXPECT_EQ(NativeAs<int>(native), nullptr);
}

TEST(ConvertTest, Errors) {
  Heap heap;
  EXPECT_EQ(FromValue<std::string>(Value::Int(1)).status().message(), "expected str, got int");
  EXPECT_EQ(FromValue<int8_t>(Value::Int(300)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(FromValue<double>(heap.NewStr("1")).status().message(), "expected float, got str");
  EXPECT_FALSE(FromValue<Opaque>(Value::None()).ok());
}

}  // namespace
}  // namespace brine
