// Tests for Value's typed access: as<T>() checks the kind in debug and
// sanitizer builds, and IsReferenceKind sorts data from references.
#include "brine/value/value.h"

#include "gtest/gtest.h"
#include "brine/value/heap.h"

namespace brine {
namespace {

TEST(ValueTest, AsReturnsTheStructOfItsKind) {
  Heap heap;
  Value bytes = heap.NewByteArray("ab");
  EXPECT_EQ(bytes.as<Bytes>()->data, "ab");  // bytearray shares the Bytes struct
  Value frozen = heap.NewFrozenSet();
  EXPECT_TRUE(frozen.as<Set>()->items.empty());
}

#ifndef NDEBUG
TEST(ValueDeathTest, AsForAnotherKindFailsInDebugBuilds) {
  Heap heap;
  Value list = heap.NewList();
  EXPECT_DEATH(list.as<Dict>(), "HoldsStruct");
  EXPECT_DEATH(Value::Int(3).as<Str>(), "is_object");
}
#endif

TEST(ValueTest, ReferenceKindsAreWhatAPickleNamesOrACallProduces) {
  EXPECT_TRUE(IsReferenceKind(Kind::kGlobal));
  EXPECT_TRUE(IsReferenceKind(Kind::kReduce));
  EXPECT_TRUE(IsReferenceKind(Kind::kBoundMethod));
  EXPECT_FALSE(IsReferenceKind(Kind::kStr));
  EXPECT_FALSE(IsReferenceKind(Kind::kTuple));
  EXPECT_FALSE(IsReferenceKind(Kind::kNone));
}

}  // namespace
}  // namespace brine
