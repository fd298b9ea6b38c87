// Bad input gives clear errors, never a crash: arrays and dtypes whose
// pickled graphs contradict themselves, and accessors used on the wrong
// dtype or index.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "brine/types/numpy/array_repr.h"
#include "brine/types/numpy/pickled_array.h"
#include "brine/types/numpy/pickled_dtype.h"
#include "gtest/gtest.h"

namespace brine::numpy {
namespace {

// A pickled float64 array [1.0, 2.0] in numpy's _reconstruct form, with its
// state tuple's items open to change.
struct ReconstructNode {
  Heap heap;
  double items[2] = {1.0, 2.0};
  Value node;
  std::span<Value> state;

  ReconstructNode() {
    NdArray array;
    array.dtype = DType::Scalar(DTypeKind::kFloat, 8);
    array.shape = {2};
    array.data = std::string_view(reinterpret_cast<const char*>(items), sizeof(items));
    array.SetContiguousStrides();
    node = *ArrayToValue(heap, array, {.protocol = 2});
    state = node.as<Reduce>()->state.as<Tuple>()->items;
  }
  Value Shape(std::vector<int64_t> extents) {
    std::vector<Value> values;
    for (int64_t extent : extents) values.push_back(Value::Int(extent));
    return heap.NewTuple(values);
  }
};

void ExpectInvalid(const absl::StatusOr<NdArray>& array, std::string_view message) {
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(array.status().message(), std::string(message))) << array.status();
}

TEST(NumpyMalformed, ItemsShorterThanTheShape) {
  ReconstructNode n;
  n.state[1] = n.Shape({3});
  ExpectInvalid(ReadArray(n.node), "16 bytes of items where the shape and dtype need 24");
}

TEST(NumpyMalformed, ShapeOverflowingInt64) {
  ReconstructNode n;
  n.state[1] = n.Shape({int64_t{1} << 40, int64_t{1} << 40});
  ExpectInvalid(ReadArray(n.node), "the shape is too large");
}

TEST(NumpyMalformed, NegativeDimension) {
  ReconstructNode n;
  n.state[1] = n.Shape({-2});
  ExpectInvalid(ReadArray(n.node), "negative dimension -2");
}

TEST(NumpyMalformed, TooManyDimensions) {
  ReconstructNode n;
  n.state[1] = n.Shape(std::vector<int64_t>(kMaxDims + 1, 1));
  ExpectInvalid(ReadArray(n.node), "expected 0 to 32");
}

TEST(NumpyMalformed, UnknownStateVersion) {
  ReconstructNode n;
  n.state[0] = Value::Int(7);
  ExpectInvalid(ReadArray(n.node), "state version 7");
}

TEST(NumpyMalformed, ItemsNotBytes) {
  ReconstructNode n;
  n.state[4] = Value::Int(5);
  ExpectInvalid(ReadArray(n.node), "expected the items as bytes, got int");
}

TEST(NumpyMalformed, Subclass) {
  ReconstructNode n;
  Value* args = n.node.as<Reduce>()->args.as<Tuple>()->items.data();
  args[0] = n.heap.NewGlobal("numpy", "matrix");
  ExpectInvalid(ReadArray(n.node), "not a subclass");
}

TEST(NumpyMalformed, UnknownTypeStrings) {
  for (std::string_view type : {"f3", "q8", "", "i-1", "c4", "U3x"}) {
    ReconstructNode n;
    Reduce* dtype = n.state[2].as<Reduce>();
    const Value args[] = {n.heap.NewStr(type), Value::Bool(false), Value::Bool(true)};
    dtype->args = n.heap.NewTuple(args);
    absl::StatusOr<NdArray> array = ReadArray(n.node);
    EXPECT_FALSE(array.ok()) << type;
    EXPECT_TRUE(absl::StartsWith(array.status().message(), "numpy.dtype: ")) << array.status();
  }
}

TEST(NumpyMalformed, RecordFieldOutsideTheItem) {
  Heap heap;
  DTypeWriter writer(heap);
  DType record = DType::Record({{"x", DType::Scalar(DTypeKind::kInt, 4), 0}});
  Value node = writer.Write(record);
  Value* state = node.as<Reduce>()->state.as<Tuple>()->items.data();
  state[5] = Value::Int(2);  // elsize smaller than the field
  absl::StatusOr<DType> dtype = ReadDType(node);
  ASSERT_FALSE(dtype.ok());
  EXPECT_TRUE(absl::StrContains(dtype.status().message(), "does not fit in 2 bytes"))
      << dtype.status();
}

TEST(NumpyMalformed, RecordWithObjectField) {
  Heap heap;
  DTypeWriter writer(heap);
  absl::StatusOr<DType> read =
      ReadDType(writer.Write(DType::Record({{"o", DType::Scalar(DTypeKind::kObject, 8), 0}})));
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(absl::StrContains(read.status().message(), "object fields")) << read.status();
}

TEST(NumpyMalformed, RecordsNestedTooDeep) {
  DType dtype = DType::Scalar(DTypeKind::kInt, 1);
  for (size_t i = 0; i <= kMaxDims; ++i) dtype = DType::Record({{"f", dtype, 0}});
  Heap heap;
  DTypeWriter writer(heap);
  absl::StatusOr<DType> read = ReadDType(writer.Write(dtype));
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(absl::StrContains(read.status().message(), "nested deeper than 32")) << read.status();
}

TEST(NumpyMalformed, OutOfBandBufferNotSupplied) {
  Heap heap;
  NdArray array;
  array.dtype = DType::Scalar(DTypeKind::kInt, 8);
  array.shape = {0};
  array.SetContiguousStrides();
  Value node = *ArrayToValue(heap, array, {.protocol = 5});
  Value* args = node.as<Reduce>()->args.as<Tuple>()->items.data();
  args[0].as<Buffer>()->has_data = false;
  args[0].as<Buffer>()->index = 3;
  ExpectInvalid(ReadArray(node), "out-of-band buffer 3 was not supplied");
}

// One 'U2' item holding 'A' and the word 0x110000, beyond Unicode.
constexpr uint32_t kBeyondUnicode[] = {0x41, 0x110000};
NdArray TextBeyondUnicodeArray() {
  NdArray array;
  array.dtype = DType::Text(2);
  array.shape = {1};
  array.data =
      std::string_view(reinterpret_cast<const char*>(kBeyondUnicode), sizeof(kBeyondUnicode));
  array.SetContiguousStrides();
  return array;
}

TEST(NumpyMalformed, TextBeyondUnicode) {
  Heap heap;
  NdArray array = TextBeyondUnicodeArray();
  ExpectInvalid(ReadArray(*ArrayToValue(heap, array, {.protocol = 3})),
                "U+110000, beyond U+10FFFF");
}

TEST(NumpyAccess, TypedReadsCheckTheDTypeAndIndex) {
  ReconstructNode n;
  absl::StatusOr<NdArray> array = ReadArray(n.node);
  ASSERT_TRUE(array.ok()) << array.status();
  EXPECT_EQ(*array->At<double>({1}), 2.0);
  EXPECT_EQ(*array->At<double>({-2}), 1.0);
  EXPECT_EQ(array->At<float>({0}).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(array->At<int64_t>({0}).status().message(),
            "numpy array of dtype float64 read as int64");
  EXPECT_EQ(array->At<double>({2}).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(array->At<double>({0, 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(array->TextAt({0}).ok());
  EXPECT_FALSE(array->ObjectAt({0}).ok());
}

TEST(NumpyAccess, TextBeyondUnicodeIsAnError) {
  NdArray array = TextBeyondUnicodeArray();
  EXPECT_FALSE(array.TextAt({0}).ok());
  absl::StatusOr<std::string> repr = ArrayRepr(array);
  ASSERT_FALSE(repr.ok());
  EXPECT_TRUE(absl::StrContains(repr.status().message(), "U+110000")) << repr.status();
}

}  // namespace
}  // namespace brine::numpy
