// IEEE half precision (numpy's float16) to and from double.
#ifndef BRINE_TYPES_NUMPY_HALF_H_
#define BRINE_TYPES_NUMPY_HALF_H_

#include <cstdint>

namespace brine::numpy {

// The float16 nearest to `value` (ties to even), as its bits.
uint16_t HalfBitsFromDouble(double value);
// The exact value of a float16.
double HalfBitsToDouble(uint16_t bits);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_HALF_H_
