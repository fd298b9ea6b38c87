// Keys of exact rational numbers (see rational_key.h).
#include "brine/types/rational_key.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>

#include "brine/value/bigint.h"

namespace brine {
namespace {

const KeyTag kRationalKey;

// Magnitudes below 2**53 are exact in a double, whatever their power of two.
constexpr uint64_t kExactDoubleLimit = uint64_t{1} << 53;

uint64_t Magnitude(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

}  // namespace

Value IntFromUnsigned128(Heap& heap, unsigned __int128 magnitude) {
  if (magnitude <= static_cast<unsigned __int128>(INT64_MAX)) return Value::Int(static_cast<int64_t>(magnitude));
  std::string bytes(17, '\0');  // little-endian, with a zero sign byte
  for (int i = 0; i < 16; ++i) bytes[i] = static_cast<char>(static_cast<uint8_t>(magnitude >> (8 * i)));
  return IntFromTwosComplement(heap, bytes);
}

NativeHash RationalKey(Heap& heap, Value numerator, Value denominator) {
  if (numerator.kind() != Kind::kInt || denominator.kind() != Kind::kInt) {
    if (denominator.kind() == Kind::kInt && denominator.as_int() == 1) return HashedAs(numerator);
    return HashedAs(heap, kRationalKey, {numerator, denominator});
  }
  const int64_t n = numerator.as_int();
  const uint64_t d = static_cast<uint64_t>(denominator.as_int());
  const uint64_t common = std::gcd(Magnitude(n), d);
  const uint64_t reduced_d = d / common;
  const uint64_t reduced_magnitude = Magnitude(n) / common;
  const int64_t reduced_n = static_cast<int64_t>(n < 0 ? 0 - reduced_magnitude : reduced_magnitude);  // C++20: modular
  if (reduced_d == 1) return HashedAs(Value::Int(reduced_n));
  if (std::has_single_bit(reduced_d) && Magnitude(reduced_n) < kExactDoubleLimit) {
    return HashedAs(Value::Float(std::ldexp(static_cast<double>(reduced_n), -std::countr_zero(reduced_d))));
  }
  return HashedAs(heap, kRationalKey, {Value::Int(reduced_n), Value::Int(static_cast<int64_t>(reduced_d))});
}

}  // namespace brine
