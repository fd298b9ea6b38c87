// numpy.dtype as C++ data: kind, item size, byte order, datetime unit and
// the fields of structured (record) dtypes, with the names numpy gives them
// (`dtype.str`, `dtype.name`, the dtype part of an array's repr).
//
//   brine::numpy::DType f4 = brine::numpy::DType::Scalar(DTypeKind::kFloat, 4);
//   f4.Str();   // "<f4"
//   f4.Name();  // "float32"
//
// Reading one from a pickle and writing one back is types/numpy/pickled_dtype.h.
#ifndef BRINE_TYPES_NUMPY_DTYPE_H_
#define BRINE_TYPES_NUMPY_DTYPE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace brine::numpy {

// dtype.kind, with numpy's own letters.
enum class DTypeKind : char {
  kBool = 'b',
  kInt = 'i',
  kUInt = 'u',
  kFloat = 'f',
  kComplex = 'c',
  kDatetime = 'M',
  kTimedelta = 'm',
  kBytes = 'S',   // fixed-width bytes, NUL-padded
  kStr = 'U',     // fixed-width UCS-4 text, NUL-padded
  kVoid = 'V',    // raw bytes, or a record when it has fields
  kObject = 'O',  // Python objects (held as values, not bytes)
};

// The byte order of the items: '<', '>' or '|' (not applicable: one-byte
// items, bytes, void and object dtypes), as numpy pickles it.
enum class ByteOrder : char { kLittle = '<', kBig = '>', kNotApplicable = '|' };

// Most dimensions of an array and most levels of nested records numpy
// accepts (NPY_MAXDIMS in numpy 1.x); deeper input is refused.
inline constexpr size_t kMaxDims = 32;

struct DTypeField;

struct DType {
  DTypeKind kind = DTypeKind::kVoid;
  ByteOrder byte_order = ByteOrder::kNotApplicable;
  // Bytes per item (dtype.itemsize); 8 for object dtypes.
  int64_t item_size = 0;
  // datetime64/timedelta64: the unit ("ms", "D", "generic", ...) and its
  // multiplier ('<m8[10s]' has unit "s", count 10).
  std::string datetime_unit;
  int64_t datetime_count = 1;
  // Structured dtypes: the fields in `dtype.names` order.
  std::vector<DTypeField> fields;
  // The alignment and flags numpy pickles in the dtype's state (-1 and 0 for
  // built-in numeric types); kept so that a dtype read from a pickle is
  // written back as it was. `aligned_struct` is dtype.isalignedstruct.
  int64_t pickled_alignment = -1;
  int64_t flags = 0;

  // A numeric, bool or object dtype of `item_size` bytes in this machine's
  // byte order where the size has one (little-endian here).
  static DType Scalar(DTypeKind kind, int64_t item_size);
  // 'S<n>' / 'U<n>' (n characters) / 'V<n>' (n bytes).
  static DType Bytes(int64_t length);
  static DType Text(int64_t characters);
  static DType Void(int64_t size);
  // datetime64 / timedelta64 with `unit` ("generic" for none) and `count`.
  static DType Datetime(DTypeKind kind, std::string unit, int64_t count = 1);
  // A packed record: fields one after the other, in order.
  static DType Record(std::vector<DTypeField> fields);

  bool is_structured() const { return !fields.empty(); }
  bool is_aligned_struct() const { return (flags & 0x80) != 0; }
  // Whether items are stored in the other byte order than this machine's.
  bool needs_byte_swap() const;

  // dtype.str: '<f8', '|b1', '<M8[ms]', '|S3', '<U2', '|V5', '|O'.
  std::string Str() const;
  // dtype.name: 'float64', 'bool', 'datetime64[ms]', 'bytes24', 'str64', 'void40'.
  std::string Name() const;
  // The type string numpy's reduce passes to dtype(): 'f8', 'b1', 'M8',
  // 'S3', 'U2' (characters), 'V5', 'O8'.
  std::string ReduceTypeString() const;
  // str(dtype) / the short form numpy's array repr uses after `dtype=`:
  // int16, 'datetime64[ms]', '<U2', 'S3', [('a', '<i4'), ('b', '?')].
  std::string ReprInArray() const;
  // repr(dtype): dtype('float64'), dtype('>i4'), dtype('<M8[ms]'),
  // dtype([('a', '<i4'), ('b', '?')]), dtype([...], align=True).
  std::string Repr() const;
  // dtype.descr-like construction text of one field's dtype: '<i4', '?', 'S3'.
  std::string ConstructionRepr() const;
};

// One field of a record: name, dtype and byte offset in the record.
struct DTypeField {
  std::string name;
  DType dtype;
  int64_t offset = 0;
};

bool operator==(const DType& a, const DType& b);
bool operator==(const DTypeField& a, const DTypeField& b);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_DTYPE_H_
