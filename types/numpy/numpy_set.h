// The "numpy" built-in reconstructor set (registry/reconstructor_set.h):
// numpy.dtype, numpy.ndarray (numpy 1.x `numpy.core.multiarray._reconstruct`
// and `numpy.core.numeric._frombuffer`, numpy 2.x `numpy._core...`) and
// numpy scalars (`numpy.core.multiarray.scalar`) rebuilt into Natives:
//
//   DType     repr(dtype): dtype('float64'), dtype([('a', '<i4')])
//             JSON: dtype.str ("<f8"), records as [[name, field], ...]
//   NdArray   repr: numpy's (array_repr.h); a numpy scalar's repr for scalars
//             JSON: tolist()'s nested lists (array_json.h)
//
// Each is written back as numpy pickles it at the protocol being written
// (pickled_array.h). A form the set does not read (an ndarray subclass, a
// subarray or titled dtype, a record holding objects, ...) stays the opaque
// node it was decoded as.
//
//   const brine::numpy::NdArray* array = brine::NativeAs<brine::numpy::NdArray>(value);
#ifndef BRINE_TYPES_NUMPY_NUMPY_SET_H_
#define BRINE_TYPES_NUMPY_NUMPY_SET_H_

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/types/numpy/array.h"
#include "brine/types/numpy/dtype.h"
#include "brine/value/native_format.h"

namespace brine {

ReconstructorSet NumpySet();

namespace numpy {

// The set's printers and reducers (found by FormatFor / ReducerFor).
void ReprNative(const DType& dtype, NativeText& out);
void JsonNative(const DType& dtype, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DType& dtype, int protocol);
void ReprNative(const NdArray& array, NativeText& out);
void JsonNative(const NdArray& array, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const NdArray& array, int protocol);
// As keys: a dtype other than a record by value (dtype('f8') == dtype('<f8')),
// a record dtype by identity; an array is unhashable; a scalar of a number,
// bytes or str dtype hashes as its Python value (numpy.float64(1.0) == 1), a
// void scalar is unhashable, a datetime64/timedelta64 scalar goes by identity.
NativeHash HashNative(Heap& heap, const DType& dtype);
NativeHash HashNative(Heap& heap, const NdArray& array);

}  // namespace numpy
}  // namespace brine

#endif  // BRINE_TYPES_NUMPY_NUMPY_SET_H_
