// numpy.ndarray as a C++ view: dtype, shape, strides and the item bytes,
// pointing into the pickle's own bytes when it was decoded with
// DecodeOptions::borrow_input (protocol 3 and up; protocol 0-2 pickles carry
// arrays as latin-1 text, which decoding has to convert) or into the
// caller's out-of-band buffers (protocol 5). Nothing is copied.
//
//   absl::StatusOr<brine::Document> doc = brine::Decode(bytes, {.borrow_input = true});
//   absl::StatusOr<brine::numpy::NdArray> array = brine::numpy::ReadArray(doc->root());
//   absl::StatusOr<float> x = array->At<float>({1, 2});   // fails unless dtype is float32
//
// An array read from a pickle is always contiguous (numpy pickles the items
// in C order, or in Fortran order when the array was Fortran-contiguous).
// Items are read with memcpy and swapped to this machine's byte order, so
// unaligned and big-endian data are fine.
#ifndef BRINE_TYPES_NUMPY_ARRAY_H_
#define BRINE_TYPES_NUMPY_ARRAY_H_

#include <complex>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/types/numpy/dtype.h"
#include "brine/value/value.h"

namespace brine::numpy {

// An IEEE half-precision item (float16), as its bits.
struct Half {
  uint16_t bits = 0;
  double ToDouble() const;
};

// A datetime64 or timedelta64 item: a count of the dtype's units; NaT is
// the smallest int64.
struct Time64 {
  int64_t count = 0;
  bool is_nat() const { return count == INT64_MIN; }
};

// The dtype kinds an item type reads (its size is sizeof(T)), for At<T>.
struct ElementType {
  DTypeKind kind;
  DTypeKind other_kind;  // datetime64 and timedelta64 both read as Time64
  const char* name;
};

struct NdArray {
  DType dtype;
  std::vector<int64_t> shape;
  // Bytes between neighbours along each axis (in items of 8 bytes for
  // object arrays, whose items are `objects`).
  std::vector<int64_t> strides;
  // Whether the items are stored in Fortran order (numpy's is_fortran).
  bool fortran_order = false;
  // True for a numpy scalar (numpy.core.multiarray.scalar): shape () and
  // printed as numpy prints scalars.
  bool is_scalar = false;
  // True when read from numpy's `_reconstruct` form. numpy writes that form
  // at protocol 5 too for arrays that were not contiguous, which the items
  // read back no longer show, so such an array is written back in it.
  bool read_from_reconstruct = false;
  // True when read from numpy 2.x's names (numpy._core...): written back with them.
  bool numpy2_names = false;
  // The item bytes (not for object arrays).
  std::string_view data;
  // Object arrays: the items, in C order.
  std::vector<Value> objects;

  size_t ndim() const { return shape.size(); }
  // Number of items (1 for a 0-d array).
  int64_t size() const;

  // C-order strides (Fortran-order when `fortran_order`) for shape and dtype.
  void SetContiguousStrides();
  // Byte offset of the item at `index` (one index per axis, negative ones
  // counting from the end as in Python); an error when out of range.
  absl::StatusOr<int64_t> OffsetOf(std::span<const int64_t> index) const;
  // The bytes of the item at `index`.
  absl::StatusOr<std::string_view> ItemBytes(std::span<const int64_t> index) const;

  // The item at `index` as T: fails unless the dtype is T's (At<double> on
  // float64, At<int32_t> on int32, At<Half> on float16, At<Time64> on
  // datetime64/timedelta64, At<std::complex<float>> on complex64, At<bool>
  // on bool).
  template <typename T>
  absl::StatusOr<T> At(std::span<const int64_t> index) const;
  template <typename T>
  absl::StatusOr<T> At(std::initializer_list<int64_t> index) const {
    return At<T>(std::span<const int64_t>(index.begin(), index.size()));
  }
  // 'S' items without their trailing NULs, as numpy gives them.
  absl::StatusOr<std::string> BytesAt(std::span<const int64_t> index) const;
  // 'U' items as UTF-8 without their trailing NULs.
  absl::StatusOr<std::string> TextAt(std::span<const int64_t> index) const;
  // Object items.
  absl::StatusOr<Value> ObjectAt(std::span<const int64_t> index) const;
  absl::StatusOr<std::string> BytesAt(std::initializer_list<int64_t> index) const {
    return BytesAt(std::span<const int64_t>(index.begin(), index.size()));
  }
  absl::StatusOr<std::string> TextAt(std::initializer_list<int64_t> index) const {
    return TextAt(std::span<const int64_t>(index.begin(), index.size()));
  }
  absl::StatusOr<Value> ObjectAt(std::initializer_list<int64_t> index) const {
    return ObjectAt(std::span<const int64_t>(index.begin(), index.size()));
  }

 private:
  absl::Status CheckDType(DTypeKind kind, DTypeKind other_kind, int64_t item_size,
                          std::string_view type_name) const;
};

// Reads an item of `size` bytes stored in `dtype`'s byte order.
void ReadSwapped(const char* item, bool swap, void* out, size_t size);

template <typename T>
constexpr ElementType ElementTypeOf() {
  using K = DTypeKind;
  if constexpr (std::is_same_v<T, bool>) return {K::kBool, K::kBool, "bool"};
  else if constexpr (std::is_same_v<T, int8_t>) return {K::kInt, K::kInt, "int8"};
  else if constexpr (std::is_same_v<T, int16_t>) return {K::kInt, K::kInt, "int16"};
  else if constexpr (std::is_same_v<T, int32_t>) return {K::kInt, K::kInt, "int32"};
  else if constexpr (std::is_same_v<T, int64_t>) return {K::kInt, K::kInt, "int64"};
  else if constexpr (std::is_same_v<T, uint8_t>) return {K::kUInt, K::kUInt, "uint8"};
  else if constexpr (std::is_same_v<T, uint16_t>) return {K::kUInt, K::kUInt, "uint16"};
  else if constexpr (std::is_same_v<T, uint32_t>) return {K::kUInt, K::kUInt, "uint32"};
  else if constexpr (std::is_same_v<T, uint64_t>) return {K::kUInt, K::kUInt, "uint64"};
  else if constexpr (std::is_same_v<T, Half>) return {K::kFloat, K::kFloat, "float16"};
  else if constexpr (std::is_same_v<T, float>) return {K::kFloat, K::kFloat, "float32"};
  else if constexpr (std::is_same_v<T, double>) return {K::kFloat, K::kFloat, "float64"};
  else if constexpr (std::is_same_v<T, std::complex<float>>)
    return {K::kComplex, K::kComplex, "complex64"};
  else if constexpr (std::is_same_v<T, std::complex<double>>)
    return {K::kComplex, K::kComplex, "complex128"};
  else if constexpr (std::is_same_v<T, Time64>)
    return {K::kDatetime, K::kTimedelta, "datetime64 or timedelta64"};
  else static_assert(sizeof(T) == 0, "NdArray::At<T>: T is not an item type numpy has");
}

template <typename T>
absl::StatusOr<T> NdArray::At(std::span<const int64_t> index) const {
  constexpr ElementType type = ElementTypeOf<T>();
  absl::Status status =
      CheckDType(type.kind, type.other_kind, static_cast<int64_t>(sizeof(T)), type.name);
  if (!status.ok()) return status;
  absl::StatusOr<std::string_view> bytes = ItemBytes(index);
  if (!bytes.ok()) return bytes.status();
  if constexpr (std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>) {
    typename T::value_type parts[2];
    ReadSwapped(bytes->data(), dtype.needs_byte_swap(), &parts[0], sizeof(parts[0]));
    ReadSwapped(bytes->data() + sizeof(parts[0]), dtype.needs_byte_swap(), &parts[1],
                sizeof(parts[1]));
    return T(parts[0], parts[1]);
  } else if constexpr (std::is_same_v<T, bool>) {
    return (*bytes)[0] != 0;
  } else {
    T value;
    ReadSwapped(bytes->data(), dtype.needs_byte_swap(), &value, sizeof(T));
    return value;
  }
}

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_ARRAY_H_
