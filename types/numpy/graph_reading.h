// Small checked readers over a decoded value graph, shared by the numpy
// readers: each names what it expected in its error.
#ifndef BRINE_TYPES_NUMPY_GRAPH_READING_H_
#define BRINE_TYPES_NUMPY_GRAPH_READING_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/value.h"

namespace brine::numpy {

// The items of a tuple of `min_size` to `max_size` items.
absl::StatusOr<std::span<const Value>> TupleItems(Value value, size_t min_size, size_t max_size,
                                                  std::string_view what);
absl::StatusOr<int64_t> IntOf(Value value, std::string_view what);
absl::StatusOr<bool> BoolOf(Value value, std::string_view what);
// A str's UTF-8, or the bytes of a bytes object (Python 2 pickles give str
// where Python 3 ones give bytes, and the reverse).
absl::StatusOr<std::string_view> TextOf(Value value, std::string_view what);
// Whether `value` is the Global module.qualname.
bool IsGlobal(Value value, std::string_view module, std::string_view qualname);
// Whether `value` is a Global naming numpy's core module `submodule`
// (numpy.core.<submodule> in numpy 1.x, numpy._core.<submodule> in 2.x) and `qualname`.
bool IsNumpyCoreGlobal(Value value, std::string_view submodule, std::string_view qualname);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_GRAPH_READING_H_
