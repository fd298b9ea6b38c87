// numpy arrays and scalars read from and written to the value graph of
// their pickles (numpy's array_reduce_ex, array_setstate, _frombuffer and
// scalar).
#include "brine/types/numpy/pickled_array.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/text_codecs.h"
#include "brine/types/numpy/graph_reading.h"
#include "brine/types/numpy/pickled_dtype.h"
#include "brine/value/string_views.h"

namespace brine::numpy {
namespace {

absl::Status Invalid(std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("numpy.ndarray: ", ToAbsl(message)));
}

const Reduce* ReduceOf(Value node) {
  return node.kind() == Kind::kReduce ? node.as<Reduce>() : nullptr;
}

absl::StatusOr<std::vector<int64_t>> ReadShape(Value value) {
  absl::StatusOr<std::span<const Value>> items =
      TupleItems(value, 0, kMaxDims, "numpy.ndarray shape");
  if (!items.ok()) return items.status();
  std::vector<int64_t> shape;
  for (Value item : *items) {
    absl::StatusOr<int64_t> extent = IntOf(item, "numpy.ndarray shape");
    if (!extent.ok()) return extent.status();
    if (*extent < 0) return Invalid(absl::StrCat("negative dimension ", *extent));
    shape.push_back(*extent);
  }
  return shape;
}

// The number of item bytes the shape needs, or an error on overflow.
absl::StatusOr<int64_t> ByteSize(const NdArray& array) {
  int64_t total = array.dtype.kind == DTypeKind::kObject ? 1 : array.dtype.item_size;
  for (int64_t extent : array.shape) {
    if (__builtin_mul_overflow(total, extent, &total)) return Invalid("the shape is too large");
  }
  return total;
}

bool HoldsText(const DType& dtype) {
  if (dtype.kind == DTypeKind::kStr) return true;
  for (const DTypeField& field : dtype.fields) {
    if (HoldsText(field.dtype)) return true;
  }
  return false;
}

// Whether the 'U' parts of the item at `item` hold only code points up to
// U+10FFFF (numpy's str items can be any 32-bit words).
absl::Status CheckItemText(const DType& dtype, const char* item) {
  for (const DTypeField& field : dtype.fields) {
    absl::Status status = CheckItemText(field.dtype, item + field.offset);
    if (!status.ok()) return status;
  }
  if (dtype.kind != DTypeKind::kStr) return absl::OkStatus();
  for (int64_t i = 0; i < dtype.item_size / 4; ++i) {
    uint32_t code_point;
    ReadSwapped(item + 4 * i, dtype.needs_byte_swap(), &code_point, 4);
    if (code_point > 0x10FFFF) {
      return Invalid(
          absl::StrCat("a str item holds U+", absl::Hex(code_point), ", beyond U+10FFFF"));
    }
  }
  return absl::OkStatus();
}

// Items are checked when read, so that printing and tolist() cannot fail later.
absl::Status CheckText(const NdArray& array) {
  if (!HoldsText(array.dtype) || array.dtype.item_size == 0) return absl::OkStatus();
  for (size_t offset = 0; offset < array.data.size(); offset += array.dtype.item_size) {
    absl::Status status = CheckItemText(array.dtype, array.data.data() + offset);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// The items a Python 2 pickle loaded with encoding='latin1' gives as str:
// their Latin-1 bytes, written into `heap` (numpy's own setstate does the
// same). Without a heap, an error.
absl::StatusOr<std::string_view> Latin1Items(Value data, Heap* heap) {
  if (heap == nullptr) {
    return Invalid(
        "items given as str (a Python 2 pickle): read it with a Heap, or decode it "
        "with encoding=\"bytes\"");
  }
  const std::string_view text = data.as<Str>()->utf8;
  std::optional<size_t> size = Latin1Size(text);
  if (!size) return Invalid("items given as str with characters beyond U+00FF");
  char* bytes = heap->AllocateChars(*size);
  if (!EncodeLatin1(text, std::span<char>(bytes, *size)))
    return Invalid("items given as malformed str");
  return std::string_view(bytes, *size);
}

// Sets the array's data from a bytes-like value of exactly the right size.
absl::Status SetData(NdArray& array, Value data, Heap* heap) {
  if (data.kind() == Kind::kStr) {
    absl::StatusOr<std::string_view> items = Latin1Items(data, heap);
    if (!items.ok()) return items.status();
    array.data = *items;
  } else if (data.kind() == Kind::kBytes || data.kind() == Kind::kByteArray) {
    array.data = data.as<Bytes>()->data;
  } else if (data.kind() == Kind::kBuffer) {
    const Buffer* buffer = data.as<Buffer>();
    if (!buffer->has_data) {
      return Invalid(absl::StrCat("out-of-band buffer ", buffer->index, " was not supplied"));
    }
    array.data = buffer->data;
  } else {
    return Invalid(
        absl::StrCat("expected the items as bytes, got ", ToAbsl(KindName(data.kind()))));
  }
  absl::StatusOr<int64_t> expected = ByteSize(array);
  if (!expected.ok()) return expected.status();
  if (static_cast<int64_t>(array.data.size()) != *expected) {
    return Invalid(absl::StrCat(array.data.size(),
                                " bytes of items where the shape and dtype need ", *expected));
  }
  return CheckText(array);
}

absl::Status SetObjects(NdArray& array, Value data) {
  if (data.kind() != Kind::kList) {
    return Invalid(absl::StrCat("expected the items of an object array as a list, got ",
                                ToAbsl(KindName(data.kind()))));
  }
  const ArenaVector<Value>& items = data.as<List>()->items;
  absl::StatusOr<int64_t> expected = ByteSize(array);
  if (!expected.ok()) return expected.status();
  if (static_cast<int64_t>(items.size()) != *expected) {
    return Invalid(absl::StrCat(items.size(), " items where the shape needs ", *expected));
  }
  array.objects.assign(items.begin(), items.end());
  return absl::OkStatus();
}

// _reconstruct(ndarray, (0,), b'b') with state (1, shape, dtype, is_fortran, data).
absl::StatusOr<NdArray> ReadReconstruct(const Reduce& reduce, Heap* heap) {
  absl::StatusOr<std::span<const Value>> args =
      TupleItems(reduce.args, 3, 3, "numpy.ndarray _reconstruct arguments");
  if (!args.ok()) return args.status();
  if (!IsGlobal((*args)[0], "numpy", "ndarray")) {
    return Invalid("only numpy.ndarray itself is read (not a subclass)");
  }
  if (!reduce.has_state) return Invalid("no state");
  absl::StatusOr<std::span<const Value>> state =
      TupleItems(reduce.state, 4, 5, "numpy.ndarray state");
  if (!state.ok()) return state.status();
  std::span<const Value> s = *state;
  if (s.size() == 5) {
    absl::StatusOr<int64_t> version = IntOf(s[0], "numpy.ndarray state version");
    if (!version.ok()) return version.status();
    if (*version != 1)
      return Invalid(absl::StrCat("state version ", *version, " is not supported"));
    s = s.subspan(1);
  }
  NdArray array;
  absl::StatusOr<std::vector<int64_t>> shape = ReadShape(s[0]);
  if (!shape.ok()) return shape.status();
  array.shape = *std::move(shape);
  absl::StatusOr<DType> dtype = ReadDType(s[1]);
  if (!dtype.ok()) return dtype.status();
  array.dtype = *std::move(dtype);
  absl::StatusOr<bool> fortran = BoolOf(s[2], "numpy.ndarray is_fortran");
  if (!fortran.ok()) return fortran.status();
  array.fortran_order = *fortran;
  absl::Status status =
      array.dtype.kind == DTypeKind::kObject ? SetObjects(array, s[3]) : SetData(array, s[3], heap);
  if (!status.ok()) return status;
  array.SetContiguousStrides();
  array.read_from_reconstruct = true;
  return array;
}

// _frombuffer(buffer, dtype, shape, order).
absl::StatusOr<NdArray> ReadFromBuffer(const Reduce& reduce) {
  absl::StatusOr<std::span<const Value>> args =
      TupleItems(reduce.args, 4, 4, "numpy.ndarray _frombuffer arguments");
  if (!args.ok()) return args.status();
  NdArray array;
  absl::StatusOr<DType> dtype = ReadDType((*args)[1]);
  if (!dtype.ok()) return dtype.status();
  if (dtype->kind == DTypeKind::kObject) return Invalid("an object array in a buffer");
  array.dtype = *std::move(dtype);
  absl::StatusOr<std::vector<int64_t>> shape = ReadShape((*args)[2]);
  if (!shape.ok()) return shape.status();
  array.shape = *std::move(shape);
  absl::StatusOr<std::string_view> order = TextOf((*args)[3], "numpy.ndarray order");
  if (!order.ok()) return order.status();
  if (*order != "C" && *order != "F")
    return Invalid(absl::StrCat("unknown order '", ToAbsl(*order), "'"));
  array.fortran_order = *order == "F";
  absl::Status status = SetData(array, (*args)[0], /*heap=*/nullptr);
  if (!status.ok()) return status;
  array.SetContiguousStrides();
  return array;
}

bool NeedsRegularForm(const DType& dtype) {
  if (dtype.kind == DTypeKind::kObject || dtype.kind == DTypeKind::kDatetime ||
      dtype.kind == DTypeKind::kTimedelta) {
    return true;
  }
  for (const DTypeField& field : dtype.fields) {
    if (NeedsRegularForm(field.dtype)) return true;
  }
  return false;
}

bool IsNumpy2Name(Value callable) {
  return absl::StartsWith(ToAbsl(callable.as<Global>()->module), "numpy._core.");
}

std::string CoreModule(const NdArray& array, const ArrayWriteOptions& options,
                       std::string_view submodule) {
  const bool numpy2 = options.numpy2_names.value_or(array.numpy2_names);
  return absl::StrCat(numpy2 ? "numpy._core." : "numpy.core.", ToAbsl(submodule));
}

Value ShapeTuple(Heap& heap, const NdArray& array) {
  std::vector<Value> extents;
  for (int64_t extent : array.shape) extents.push_back(Value::Int(extent));
  return heap.NewTuple(extents);
}

Value ItemsValue(Heap& heap, const NdArray& array) {
  if (array.dtype.kind != DTypeKind::kObject) return heap.NewBytes(array.data, /*borrow=*/true);
  Value list = heap.NewList();
  list.as<List>()->items.assign(array.objects.begin(), array.objects.end());
  return list;
}

Value ReconstructForm(Heap& heap, const NdArray& array, const ArrayWriteOptions& options) {
  DTypeWriter& dtypes = SharedDTypeWriter(heap);
  Reduce* reduce = heap.NewReduce();
  reduce->callable = heap.NewGlobal(CoreModule(array, options, "multiarray"), "_reconstruct");
  const Value zero[] = {Value::Int(0)};
  const Value args[] = {heap.NewGlobal("numpy", "ndarray"), heap.NewTuple(zero),
                        heap.NewBytes("b")};
  reduce->args = heap.NewTuple(args);
  reduce->has_state = true;
  const Value state[] = {Value::Int(1), ShapeTuple(heap, array), dtypes.Write(array.dtype),
                         Value::Bool(array.fortran_order), ItemsValue(heap, array)};
  reduce->state = heap.NewTuple(state);
  return Value::FromObject(reduce);
}

Value FromBufferForm(Heap& heap, const NdArray& array, const ArrayWriteOptions& options) {
  DTypeWriter& dtypes = SharedDTypeWriter(heap);
  // A writable PickleBuffer: in-band as a bytearray, or out-of-band when the
  // encoder is given EncodeOptions::out_of_band_buffers, as pickle does.
  Buffer* buffer = heap.NewBuffer();
  buffer->has_data = true;
  buffer->data = array.data;
  Reduce* reduce = heap.NewReduce();
  reduce->callable = heap.NewGlobal(CoreModule(array, options, "numeric"), "_frombuffer");
  // numpy calls a 1-d or 0-d array C-contiguous even when it is both.
  const bool fortran = array.fortran_order && array.ndim() > 1;
  const Value args[] = {Value::FromObject(buffer), dtypes.Write(array.dtype),
                        ShapeTuple(heap, array), heap.NewStr(fortran ? "F" : "C")};
  reduce->args = heap.NewTuple(args);
  return Value::FromObject(reduce);
}

absl::Status CheckWritable(const NdArray& array) {
  NdArray expected = array;
  expected.SetContiguousStrides();
  if (expected.strides != array.strides) return Invalid("only contiguous arrays are written");
  if (array.dtype.kind == DTypeKind::kObject) {
    if (static_cast<int64_t>(array.objects.size()) != array.size()) {
      return Invalid(absl::StrCat(array.objects.size(), " objects for ", array.size(), " items"));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> expected_bytes = ByteSize(array);
  if (!expected_bytes.ok()) return expected_bytes.status();
  if (static_cast<int64_t>(array.data.size()) != *expected_bytes) {
    return Invalid(absl::StrCat(
        array.data.size(), " bytes of items where the shape and dtype need ", *expected_bytes));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsPickledArray(Value node) {
  const Reduce* reduce = ReduceOf(node);
  return reduce != nullptr && (IsNumpyCoreGlobal(reduce->callable, "multiarray", "_reconstruct") ||
                               IsNumpyCoreGlobal(reduce->callable, "numeric", "_frombuffer"));
}

bool IsPickledScalar(Value node) {
  const Reduce* reduce = ReduceOf(node);
  return reduce != nullptr && IsNumpyCoreGlobal(reduce->callable, "multiarray", "scalar");
}

absl::StatusOr<NdArray> ReadArray(Value node, Heap* heap) {
  const Reduce* reduce = ReduceOf(node);
  absl::StatusOr<NdArray> array = Invalid("not a pickled numpy array");
  if (reduce != nullptr && IsNumpyCoreGlobal(reduce->callable, "multiarray", "_reconstruct")) {
    array = ReadReconstruct(*reduce, heap);
  } else if (reduce != nullptr && IsNumpyCoreGlobal(reduce->callable, "numeric", "_frombuffer")) {
    array = ReadFromBuffer(*reduce);
  }
  if (array.ok()) array->numpy2_names = IsNumpy2Name(reduce->callable);
  return array;
}

absl::StatusOr<NdArray> ReadScalar(Value node, Heap* heap) {
  if (!IsPickledScalar(node)) return Invalid("not a pickled numpy scalar");
  const Reduce* reduce = node.as<Reduce>();
  absl::StatusOr<std::span<const Value>> args =
      TupleItems(reduce->args, 2, 2, "numpy scalar arguments");
  if (!args.ok()) return args.status();
  NdArray scalar;
  scalar.is_scalar = true;
  absl::StatusOr<DType> dtype = ReadDType((*args)[0]);
  if (!dtype.ok()) return dtype.status();
  scalar.dtype = *std::move(dtype);
  scalar.numpy2_names = IsNumpy2Name(reduce->callable);
  if (scalar.dtype.kind == DTypeKind::kObject) {
    scalar.objects.push_back((*args)[1]);
    return scalar;
  }
  absl::Status status = SetData(scalar, (*args)[1], heap);
  if (!status.ok()) return status;
  return scalar;
}

absl::StatusOr<Value> ArrayToValue(Heap& heap, const NdArray& array,
                                   const ArrayWriteOptions& options) {
  absl::Status status = CheckWritable(array);
  if (!status.ok()) return status;
  if (options.protocol >= 5 && !NeedsRegularForm(array.dtype) && !array.read_from_reconstruct) {
    return FromBufferForm(heap, array, options);
  }
  return ReconstructForm(heap, array, options);
}

absl::StatusOr<Value> ScalarToValue(Heap& heap, const NdArray& scalar,
                                    const ArrayWriteOptions& options) {
  if (scalar.ndim() != 0 || scalar.dtype.kind == DTypeKind::kObject ||
      static_cast<int64_t>(scalar.data.size()) != scalar.dtype.item_size) {
    return Invalid("a numpy scalar is one item of a non-object dtype");
  }
  Reduce* reduce = heap.NewReduce();
  reduce->callable = heap.NewGlobal(CoreModule(scalar, options, "multiarray"), "scalar");
  const Value args[] = {SharedDTypeWriter(heap).Write(scalar.dtype),
                        heap.NewBytes(scalar.data, /*borrow=*/true)};
  reduce->args = heap.NewTuple(args);
  return Value::FromObject(reduce);
}

absl::StatusOr<std::string> EncodeArray(const NdArray& array, const EncodeOptions& options) {
  Heap heap;
  ArrayWriteOptions write;
  write.protocol = options.protocol < 0 ? kHighestProtocol : options.protocol;
  absl::StatusOr<Value> value =
      array.is_scalar ? ScalarToValue(heap, array, write) : ArrayToValue(heap, array, write);
  if (!value.ok()) return value.status();
  return Encode(*value, options);
}

}  // namespace brine::numpy
