// NdArray: sizes, strides, item offsets and checked item reads.
#include "brine/types/numpy/array.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brine/codec/text_codecs.h"
#include "brine/types/numpy/half.h"

namespace brine::numpy {

double Half::ToDouble() const { return HalfBitsToDouble(bits); }

void ReadSwapped(const char* item, bool swap, void* out, size_t size) {
  char* bytes = static_cast<char*>(out);
  std::memcpy(bytes, item, size);
  if (swap) std::reverse(bytes, bytes + size);
}

int64_t NdArray::size() const {
  int64_t count = 1;
  for (int64_t extent : shape) count *= extent;
  return count;
}

void NdArray::SetContiguousStrides() {
  const int64_t item = dtype.kind == DTypeKind::kObject ? 8 : dtype.item_size;
  strides.assign(shape.size(), 0);
  int64_t step = item;
  // Object items are kept in C order whatever the pickle's order flag says.
  const bool fortran = fortran_order && dtype.kind != DTypeKind::kObject;
  for (size_t i = 0; i < shape.size(); ++i) {
    const size_t axis = fortran ? i : shape.size() - 1 - i;
    strides[axis] = step;
    step *= std::max<int64_t>(shape[axis], 1);
  }
}

absl::StatusOr<int64_t> NdArray::OffsetOf(std::span<const int64_t> index) const {
  if (index.size() != shape.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "numpy array: ", index.size(), " indices for an array of ", shape.size(), " dimensions"));
  }
  int64_t offset = 0;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    int64_t i = index[axis];
    if (i < 0) i += shape[axis];
    if (i < 0 || i >= shape[axis]) {
      return absl::OutOfRangeError(absl::StrCat("numpy array: index ", index[axis],
                                                " is out of bounds for axis ", axis, " with size ",
                                                shape[axis]));
    }
    offset += i * strides[axis];
  }
  return offset;
}

absl::StatusOr<std::string_view> NdArray::ItemBytes(std::span<const int64_t> index) const {
  absl::StatusOr<int64_t> offset = OffsetOf(index);
  if (!offset.ok()) return offset.status();
  return data.substr(*offset, dtype.item_size);
}

absl::Status NdArray::CheckDType(DTypeKind kind, DTypeKind other_kind, int64_t item_size,
                                 std::string_view type_name) const {
  if ((dtype.kind == kind || dtype.kind == other_kind) && dtype.item_size == item_size &&
      !dtype.is_structured()) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      absl::StrCat("numpy array of dtype ", dtype.Name(), " read as ", std::string(type_name)));
}

absl::StatusOr<std::string> NdArray::BytesAt(std::span<const int64_t> index) const {
  absl::Status status = CheckDType(DTypeKind::kBytes, DTypeKind::kBytes, dtype.item_size, "bytes");
  if (!status.ok()) return status;
  absl::StatusOr<std::string_view> bytes = ItemBytes(index);
  if (!bytes.ok()) return bytes.status();
  std::string_view text = *bytes;
  while (!text.empty() && text.back() == '\0') text.remove_suffix(1);
  return std::string(text);
}

absl::StatusOr<std::string> NdArray::TextAt(std::span<const int64_t> index) const {
  absl::Status status = CheckDType(DTypeKind::kStr, DTypeKind::kStr, dtype.item_size, "str");
  if (!status.ok()) return status;
  absl::StatusOr<std::string_view> bytes = ItemBytes(index);
  if (!bytes.ok()) return bytes.status();
  size_t length = bytes->size() / 4;
  std::vector<uint32_t> code_points(length);
  for (size_t i = 0; i < length; ++i) {
    ReadSwapped(bytes->data() + 4 * i, dtype.needs_byte_swap(), &code_points[i], 4);
  }
  while (length > 0 && code_points[length - 1] == 0) --length;
  std::string utf8;
  for (size_t i = 0; i < length; ++i) {
    if (code_points[i] > 0x10FFFF) {
      return absl::InvalidArgumentError(
          absl::StrCat("numpy str item holds U+", absl::Hex(code_points[i]), ", beyond U+10FFFF"));
    }
    AppendUtf8(code_points[i], utf8);
  }
  return utf8;
}

absl::StatusOr<Value> NdArray::ObjectAt(std::span<const int64_t> index) const {
  if (dtype.kind != DTypeKind::kObject) {
    return absl::FailedPreconditionError(
        absl::StrCat("numpy array of dtype ", dtype.Name(), " read as object"));
  }
  absl::StatusOr<int64_t> offset = OffsetOf(index);
  if (!offset.ok()) return offset.status();
  return objects[*offset / 8];
}

}  // namespace brine::numpy
