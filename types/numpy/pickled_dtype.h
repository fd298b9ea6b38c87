// numpy.dtype <-> the value graph of its pickle.
//
// numpy pickles a dtype as `numpy.dtype(typestr, False, True)` followed by
// `__setstate__(state)`, where state is
//   (3, byteorder, subarray, names, fields, elsize, alignment, flags)
// or, for datetime64/timedelta64 (version 4), the same plus
//   ({}, (unit_bytes, count, 1, 1)).
// Records carry `names` (a tuple of str) and `fields` ({name: (dtype,
// offset)}), each field's dtype pickled the same way.
//
//   absl::StatusOr<brine::numpy::DType> dtype = brine::numpy::ReadDType(node);
//   brine::Value pickled = brine::numpy::DTypeToValue(heap, *dtype, names);
#ifndef BRINE_TYPES_NUMPY_PICKLED_DTYPE_H_
#define BRINE_TYPES_NUMPY_PICKLED_DTYPE_H_

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "brine/types/numpy/dtype.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine::numpy {

// Whether `callable` is the Global numpy.dtype.
bool IsDTypeClass(Value callable);

// The DType a pickled `numpy.dtype(...)` call stands for: a Reduce node
// whose callable is numpy.dtype, with its state (or a Native rebuilt from
// one, whose origin is that node). Fails with InvalidArgument
// naming what is wrong for anything else, for subarray dtypes, field titles,
// object fields and dtype metadata (not supported), and for records nested
// deeper than kMaxDims.
absl::StatusOr<DType> ReadDType(Value node);
// The same from the call's arguments and state (a registry reconstructor
// receives them apart).
absl::StatusOr<DType> ReadDType(Value args, Value state);

// Writes dtypes as numpy pickles them. numpy's built-in descriptors
// (numeric, bool and object types in native byte order) are one object per
// type, so a pickle that names one twice memoizes it: one DTypeWriter per
// pickle keeps that sharing.
class DTypeWriter {
 public:
  explicit DTypeWriter(Heap& heap) : heap_(heap) {}
  // The `numpy.dtype(typestr, False, True).__setstate__(state)` node.
  Value Write(const DType& dtype);
  Heap& heap() const { return heap_; }

 private:
  Value WriteNew(const DType& dtype);
  Value State(const DType& dtype);
  Value RecordNamesAndFields(const DType& dtype, Value& fields);

  Heap& heap_;
  absl::flat_hash_map<std::pair<char, int64_t>, Value> builtins_;
};

// The DTypeWriter of `heap`, made on first use and kept until the heap is
// destroyed, so that every array written into one heap (one pickle, one
// Registry::Lower run) shares numpy's built-in dtype objects.
DTypeWriter& SharedDTypeWriter(Heap& heap);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_PICKLED_DTYPE_H_
