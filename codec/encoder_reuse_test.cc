// brine::Encoder reused for many values writes what Encode writes for each;
// the memo, keyed by Object::id, keeps objects of different Heaps apart and
// copes with ids far beyond the objects seen. (That Encode writes CPython's
// bytes is what encoder_test and the conformance suite check.)
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/codec/encoder.h"
#include "brine/value/builder.h"
#include "brine/value/heap.h"
#include "gtest/gtest.h"

namespace brine {
namespace {

// Values touching every path of the pickler: shared and cyclic containers,
// CPython's singleton strs and bytes, globals and reduce calls, sets, a
// container of more than one batch, and a payload outside frames.
std::vector<Value> Values(Builder& b) {
  Value shared = b.Str("shared");
  Value cyclic = b.List({1, 2});
  cyclic.as<List>()->items.push_back(cyclic);
  Value long_list = b.List();
  for (int i = 0; i < 2500; ++i) long_list.as<List>()->items.push_back(i % 3 == 0 ? shared : Value::Int(i << 20));
  Value point = b.Global("geo", "Point");
  return {
      b.List({shared, shared, b.Tuple({shared, 1.5}), b.Str(""), b.Str("a"), b.Str("\xc3\xa9"), b.Bytes("x")}),
      cyclic,
      b.Dict({{"k", b.Tuple({b.Tuple({}), b.FrozenSet({1, 2})})}, {b.Tuple({1, 2}), b.Set({"a", "b"})}}),
      b.List({b.Instance(point, b.Dict({{"x", 1}})), b.Reduce(point, {1, 2}), point, b.Complex(1, 2)}),
      long_list,
      b.Tuple({b.Bytes(std::string(100000, 'p')), b.Str(std::string(70000, 's'))}),
      b.Buffer("data"),  // fails below protocol 5
  };
}

TEST(EncoderReuseTest, ReusedEncoderWritesWhatEncodeWritesAtEveryProtocol) {
  Heap heap;
  Builder b(heap);
  const std::vector<Value> values = Values(b);
  ASSERT_TRUE(b.status().ok()) << b.status();
  for (int protocol = 0; protocol <= kHighestProtocol; ++protocol) {
    Encoder encoder({.protocol = protocol});
    for (int round = 0; round < 2; ++round) {
      for (size_t i = 0; i < values.size(); ++i) {
        absl::StatusOr<std::string> once = Encode(values[i], {.protocol = protocol});
        absl::StatusOr<std::string> reused = encoder.Encode(values[i]);
        const std::string where = absl::StrCat("value ", i, " at protocol ", protocol, ", round ", round);
        ASSERT_EQ(once.ok(), reused.ok()) << where;
        if (once.ok()) {
          EXPECT_EQ(*once, *reused) << where;
        } else {
          EXPECT_EQ(once.status(), reused.status()) << where;
        }
      }
    }
  }
}

TEST(EncoderReuseTest, InvalidProtocolFailsEveryCall) {
  Encoder encoder({.protocol = 6});
  for (int call = 0; call < 2; ++call) {
    absl::StatusOr<std::string> bytes = encoder.Encode(Value::None());
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.status().message(), "pickle protocol must be <= 5");
  }
}

// Builds [a, b, a, b] where a and b are strs of `heap_a` and `heap_b`.
Value Alternating(Heap& list_heap, Value a, Value b) {
  Value list = list_heap.NewList();
  for (Value item : {a, b, a, b}) list.as<List>()->items.push_back(item);
  return list;
}

TEST(EncoderReuseTest, ObjectsOfTwoHeapsSharingAnIdAreTwoObjects) {
  Heap first;
  Heap second;
  const Value a = first.NewStr("first");
  const Value b = second.NewStr("second");
  ASSERT_EQ(a.object()->id, b.object()->id);
  Heap one;
  const Value one_a = one.NewStr("first");
  const Value expected = Alternating(one, one_a, one.NewStr("second"));
  Encoder encoder;
  for (int call = 0; call < 2; ++call) {
    EXPECT_EQ(encoder.Encode(Alternating(first, a, b)), Encode(expected));
  }
}

TEST(EncoderReuseTest, ObjectsWithIdsFarBeyondTheOnesSeenAreMemoized) {
  Heap big;
  for (int i = 0; i < 300000; ++i) big.NewStr("filler");
  const Value far_a = big.NewStr("a-far");
  const Value far_b = big.NewStr("b-far");
  Heap small;
  const Value expected = Alternating(small, small.NewStr("a-far"), small.NewStr("b-far"));
  Encoder encoder;
  for (int call = 0; call < 2; ++call) {
    EXPECT_EQ(encoder.Encode(Alternating(big, far_a, far_b)), Encode(expected));
  }
}

}  // namespace
}  // namespace brine
