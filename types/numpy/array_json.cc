// numpy arrays as tolist() values and as JSON.
#include "brine/types/numpy/array_json.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "brine/types/numpy/item_format.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"
#include "brine/value/json.h"

namespace brine::numpy {
namespace {

absl::StatusOr<Value> ItemValue(Heap& heap, const NdArray& array, const DType& dtype,
                                int64_t offset, const char* item);

Value UIntValue(Heap& heap, uint64_t value) {
  if (value <= static_cast<uint64_t>(INT64_MAX)) return Value::Int(static_cast<int64_t>(value));
  char bytes[9] = {};
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(value >> (8 * i));
  return IntFromTwosComplement(heap, std::string_view(bytes, 9));
}

absl::StatusOr<Value> RecordValue(Heap& heap, const NdArray& array, const DType& dtype,
                                  const char* item) {
  std::vector<Value> fields;
  for (const DTypeField& field : dtype.fields) {
    absl::StatusOr<Value> value = ItemValue(heap, array, field.dtype, 0, item + field.offset);
    if (!value.ok()) return value.status();
    fields.push_back(*value);
  }
  return heap.NewTuple(fields);
}

// tolist()'s Python object for one item (`offset` locates object items).
absl::StatusOr<Value> ItemValue(Heap& heap, const NdArray& array, const DType& dtype,
                                int64_t offset, const char* item) {
  if (dtype.is_structured()) return RecordValue(heap, array, dtype, item);
  switch (dtype.kind) {
    case DTypeKind::kBool:
      return Value::Bool(*item != 0);
    case DTypeKind::kInt:
      return Value::Int(IntItem(dtype, item));
    case DTypeKind::kUInt:
      return UIntValue(heap, UIntItem(dtype, item));
    case DTypeKind::kFloat:
      return Value::Float(FloatItem(dtype, item));
    case DTypeKind::kComplex: {
      const DType part = ComplexPart(dtype);
      return heap.NewComplex(FloatItem(part, item), FloatItem(part, item + part.item_size));
    }
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta: {
      const int64_t count = IntItem(dtype, item);
      return count == INT64_MIN ? Value::None() : Value::Int(count);
    }
    case DTypeKind::kBytes: {
      std::string_view bytes(item, dtype.item_size);
      while (!bytes.empty() && bytes.back() == '\0') bytes.remove_suffix(1);
      return heap.NewBytes(bytes);
    }
    case DTypeKind::kVoid:
      return heap.NewBytes(std::string_view(item, dtype.item_size));
    case DTypeKind::kStr: {
      NdArray one;
      one.dtype = dtype;
      one.data = std::string_view(item, dtype.item_size);
      absl::StatusOr<std::string> text = one.TextAt({});
      if (!text.ok()) return text.status();
      return heap.NewStr(*text);
    }
    case DTypeKind::kObject:
      return array.objects[offset / 8];
  }
  return absl::InvalidArgumentError("numpy dtype without a tolist() form");
}

// The nested list for the sub-array at `offset` from `axis` on; the depth
// is the number of dimensions, at most kMaxDims.
absl::StatusOr<Value> NestedList(Heap& heap, const NdArray& array, size_t axis, int64_t offset) {
  if (axis == array.ndim()) {
    const char* item =
        array.dtype.kind == DTypeKind::kObject ? nullptr : array.data.data() + offset;
    return ItemValue(heap, array, array.dtype, offset, item);
  }
  Value list = heap.NewList();
  for (int64_t i = 0; i < array.shape[axis]; ++i) {
    absl::StatusOr<Value> item =
        NestedList(heap, array, axis + 1, offset + i * array.strides[axis]);
    if (!item.ok()) return item.status();
    list.as<List>()->items.push_back(*item);
  }
  return list;
}

absl::StatusOr<Value> Base64Form(Heap& heap, const NdArray& array) {
  Value dict = heap.NewDict();
  std::vector<Value> shape;
  for (int64_t extent : array.shape) shape.push_back(Value::Int(extent));
  Value shape_list = heap.NewList();
  shape_list.as<List>()->items.assign(shape.begin(), shape.end());
  Value data;
  if (array.dtype.kind == DTypeKind::kObject) {
    absl::StatusOr<Value> nested = ArrayToList(heap, array);
    if (!nested.ok()) return nested.status();
    data = *nested;
  } else {
    data = heap.NewStr(absl::Base64Escape(absl::string_view(array.data.data(), array.data.size())));
  }
  const std::pair<std::string_view, Value> entries[] = {
      {"dtype", heap.NewStr(array.dtype.Str())},
      {"shape", shape_list},
      {"order", heap.NewStr(array.fortran_order ? "F" : "C")},
      {"data", data},
  };
  for (const auto& [key, value] : entries) {
    absl::Status status = DictSetItem(heap, dict.as<Dict>(), heap.NewStr(key), value);
    if (!status.ok()) return status;
  }
  return dict;
}

}  // namespace

absl::StatusOr<Value> ArrayToList(Heap& heap, const NdArray& array) {
  return NestedList(heap, array, 0, 0);
}

absl::StatusOr<Value> ArrayJsonValue(Heap& heap, const NdArray& array, ArrayJsonForm form) {
  if (form == ArrayJsonForm::kBase64 && !array.is_scalar) return Base64Form(heap, array);
  return ArrayToList(heap, array);
}

absl::StatusOr<std::string> ArrayToJson(const NdArray& array, ArrayJsonForm form) {
  Heap heap;
  absl::StatusOr<Value> value = ArrayJsonValue(heap, array, form);
  if (!value.ok()) return value.status();
  return ToJson(*value);
}

}  // namespace brine::numpy
