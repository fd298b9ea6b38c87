// Arrays, scalars and dtypes pickled by numpy itself (Debian's
// python3-numpy, generated at test time by testdata/numpy_cases.py at
// protocols 0 to 5), read back and checked against what numpy computed:
// repr, tolist() as JSON, the typed accessors, and the bytes numpy wrote
// when the array is written again.
#include <complex>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/tests/python_runner.h"
#include "brine/types/numpy/array_json.h"
#include "brine/types/numpy/array_repr.h"
#include "brine/types/numpy/pickled_array.h"
#include "brine/types/numpy/pickled_dtype.h"
#include "brine/value/equality.h"
#include "brine/value/json.h"
#include "brine/value/repr.h"
#include "gtest/gtest.h"

namespace brine::numpy {
namespace {

// Debian's interpreter: the one that sees python3-numpy.
constexpr char kNumpyPython[] = "/usr/bin/python3";

Value Field(Value dict, std::string_view key) {
  for (const auto& [k, v] : dict.as<Dict>()->items) {
    if (k.kind() == Kind::kStr && k.as<Str>()->utf8 == key) return v;
  }
  return Value::None();
}

std::string Text(Value dict, std::string_view key) {
  Value value = Field(dict, key);
  if (value.kind() == Kind::kStr) return std::string(value.as<Str>()->utf8);
  return std::string(value.as<Bytes>()->data);
}

class NumpyCases : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<ProcessResult> run =
        RunProcess({kNumpyPython, "types/numpy/testdata/numpy_cases.py"});
    ASSERT_TRUE(run.ok()) << run.status();
    ASSERT_EQ(run->exit_code, 0) << run->stderr_text;
    output_ = new std::string(std::move(run->stdout_text));
    absl::StatusOr<Document> cases = Decode(*output_);
    ASSERT_TRUE(cases.ok()) << cases.status();
    cases_ = new Document(*std::move(cases));
  }
  static std::span<Value> Cases() { return std::span<Value>(cases_->root().as<List>()->items); }
  static std::string* output_;
  static Document* cases_;
};
std::string* NumpyCases::output_ = nullptr;
Document* NumpyCases::cases_ = nullptr;

std::string CaseName(Value c) {
  return absl::StrCat(Text(c, "kind"), " ", Text(c, "name"), " protocol ",
                      Field(c, "protocol").as_int());
}

// Whether a record field name is one character that numpy's pickle also
// holds as another str object: 'b' (protocols 0-2 write numpy's b'b' as
// text), a byte order or the order letter (see pickled_array.h).
bool SharesOneCharacterFieldName(const DType& dtype, int protocol) {
  for (const DTypeField& field : dtype.fields) {
    if ((field.name == "b" && protocol <= 2) || field.name == "<" || field.name == ">" ||
        field.name == "|" || field.name == "C" || field.name == "F" ||
        SharesOneCharacterFieldName(field.dtype, protocol)) {
      return true;
    }
  }
  return false;
}

// The array or scalar a case's pickle decoded into `doc` holds (`heap` for
// the str items of Python 2 pickles).
absl::StatusOr<NdArray> ReadCase(Value c, const Document& doc, Heap* heap = nullptr) {
  return Text(c, "kind") == "scalar" ? ReadScalar(doc.root(), heap) : ReadArray(doc.root(), heap);
}

// Compares one item read through the typed accessors with numpy's value.
void ExpectItem(const NdArray& array, std::span<const int64_t> index, Value expected,
                const std::string& where, int& checked) {
  const DType& d = array.dtype;
  auto same_float = [&](double got) {
    if (std::isnan(got)) {
      EXPECT_TRUE(std::isnan(expected.as_float())) << where;
    } else {
      EXPECT_EQ(got, expected.as_float()) << where;
    }
  };
  if (d.is_structured() || d.kind == DTypeKind::kObject || d.kind == DTypeKind::kVoid) return;
  ++checked;
  switch (d.kind) {
    case DTypeKind::kBool:
      EXPECT_EQ(*array.At<bool>(index), expected.as_bool()) << where;
      break;
    case DTypeKind::kInt: {
      int64_t got = d.item_size == 1   ? *array.At<int8_t>(index)
                    : d.item_size == 2 ? *array.At<int16_t>(index)
                    : d.item_size == 4 ? *array.At<int32_t>(index)
                                       : *array.At<int64_t>(index);
      EXPECT_EQ(got, expected.as_int()) << where;
      break;
    }
    case DTypeKind::kUInt: {
      uint64_t got = d.item_size == 1   ? *array.At<uint8_t>(index)
                     : d.item_size == 2 ? *array.At<uint16_t>(index)
                     : d.item_size == 4 ? *array.At<uint32_t>(index)
                                        : *array.At<uint64_t>(index);
      EXPECT_EQ(absl::StrCat(got), *Repr(expected)) << where;
      break;
    }
    case DTypeKind::kFloat:
      same_float(d.item_size == 2   ? array.At<Half>(index)->ToDouble()
                 : d.item_size == 4 ? *array.At<float>(index)
                                    : *array.At<double>(index));
      EXPECT_FALSE(array.At<int64_t>(index).ok()) << where << ": read as the wrong type";
      break;
    case DTypeKind::kComplex: {
      std::complex<double> got = d.item_size == 8
                                     ? std::complex<double>(*array.At<std::complex<float>>(index))
                                     : *array.At<std::complex<double>>(index);
      const Complex* want = expected.as<Complex>();
      EXPECT_TRUE(
          (got.real() == want->real || (std::isnan(got.real()) && std::isnan(want->real))) &&
          (got.imag() == want->imag || (std::isnan(got.imag()) && std::isnan(want->imag))))
          << where;
      break;
    }
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta: {
      Time64 got = *array.At<Time64>(index);
      if (expected.is_none()) {
        EXPECT_TRUE(got.is_nat()) << where;
      } else {
        EXPECT_EQ(got.count, expected.as_int()) << where;
      }
      break;
    }
    case DTypeKind::kBytes:
      EXPECT_EQ(*array.BytesAt(index), expected.as<Bytes>()->data) << where;
      break;
    case DTypeKind::kStr:
      EXPECT_EQ(*array.TextAt(index), expected.as<Str>()->utf8) << where;
      break;
    default:
      break;
  }
}

// Every item of `array` against the nested lists of tolist().
int ExpectItems(const NdArray& array, Value tolist, const std::string& where) {
  int checked = 0;
  std::vector<int64_t> index(array.ndim(), 0);
  if (array.size() == 0) return 0;
  while (true) {
    Value expected = tolist;
    for (int64_t i : index) expected = expected.as<List>()->items[i];
    ExpectItem(array, index, expected, where, checked);
    size_t axis = array.ndim();
    while (axis > 0 && ++index[axis - 1] == array.shape[axis - 1]) index[--axis] = 0;
    if (axis == 0) return checked;
  }
}

TEST_F(NumpyCases, ArraysAndScalars) {
  int cases = 0, repr_equal = 0, json_equal = 0, bytes_equal = 0, items_checked = 0, borrowed = 0;
  int shared_names = 0;
  for (Value c : Cases()) {
    const std::string kind = Text(c, "kind");
    if (kind == "dtype") continue;
    ++cases;
    const std::string where = CaseName(c);
    const int protocol = static_cast<int>(Field(c, "protocol").as_int());
    const std::string_view pickle = Field(c, "pickle").as<Bytes>()->data;
    absl::StatusOr<Document> doc = Decode(pickle, {.borrow_input = true});
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();
    absl::StatusOr<NdArray> array = ReadCase(c, *doc);
    ASSERT_TRUE(array.ok()) << where << ": " << array.status();

    absl::StatusOr<std::string> repr = ArrayRepr(*array);
    ASSERT_TRUE(repr.ok()) << where << ": " << repr.status();
    EXPECT_EQ(*repr, Text(c, "repr")) << where;
    repr_equal += *repr == Text(c, "repr");

    absl::StatusOr<std::string> json = ArrayToJson(*array);
    absl::StatusOr<std::string> expected_json = ToJson(Field(c, "tolist"));
    ASSERT_TRUE(json.ok()) << where << ": " << json.status();
    ASSERT_TRUE(expected_json.ok()) << where;
    EXPECT_EQ(*json, *expected_json) << where;
    json_equal += *json == *expected_json;

    absl::StatusOr<std::string> written = EncodeArray(*array, {.protocol = protocol});
    ASSERT_TRUE(written.ok()) << where << ": " << written.status();
    if (SharesOneCharacterFieldName(array->dtype, protocol)) {
      ++shared_names;  // pickled_array.h: numpy writes such names again, brine fetches them
    } else {
      EXPECT_EQ(*written, pickle) << where;
    }
    bytes_equal += *written == pickle;

    // A one-byte payload is a fresh bytes object over value.h's FreshByte
    // table (as CPython makes a new object for it), not a view of the input:
    // no copy either way.
    if (protocol >= 3 && array->data.size() > 1) {
      EXPECT_GE(array->data.data(), pickle.data()) << where << ": the items were copied";
      EXPECT_LE(array->data.data() + array->data.size(), pickle.data() + pickle.size()) << where;
      ++borrowed;
    }
    if (kind == "array") {
      items_checked += ExpectItems(*array, Field(c, "tolist"), where);
    } else if (!array->dtype.is_structured()) {
      int checked = 0;
      ExpectItem(*array, {}, Field(c, "tolist"), where, checked);
      items_checked += checked;
    }
  }
  std::cout << cases << " array and scalar pickles: repr equal to numpy's " << repr_equal << " ("
            << 100.0 * repr_equal / cases << "%), tolist JSON equal " << json_equal
            << ", re-encoded byte-identical " << bytes_equal << " (" << shared_names
            << " with a one-character field name not compared), items checked through accessors "
            << items_checked << ", zero-copy views " << borrowed << "\n";
}

TEST_F(NumpyCases, OutOfBandBuffers) {
  int cases = 0;
  for (Value c : Cases()) {
    if (Text(c, "kind") != "array" || Field(c, "protocol").as_int() != 5) continue;
    const std::string where = CaseName(c);
    const std::string_view pickle = Field(c, "oob_pickle").as<Bytes>()->data;
    std::vector<std::string_view> buffers;
    for (Value buffer : Field(c, "buffers").as<List>()->items)
      buffers.push_back(buffer.as<Bytes>()->data);
    absl::StatusOr<Document> doc = Decode(pickle, {.borrow_input = true, .buffers = buffers});
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();
    absl::StatusOr<NdArray> array = ReadArray(doc->root());
    ASSERT_TRUE(array.ok()) << where << ": " << array.status();
    absl::StatusOr<std::string> repr = ArrayRepr(*array);
    ASSERT_TRUE(repr.ok()) << where;
    EXPECT_EQ(*repr, Text(c, "repr")) << where;
    if (buffers.size() == 1 && !buffers[0].empty()) {
      EXPECT_EQ(array->data.data(), buffers[0].data()) << where << ": the buffer was copied";
    }
    std::vector<std::string_view> written_buffers;
    absl::StatusOr<std::string> written =
        EncodeArray(*array, {.protocol = 5, .out_of_band_buffers = &written_buffers});
    ASSERT_TRUE(written.ok()) << where << ": " << written.status();
    EXPECT_EQ(*written, pickle) << where;
    EXPECT_EQ(written_buffers, buffers) << where;
    ++cases;
  }
  std::cout << cases << " out-of-band protocol 5 pickles checked\n";
  EXPECT_GT(cases, 50);
}

TEST_F(NumpyCases, Python2PicklesLoadedAsLatin1) {
  int cases = 0;
  for (Value c : Cases()) {
    Value python2 = Field(c, "python2_pickle");
    if (python2.kind() != Kind::kBytes) continue;
    const std::string where = CaseName(c);
    DecodeOptions options;
    options.encoding = "latin1";
    absl::StatusOr<Document> doc = Decode(python2.as<Bytes>()->data, options);
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();
    absl::StatusOr<NdArray> array = ReadCase(c, *doc, &doc->heap());
    ASSERT_TRUE(array.ok()) << where << ": " << array.status();
    if (array->dtype.kind != DTypeKind::kObject) {
      EXPECT_FALSE(ReadCase(c, *doc).ok()) << where << ": str items need a heap";
    }
    EXPECT_EQ(*ArrayRepr(*array), Text(c, "repr")) << where;
    EXPECT_EQ(*ArrayToJson(*array), *ToJson(Field(c, "tolist"))) << where;
    ++cases;
  }
  std::cout << cases << " Python 2 pickles checked\n";
  EXPECT_GT(cases, 100);
}

TEST_F(NumpyCases, Numpy2Names) {
  int cases = 0;
  for (Value c : Cases()) {
    Value numpy2 = Field(c, "numpy2_pickle");
    if (numpy2.kind() != Kind::kBytes) continue;
    const std::string where = CaseName(c);
    const std::string_view pickle = numpy2.as<Bytes>()->data;
    absl::StatusOr<Document> doc = Decode(pickle);
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();
    absl::StatusOr<NdArray> array = ReadCase(c, *doc);
    ASSERT_TRUE(array.ok()) << where << ": " << array.status();
    EXPECT_TRUE(array->numpy2_names) << where;
    EXPECT_EQ(*ArrayRepr(*array), Text(c, "repr")) << where;
    if (!SharesOneCharacterFieldName(array->dtype, 2)) {
      EXPECT_EQ(*EncodeArray(*array, {.protocol = 2}), pickle) << where;
    }
    ++cases;
  }
  std::cout << cases << " pickles with numpy 2.x names checked\n";
  EXPECT_GT(cases, 100);
}

TEST_F(NumpyCases, DTypes) {
  int cases = 0;
  for (Value c : Cases()) {
    if (Text(c, "kind") != "dtype") continue;
    const std::string where = CaseName(c);
    const int protocol = static_cast<int>(Field(c, "protocol").as_int());
    const std::string_view pickle = Field(c, "pickle").as<Bytes>()->data;
    absl::StatusOr<Document> doc = Decode(pickle);
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();
    absl::StatusOr<DType> dtype = ReadDType(doc->root());
    ASSERT_TRUE(dtype.ok()) << where << ": " << dtype.status();
    EXPECT_EQ(dtype->Str(), Text(c, "dtype_str")) << where;
    EXPECT_EQ(dtype->Name(), Text(c, "dtype_name")) << where;
    EXPECT_EQ(dtype->Repr(), Text(c, "repr")) << where;
    Heap heap;
    DTypeWriter writer(heap);
    absl::StatusOr<std::string> written = Encode(writer.Write(*dtype), {.protocol = protocol});
    ASSERT_TRUE(written.ok()) << where;
    EXPECT_EQ(*written, pickle) << where;
    ++cases;
  }
  std::cout << cases << " dtype pickles checked\n";
}

TEST(NumpyWrite, ArrayBuiltInCppLoadsInNumpy) {
  NdArray array;
  array.dtype = DType::Scalar(DTypeKind::kFloat, 4);
  array.shape = {2, 3};
  const float items[] = {1.5f, -2.25f, 3.0f, 0.1f, 1e10f, -0.0f};
  array.data = std::string_view(reinterpret_cast<const char*>(items), sizeof(items));
  array.SetContiguousStrides();
  for (int protocol = 0; protocol <= 5; ++protocol) {
    absl::StatusOr<std::string> written = EncodeArray(array, {.protocol = protocol});
    ASSERT_TRUE(written.ok()) << written.status();
    absl::StatusOr<ProcessResult> numpy = RunProcess(
        {kNumpyPython, "-c",
         absl::StrCat("import numpy as np, pickle, sys\n"
                      "a = np.array([[1.5, -2.25, 3.0], [0.1, 1e10, -0.0]], dtype=np.float32)\n"
                      "sys.stdout.buffer.write(pickle.dumps(a, protocol=",
                      protocol,
                      "))\n"
                      "b = pickle.loads(sys.stdin.buffer.read())\n"
                      "assert b.dtype == a.dtype and b.shape == a.shape and (b == a).all()\n")},
        *written);
    ASSERT_TRUE(numpy.ok()) << numpy.status();
    EXPECT_EQ(numpy->exit_code, 0) << numpy->stderr_text;
    const std::string& expected = numpy->stdout_text;
    EXPECT_EQ(*written, expected) << "protocol " << protocol;
  }
}

}  // namespace
}  // namespace brine::numpy
