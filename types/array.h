// The "array" set: array.array of every typecode (b B u h H i I l L q Q f d),
// from both reduce forms CPython writes: `array.array(typecode, list)`
// below protocol 3 and `array._array_reconstructor(array.array, typecode,
// machine_format, bytes)` from protocol 3 (either byte order is read).
// repr is `array('i', [1, 2])` (`array('u', 'text')`, `array('d')` when
// empty); JSON the list of items, as tolist() gives them.
#ifndef BRINE_TYPES_ARRAY_H_
#define BRINE_TYPES_ARRAY_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct Array {
  char typecode = 'b';
  std::string data;  // the items in this machine's layout (little-endian, 'u' as UTF-32)

  // Bytes per item: array('typecode').itemsize.
  static size_t ItemSize(char typecode);
  size_t size() const { return data.size() / ItemSize(typecode); }
  // Item `index` as T, which must be the typecode's C type (int32_t for 'i',
  // double for 'd', char32_t for 'u', ...).
  template <typename T>
  T at(size_t index) const {
    T item;
    std::memcpy(&item, data.data() + index * sizeof(T), sizeof(T));
    return item;
  }
  // Item `index` as a brine Value: an int, a float, or a one-character str.
  Value ItemValue(Heap& heap, size_t index) const;
};

void ReprNative(const Array& array, NativeText& out);
void JsonNative(const Array& array, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Array& array, int protocol);
NativeHash HashNative(Heap& heap, const Array& array);  // unhashable, as in Python

ReconstructorSet ArraySet();

}  // namespace brine

#endif  // BRINE_TYPES_ARRAY_H_
