// repr() of numpy arrays and scalars as numpy 1.x prints them with its
// default print options (linewidth 75, threshold 1000, edgeitems 3,
// precision 8, floatmode 'maxprec'; numpy/core/arrayprint.py):
//
//   array([ 1.5 , -2.25,  3.  ], dtype=float32)
//   array([[1, 2],
//          [3, 4]])
//   array([   0,    1,    2, ..., 1997, 1998, 1999])
//   array([], shape=(2, 0), dtype=float64)
//
// Every dtype ReadDType reads prints as numpy prints it: bool, ints, floats,
// complex, bytes and str, datetime64 (ISO text in the array's unit, for the
// units Y, M, W, D, h, m, s, ms, us, ns) and timedelta64, records, raw void
// items (as bytes) and object arrays (each item's brine repr, lists as
// `list([...])`).
//
// Scalars print as numpy 1.x prints them: 1.5, 3, True, (1+2j), b'ab', 'ab',
// numpy.datetime64('2020-01-01'), numpy.timedelta64(5,'s').
#ifndef BRINE_TYPES_NUMPY_ARRAY_REPR_H_
#define BRINE_TYPES_NUMPY_ARRAY_REPR_H_

#include <string>

#include "absl/status/statusor.h"
#include "brine/types/numpy/array.h"

namespace brine::numpy {

// repr(array), or repr(scalar) when array.is_scalar.
absl::StatusOr<std::string> ArrayRepr(const NdArray& array);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_ARRAY_REPR_H_
