// Limb arithmetic and base conversion (see limb_arithmetic.h). Recursion here
// follows operand sizes (depth log2 of the limb count), never a value graph.
#include "brine/value/limb_arithmetic.h"

#include <algorithm>
#include <bit>

namespace brine::limbs {
namespace {

using Span = std::span<const uint32_t>;

// Below these sizes the schoolbook loops are faster.
constexpr size_t kKaratsubaThreshold = 40;
constexpr size_t kConversionLeafLimbs = 64;

// a * b in base kBase: schoolbook, piecewise or Karatsuba by operand sizes.
template <uint64_t kBase>
Limbs Multiply(Span a, Span b);

Span Trimmed(Span x) {
  while (!x.empty() && x.back() == 0) x = x.first(x.size() - 1);
  return x;
}

void Trim(Limbs& x) {
  while (!x.empty() && x.back() == 0) x.pop_back();
}

// acc += x * base^shift.
template <uint64_t kBase>
void AddShifted(Limbs& acc, Span x, size_t shift) {
  if (acc.size() < shift + x.size() + 1) acc.resize(shift + x.size() + 1, 0);
  uint64_t carry = 0;
  size_t i = 0;
  for (; i < x.size(); ++i) {
    uint64_t sum = uint64_t{acc[shift + i]} + x[i] + carry;
    carry = sum >= kBase;
    acc[shift + i] = static_cast<uint32_t>(carry ? sum - kBase : sum);
  }
  for (size_t j = shift + i; carry != 0; ++j) {
    if (j == acc.size()) acc.push_back(0);
    uint64_t sum = uint64_t{acc[j]} + carry;
    carry = sum >= kBase;
    acc[j] = static_cast<uint32_t>(carry ? sum - kBase : sum);
  }
}

// acc -= x, where acc >= x.
template <uint64_t kBase>
void Subtract(Limbs& acc, Span x) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < acc.size() && (i < x.size() || borrow != 0); ++i) {
    uint64_t subtrahend = (i < x.size() ? x[i] : 0) + borrow;
    borrow = acc[i] < subtrahend;
    acc[i] = static_cast<uint32_t>(borrow ? acc[i] + kBase - subtrahend : acc[i] - subtrahend);
  }
}

template <uint64_t kBase>
Limbs Sum(Span a, Span b) {
  Limbs result(a.begin(), a.end());
  AddShifted<kBase>(result, b, 0);
  Trim(result);
  return result;
}

// Base 10^9: products are below 10^18, so 16 rows of them are summed per
// column in 64 bits before carries are propagated (one division per column
// every 16 rows instead of one per product).
Limbs SchoolbookMultiplyDecimal(Span a, Span b) {
  constexpr size_t kRowsPerCarry = 16;
  std::vector<uint64_t> columns(a.size() + b.size() + 1, 0);
  for (size_t row = 0; row < a.size(); row += kRowsPerCarry) {
    const size_t last = std::min(a.size(), row + kRowsPerCarry);
    for (size_t i = row; i < last; ++i) {
      const uint64_t factor = a[i];
      uint64_t* column = columns.data() + i;
      for (size_t j = 0; j < b.size(); ++j) column[j] += factor * b[j];
    }
    uint64_t carry = 0;
    for (size_t k = row; k < columns.size(); ++k) {
      const uint64_t value = columns[k] + carry;
      columns[k] = value % kDecimalBase;
      carry = value / kDecimalBase;
      if (carry == 0 && k >= last + b.size()) break;
    }
  }
  Limbs result(columns.begin(), columns.end());
  Trim(result);
  return result;
}

template <uint64_t kBase>
Limbs SchoolbookMultiply(Span a, Span b) {
  if constexpr (kBase == kDecimalBase) return SchoolbookMultiplyDecimal(a, b);
  Limbs result(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t current = uint64_t{result[i + j]} + uint64_t{a[i]} * b[j] + carry;
      result[i + j] = static_cast<uint32_t>(current % kBase);
      carry = current / kBase;
    }
    result[i + b.size()] = static_cast<uint32_t>(carry);
  }
  Trim(result);
  return result;
}

// a * b with `b` at most half as long as `a`: a cut into pieces of b's length.
template <uint64_t kBase>
Limbs UnbalancedMultiply(Span a, Span b) {
  Limbs result;
  for (size_t offset = 0; offset < a.size(); offset += b.size()) {
    Span piece = a.subspan(offset, std::min(b.size(), a.size() - offset));
    AddShifted<kBase>(result, Multiply<kBase>(piece, b), offset);
  }
  Trim(result);
  return result;
}

template <uint64_t kBase>
Limbs KaratsubaMultiply(Span a, Span b) {
  const size_t half = std::max(a.size(), b.size()) / 2;
  Span a_low = Trimmed(a.first(half)), a_high = a.subspan(half);
  Span b_low = Trimmed(b.first(half)), b_high = b.subspan(half);
  Limbs low = Multiply<kBase>(a_low, b_low);
  Limbs high = Multiply<kBase>(a_high, b_high);
  Limbs middle = Multiply<kBase>(Sum<kBase>(a_low, a_high), Sum<kBase>(b_low, b_high));
  Subtract<kBase>(middle, low);
  Subtract<kBase>(middle, high);
  Trim(middle);
  Limbs result = std::move(low);
  AddShifted<kBase>(result, middle, half);
  AddShifted<kBase>(result, high, 2 * half);
  Trim(result);
  return result;
}

template <uint64_t kBase>
Limbs Multiply(Span a, Span b) {
  a = Trimmed(a);
  b = Trimmed(b);
  if (a.size() < b.size()) std::swap(a, b);
  if (b.empty()) return {};
  if (b.size() < kKaratsubaThreshold) return SchoolbookMultiply<kBase>(a, b);
  if (2 * b.size() <= a.size()) return UnbalancedMultiply<kBase>(a, b);
  return KaratsubaMultiply<kBase>(a, b);
}

// The magnitude `x` in base kFrom, converted by the schoolbook loop:
// result = result * kFrom + limb, from the high limb down.
template <uint64_t kFrom, uint64_t kTo>
Limbs SchoolbookConvert(Span x) {
  Limbs result;
  result.reserve(x.size() * 32 / 29 + 2);
  for (auto it = x.rbegin(); it != x.rend(); ++it) {
    uint64_t carry = *it;
    for (uint32_t& limb : result) {
      uint64_t value = uint64_t{limb} * kFrom + carry;
      limb = static_cast<uint32_t>(value % kTo);
      carry = value / kTo;
    }
    while (carry != 0) {
      result.push_back(static_cast<uint32_t>(carry % kTo));
      carry /= kTo;
    }
  }
  return result;
}

// Divide and conquer: x = high * kFrom^k + low with k the largest power of two
// below x's length; powers[j] holds kFrom^(2^j) in base kTo.
template <uint64_t kFrom, uint64_t kTo>
class Converter {
 public:
  Limbs Convert(Span x) {
    x = Trimmed(x);
    if (x.size() <= kConversionLeafLimbs) return SchoolbookConvert<kFrom, kTo>(x);
    const size_t level = std::bit_width(x.size() - 1) - 1;  // 2^level < size <= 2^(level+1)
    const size_t split = size_t{1} << level;
    Limbs result = Multiply<kTo>(Convert(x.subspan(split)), Power(level));
    AddShifted<kTo>(result, Convert(x.first(split)), 0);
    Trim(result);
    return result;
  }

 private:
  const Limbs& Power(size_t level) {
    if (powers_.empty()) powers_.push_back(SchoolbookConvert<kFrom, kTo>(Limbs{0, 1}));  // kFrom^1
    while (powers_.size() <= level) powers_.push_back(Multiply<kTo>(powers_.back(), powers_.back()));
    return powers_[level];
  }

  std::vector<Limbs> powers_;
};

}  // namespace


Limbs BinaryToDecimal(Span binary) { return Converter<kBinaryBase, kDecimalBase>().Convert(binary); }

Limbs DecimalToBinary(Span decimal) { return Converter<kDecimalBase, kBinaryBase>().Convert(decimal); }

}  // namespace brine::limbs
