// numpy arrays and scalars <-> the value graph of their pickles.
//
// numpy writes an ndarray in one of two forms (numpy 1.x names; numpy 2.x
// spells numpy.core as numpy._core, and both are read):
//   protocol 0-4, object and datetime arrays, non-contiguous arrays:
//     numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')
//       .__setstate__((1, shape, dtype, is_fortran, data))
//     where data is the items' bytes (a list for object arrays);
//   protocol 5, other contiguous arrays:
//     numpy.core.numeric._frombuffer(buffer, dtype, shape, order)
//     where buffer is a PickleBuffer written in-band (a bytearray) or
//     out-of-band (NEXT_BUFFER).
// A numpy scalar is numpy.core.multiarray.scalar(dtype, item_bytes).
#ifndef BRINE_TYPES_NUMPY_PICKLED_ARRAY_H_
#define BRINE_TYPES_NUMPY_PICKLED_ARRAY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/codec/encoder.h"
#include "brine/types/numpy/array.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine::numpy {

// Whether `node` is a Reduce calling one of the numpy names above.
bool IsPickledArray(Value node);
bool IsPickledScalar(Value node);

// The array a `_reconstruct`/`_frombuffer` node stands for. Its data views
// the bytes of the graph (see array.h for when that is the caller's input).
// Fails with InvalidArgument naming what is wrong: another class than
// numpy.ndarray, a dtype ReadDType refuses, a shape that does not match the
// data, an out-of-band buffer whose bytes were not supplied.
//
// Python 2 pickles loaded with encoding='latin1' (numpy's advice) hold the
// items as a str: given `heap` (the document's), their Latin-1 bytes are
// made there, as numpy's setstate makes them; without it that is an error.
absl::StatusOr<NdArray> ReadArray(Value node, Heap* heap = nullptr);
// The value of a `numpy.core.multiarray.scalar(dtype, bytes)` node, as a
// 0-d NdArray with is_scalar set.
absl::StatusOr<NdArray> ReadScalar(Value node, Heap* heap = nullptr);

struct ArrayWriteOptions {
  // The pickle protocol the graph is meant for: numpy chooses the form by it.
  int protocol = kDefaultProtocol;
  // Name numpy 2.x's modules (numpy._core...) or numpy 1.x's; unset: the
  // names the array was read with (NdArray::numpy2_names).
  std::optional<bool> numpy2_names;
};

// The graph numpy's own pickler writes for `array` (its data borrowed, not
// copied; it must outlive the graph's use), so that Encode gives the bytes
// pickle.dumps(array, protocol) gives. At protocol 5 the items are a
// writable PickleBuffer (a Buffer node): in-band, or out-of-band when the
// encoder is given EncodeOptions::out_of_band_buffers, as pickle.dumps with a
// buffer_callback writes them. The array must be contiguous in its
// order (strides as SetContiguousStrides makes them).
//
// One case cannot be byte-identical: numpy's record field names are str
// objects of their own, while brine's encoder, like CPython for the strs it
// makes, shares every one-character str below U+0100 (encoder.h). A
// one-character field name equal to another such str in the same pickle
// ('b' beside the `b'b'` that protocols 0-2 write as text, '<', '|', 'C')
// is then fetched from the memo where numpy writes it again. Python loads
// both pickles into equal arrays.
absl::StatusOr<Value> ArrayToValue(Heap& heap, const NdArray& array,
                                   const ArrayWriteOptions& options = {});
// The numpy scalar node for a 0-d `scalar`.
absl::StatusOr<Value> ScalarToValue(Heap& heap, const NdArray& scalar,
                                    const ArrayWriteOptions& options = {});

// pickle.dumps(array, protocol) as numpy writes it (with the module names
// the array was read with).
absl::StatusOr<std::string> EncodeArray(const NdArray& array, const EncodeOptions& options = {});

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_PICKLED_ARRAY_H_
