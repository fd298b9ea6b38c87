// Arbitrary-precision Python ints: conversions between the pickle forms
// (two's complement little-endian bytes for LONG1/LONG4, decimal text for
// INT/LONG) and brine's Value (inline int64 when it fits, BigInt otherwise).
#ifndef BRINE_VALUE_BIGINT_H_
#define BRINE_VALUE_BIGINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// The canonical Value for the int whose two's complement little-endian bytes
// are `bytes` (any length, not necessarily minimal; empty means 0): inline
// kInt when it fits int64, a BigInt holding the minimal bytes otherwise.
Value IntFromTwosComplement(Heap& heap, std::string_view bytes);

// Minimal two's complement little-endian bytes of an int Value (kInt or
// kBigInt); 0 gives the empty string, as CPython's LONG1 encoding does.
std::string TwosComplementOf(Value int_value);

// Minimal two's complement little-endian bytes of int(value) for a finite
// double with no fractional part (used to compare big ints with floats exactly).
std::string TwosComplementOfIntegralDouble(double value);

// CPython 3.11's default sys.get_int_max_str_digits(): the most decimal
// digits an int may have when converted from or to text.
inline constexpr size_t kDefaultMaxIntDigits = 4300;

// Parses an optionally signed decimal integer (ASCII digits, no spaces, no
// underscores) into the canonical int Value. Fails on anything else, or when
// there are more than `max_digits` digits (0 means no limit).
absl::StatusOr<Value> IntFromDecimal(Heap& heap, std::string_view text, size_t max_digits = 0);

// Decimal text of an int Value, as Python's repr prints it. Fails like
// CPython when the result would exceed `max_digits` digits (0 means no limit;
// CPython 3.11's default is 4300): "Exceeds the limit (4300 digits) for
// integer string conversion; use sys.set_int_max_str_digits() to increase the limit".
absl::StatusOr<std::string> IntToDecimal(Value int_value, size_t max_digits = 0);

// IntToDecimal appended to `out`; an int64 under a limit of at least 19
// digits (or none) is appended without a temporary string.
absl::Status AppendIntDecimal(std::string& out, Value int_value, size_t max_digits = 0);

// Sign of an int Value: -1, 0 or 1.
int IntSign(Value int_value);

}  // namespace brine

#endif  // BRINE_VALUE_BIGINT_H_
