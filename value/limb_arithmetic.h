// Magnitudes as little-endian vectors of 32-bit limbs in base 2^32 (binary)
// or 10^9 (decimal), and conversion between the two bases in sub-quadratic
// time: divide and conquer over the limbs (x = high * F^k + low) with cached
// powers F^k built by squaring, and Karatsuba multiplication in the target
// base. bigint.cc uses it for int <-> decimal text; a 1,000,000-digit int
// converts in well under a second where the schoolbook loop takes minutes.
#ifndef BRINE_VALUE_LIMB_ARITHMETIC_H_
#define BRINE_VALUE_LIMB_ARITHMETIC_H_

#include <cstdint>
#include <span>
#include <vector>

namespace brine::limbs {

using Limbs = std::vector<uint32_t>;

inline constexpr uint64_t kBinaryBase = uint64_t{1} << 32;
inline constexpr uint64_t kDecimalBase = 1000000000;  // 10^9: nine digits a limb
inline constexpr int kDecimalLimbDigits = 9;

// The same magnitude in base 10^9 (no high zero limbs; empty for zero).
Limbs BinaryToDecimal(std::span<const uint32_t> binary);
// The same magnitude in base 2^32 (no high zero limbs; empty for zero).
Limbs DecimalToBinary(std::span<const uint32_t> decimal);

}  // namespace brine::limbs

#endif  // BRINE_VALUE_LIMB_ARITHMETIC_H_
