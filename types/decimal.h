// The "decimal" set: decimal.Decimal, kept as its exact text.
//
// CPython pickles a Decimal as `decimal.Decimal(str(d))`; brine reads any
// text Decimal() accepts (case, spaces, underscores, NaN payloads) and keeps
// the canonical str() form, which repr (`Decimal('1.10')`), JSON (the text as
// a string, "1.10", "-Infinity", "sNaN") and re-encoding use.
#ifndef BRINE_TYPES_DECIMAL_H_
#define BRINE_TYPES_DECIMAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"

namespace brine {

struct Decimal {
  enum class Form { kFinite, kInfinity, kNaN, kSignalingNaN };
  Form form = Form::kFinite;
  bool negative = false;
  // The coefficient's digits without leading zeros ("0" for zero); for a
  // NaN its payload ("" when none).
  std::string digits = "0";
  int64_t exponent = 0;  // finite: value = digits * 10**exponent

  // str(d): "1.10", "1E+2", "-0.000", "Infinity", "sNaN12".
  std::string text() const;
  // Decimal(text) for the texts Python's constructor accepts; nullopt otherwise.
  static std::optional<Decimal> Parse(std::string_view text);
};

void ReprNative(const Decimal& decimal, NativeText& out);
void JsonNative(const Decimal& decimal, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Decimal& decimal, int protocol);
// As a key, the number it is (types/rational_key.h: Decimal('0.5') == 0.5 ==
// Fraction(1, 2)); a quiet NaN by identity, a signaling NaN unhashable. A
// Decimal of more than 4300 digits, or with a fraction part and more than 18
// significant digits or 38 decimal places, equals only equal Decimals.
NativeHash HashNative(Heap& heap, const Decimal& decimal);

ReconstructorSet DecimalSet();

}  // namespace brine

#endif  // BRINE_TYPES_DECIMAL_H_
