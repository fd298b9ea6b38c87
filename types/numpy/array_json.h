// numpy arrays as JSON, in two forms:
//   kNestedLists  what json.dumps(array.tolist()) would say, written by
//                 brine's JSON writer (value/json.h): nested arrays of
//                 numbers, booleans and strings; bytes as {"$bytes": ...},
//                 complex as {"$complex": [re, im]}, records as arrays,
//                 object items as brine writes them. datetime64 and
//                 timedelta64 items are their int64 counts of the dtype's
//                 unit (tolist() would make datetime objects), NaT null.
//   kBase64       {"dtype": "<f4", "shape": [2, 3], "order": "C",
//                 "data": "<base64 of the item bytes>"}; object arrays
//                 keep nested lists in "data".
// A numpy scalar is its item (tolist() of a 0-d array).
#ifndef BRINE_TYPES_NUMPY_ARRAY_JSON_H_
#define BRINE_TYPES_NUMPY_ARRAY_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "brine/types/numpy/array.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine::numpy {

enum class ArrayJsonForm { kNestedLists, kBase64 };

// array.tolist() as brine values (lists, ints, floats, ...) in `heap`.
absl::StatusOr<Value> ArrayToList(Heap& heap, const NdArray& array);
// The value ToJson writes for the array in `form`.
absl::StatusOr<Value> ArrayJsonValue(Heap& heap, const NdArray& array, ArrayJsonForm form);
// JSON text of the array in `form`.
absl::StatusOr<std::string> ArrayToJson(const NdArray& array,
                                        ArrayJsonForm form = ArrayJsonForm::kNestedLists);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_ARRAY_JSON_H_
