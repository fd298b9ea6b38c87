// The "fractions" set: fractions.Fraction as its numerator and denominator.
//
// CPython pickles a Fraction as `fractions.Fraction(numerator, denominator)`
// (ints of any size, in lowest terms, denominator positive). repr is
// `Fraction(3, 4)`, JSON the exact text str() gives ("3/4", "5").
#ifndef BRINE_TYPES_FRACTION_H_
#define BRINE_TYPES_FRACTION_H_

#include <string>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct Fraction {
  Value numerator;    // an int (kInt or kBigInt)
  Value denominator;  // a positive int

  // str(f): "3/4", or "5" when the denominator is 1.
  std::string text() const;
};

void ReprNative(const Fraction& fraction, NativeText& out);
void JsonNative(const Fraction& fraction, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Fraction& fraction, int protocol);
// As a key, the number it is (types/rational_key.h): Fraction(1, 2) == 0.5.
NativeHash HashNative(Heap& heap, const Fraction& fraction);

ReconstructorSet FractionsSet();

}  // namespace brine

#endif  // BRINE_TYPES_FRACTION_H_
