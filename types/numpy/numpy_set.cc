// The "numpy" reconstructor set: rebuild functions, printers and reducers.
#include "brine/types/numpy/numpy_set.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/registry/convert.h"
#include "brine/types/numpy/array_json.h"
#include "brine/types/numpy/array_repr.h"
#include "brine/types/numpy/pickled_array.h"
#include "brine/types/numpy/pickled_dtype.h"
#include "brine/value/string_views.h"

namespace brine {
namespace numpy {
namespace {

RebuildResult RebuildDType(Heap& heap, const Reconstruction& call) {
  absl::StatusOr<DType> dtype = ReadDType(call.source);
  if (!dtype.ok()) return std::nullopt;
  return MakeBuiltinNative(heap, *std::move(dtype));
}

RebuildResult RebuildArray(Heap& heap, const Reconstruction& call) {
  absl::StatusOr<NdArray> array = ReadArray(call.source, &heap);
  if (!array.ok()) return std::nullopt;
  return MakeBuiltinNative(heap, *std::move(array));
}

RebuildResult RebuildScalar(Heap& heap, const Reconstruction& call) {
  absl::StatusOr<NdArray> scalar = ReadScalar(call.source, &heap);
  if (!scalar.ok() || scalar->dtype.kind == DTypeKind::kObject) return std::nullopt;
  return MakeBuiltinNative(heap, *std::move(scalar));
}

// The JSON value of a dtype: its str, or [[name, field], ...] for a record.
// The depth is that of the record, at most kMaxDims (ReadDType's bound).
Value DTypeJsonValue(Heap& heap, const DType& dtype) {
  if (!dtype.is_structured()) return heap.NewStr(dtype.Str());
  Value fields = heap.NewList();
  for (const DTypeField& field : dtype.fields) {
    const Value pair[] = {heap.NewStr(field.name), DTypeJsonValue(heap, field.dtype)};
    Value entry = heap.NewList();
    entry.as<List>()->items.assign(std::begin(pair), std::end(pair));
    fields.as<List>()->items.push_back(entry);
  }
  return fields;
}

}  // namespace

void ReprNative(const DType& dtype, NativeText& out) { out.Text(dtype.Repr()); }

void JsonNative(const DType& dtype, NativeText& out) {
  out.Child(DTypeJsonValue(out.scratch(), dtype));
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DType& dtype, int /*protocol*/) {
  return Substitute{SharedDTypeWriter(heap).Write(dtype)};
}

NativeHash HashNative(Heap& heap, const DType& dtype) {
  static const KeyTag kDTypeKey;
  if (dtype.is_structured()) return NativeHash{};
  return HashedAs(heap, kDTypeKey, {heap.NewStr(dtype.Str())});
}

NativeHash HashNative(Heap& heap, const NdArray& array) {
  if (!array.is_scalar) return Unhashable("unhashable type: 'numpy.ndarray'");
  switch (array.dtype.kind) {
    case DTypeKind::kVoid:
      return Unhashable("unhashable type: 'writeable void-scalar'");
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
    case DTypeKind::kObject:
      return NativeHash{};
    default: {
      absl::StatusOr<Value> value = ArrayToList(heap, array);  // a scalar's item() value
      return value.ok() ? HashedAs(*value) : NativeHash{};
    }
  }
}

void ReprNative(const NdArray& array, NativeText& out) {
  absl::StatusOr<std::string> text = ArrayRepr(array);
  if (text.ok()) {
    out.Text(*text);
    return;
  }
  // Only an object item can fail to print (a repr limit): the items then
  // go through the writer, without numpy's line layout.
  out.Text("array([");
  for (size_t i = 0; i < array.objects.size(); ++i) {
    if (i > 0) out.Text(", ");
    out.Child(array.objects[i]);
  }
  out.Text("], dtype=object)");
}

void JsonNative(const NdArray& array, NativeText& out) {
  absl::StatusOr<Value> list = ArrayToList(out.scratch(), array);
  if (list.ok()) {
    out.Child(*list);
  } else {
    out.Text("null");  // ReadArray checked every item, so this is not reached
  }
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const NdArray& array, int protocol) {
  const ArrayWriteOptions options{.protocol = protocol};
  absl::StatusOr<Value> value =
      array.is_scalar ? ScalarToValue(heap, array, options) : ArrayToValue(heap, array, options);
  if (!value.ok()) return value.status();
  return Substitute{*value};
}

}  // namespace numpy

ReconstructorSet NumpySet() {
  ReconstructorSet set{"numpy",
                       "numpy.dtype, numpy.ndarray and numpy scalars (numpy 1.x and 2.x names)"};
  set.reconstructors.push_back({"numpy", "dtype", numpy::RebuildDType});
  for (const char* core : {"numpy.core", "numpy._core"}) {
    const std::string multiarray = absl::StrCat(core, ".multiarray");
    set.reconstructors.push_back({multiarray, "_reconstruct", numpy::RebuildArray});
    set.reconstructors.push_back({multiarray, "scalar", numpy::RebuildScalar});
    set.reconstructors.push_back(
        {absl::StrCat(core, ".numeric"), "_frombuffer", numpy::RebuildArray});
  }
  set.reducers = {ReducerFor<numpy::DType>(), ReducerFor<numpy::NdArray>()};
  return set;
}

}  // namespace brine
