// How numpy prints the items of one array (arrayprint's BoolFormat,
// IntegerFormat, FloatingFormat, ComplexFloatingFormat, TimedeltaFormat,
// DatetimeFormat, StructuredVoidFormat, repr for strings and objects):
// built from the items shown, so that a column of them lines up.
#ifndef BRINE_TYPES_NUMPY_ITEM_FORMAT_H_
#define BRINE_TYPES_NUMPY_ITEM_FORMAT_H_

#include <memory>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "brine/types/numpy/dtype.h"

namespace brine::numpy {

// An item is a pointer to its bytes; for object dtypes, to its brine::Value.
class ItemFormat {
 public:
  virtual ~ItemFormat() = default;
  virtual absl::StatusOr<std::string> Format(const char* item) const = 0;
};

// The format numpy chooses for `items` of `dtype` (`zero_d` for a 0-d
// array, where bool prints without its padding space). Records nest at most
// kMaxDims deep (ReadDType refuses deeper ones).
absl::StatusOr<std::unique_ptr<ItemFormat>> MakeItemFormat(const DType& dtype,
                                                           std::span<const char* const> items,
                                                           bool zero_d);

// The float dtype of a complex dtype's real and imaginary parts.
DType ComplexPart(const DType& dtype);

// Reads numeric items as numpy's tolist() and repr see them.
double FloatItem(const DType& dtype, const char* item);
int64_t IntItem(const DType& dtype, const char* item);
uint64_t UIntItem(const DType& dtype, const char* item);

// datetime_as_string(item) for a datetime64 count in `dtype`'s unit, as
// numpy prints it ('2020-01-01', '2020-01-01T12:30:00.000').
std::string DatetimeText(const DType& dtype, int64_t count);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_ITEM_FORMAT_H_
