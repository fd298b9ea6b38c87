// The key (value/value.h NativeHash) of an exact rational number, shared by
// the types Python compares as numbers across types: Decimal('0.5') ==
// Fraction(1, 2) == 0.5 and Decimal(2) == Fraction(2) == 2, with equal
// hashes. The key is an int when the number is whole, a float when a float
// holds it exactly (so it equals that float and the ints it equals), else
// (tag, numerator, denominator) in lowest terms, which only such keys equal.
#ifndef BRINE_TYPES_RATIONAL_KEY_H_
#define BRINE_TYPES_RATIONAL_KEY_H_

#include "brine/value/heap.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

// `numerator` / `denominator` (ints, the denominator positive). Reduced to
// lowest terms when both fit int64; a big one must be in lowest terms
// already (as a pickled Fraction is).
NativeHash RationalKey(Heap& heap, Value numerator, Value denominator);

// The int Value of `magnitude` (inline when it fits int64).
Value IntFromUnsigned128(Heap& heap, unsigned __int128 magnitude);

}  // namespace brine

#endif  // BRINE_TYPES_RATIONAL_KEY_H_
