// Arbitrary-precision int conversions (see bigint.h). Magnitudes are held as
// little-endian base-2^32 limbs while converting; decimal text goes through
// base-10^9 limbs, converted in sub-quadratic time (limb_arithmetic.h). The
// digit limit is checked from the bit length before any conversion, so a
// 1 MB int over the limit is refused at once, as CPython 3.11 refuses it.
#include "brine/value/bigint.h"

#include <bit>
#include <cmath>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "brine/value/limb_arithmetic.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

using limbs::kDecimalLimbDigits;

// A sign and a magnitude in little-endian base-2^32 limbs, no high zero limbs.
struct SignMagnitude {
  bool negative = false;
  std::vector<uint32_t> limbs;
};

void TrimHighZeros(std::vector<uint32_t>& limbs) {
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
}

SignMagnitude FromTwosComplement(std::string_view bytes) {
  SignMagnitude result;
  if (bytes.empty()) return result;
  result.negative = (static_cast<uint8_t>(bytes.back()) & 0x80) != 0;
  result.limbs.assign((bytes.size() + 3) / 4, 0);
  for (size_t i = 0; i < bytes.size(); ++i) {
    uint8_t byte = static_cast<uint8_t>(bytes[i]);
    if (result.negative) byte = static_cast<uint8_t>(~byte);
    result.limbs[i / 4] |= static_cast<uint32_t>(byte) << (8 * (i % 4));
  }
  if (result.negative) {  // magnitude = ~x + 1
    for (uint32_t& limb : result.limbs) {
      if (++limb != 0) break;
    }
  }
  TrimHighZeros(result.limbs);
  return result;
}

// Minimal two's complement little-endian bytes; empty for zero.
std::string ToTwosComplement(const SignMagnitude& number) {
  if (number.limbs.empty()) return {};
  std::string bytes;
  bytes.reserve(number.limbs.size() * 4 + 1);
  if (!number.negative) {
    for (uint32_t limb : number.limbs)
      for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((limb >> (8 * b)) & 0xff));
    while (!bytes.empty() && bytes.back() == 0) bytes.pop_back();
    if (static_cast<uint8_t>(bytes.back()) & 0x80) bytes.push_back('\0');
    return bytes;
  }
  // Negative: ~(magnitude - 1), then drop redundant 0xff high bytes.
  bool borrow = true;
  for (uint32_t limb : number.limbs) {
    uint32_t value = limb;
    if (borrow) {
      borrow = (value == 0);
      value -= 1;
    }
    value = ~value;
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((value >> (8 * b)) & 0xff));
  }
  while (bytes.size() > 1 && static_cast<uint8_t>(bytes.back()) == 0xff &&
         (static_cast<uint8_t>(bytes[bytes.size() - 2]) & 0x80)) {
    bytes.pop_back();
  }
  if (!(static_cast<uint8_t>(bytes.back()) & 0x80)) bytes.push_back(static_cast<char>(0xff));
  return bytes;
}

SignMagnitude FromInt64(int64_t value) {
  SignMagnitude result;
  result.negative = value < 0;
  uint64_t magnitude = result.negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  result.limbs = {static_cast<uint32_t>(magnitude), static_cast<uint32_t>(magnitude >> 32)};
  TrimHighZeros(result.limbs);
  return result;
}

SignMagnitude SignMagnitudeOf(Value int_value) {
  if (int_value.kind() == Kind::kBigInt)
    return FromTwosComplement(int_value.as<BigInt>()->twos_complement_le);
  return FromInt64(int_value.as_int());
}

// The canonical Value for a sign and magnitude.
Value ValueOf(Heap& heap, const SignMagnitude& number) {
  std::string bytes = ToTwosComplement(number);
  if (bytes.size() <= 8) {
    uint64_t raw = 0;
    for (size_t i = 0; i < bytes.size(); ++i) raw |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
    if (!bytes.empty() && bytes.size() < 8 && (static_cast<uint8_t>(bytes.back()) & 0x80))
      raw |= ~uint64_t{0} << (8 * bytes.size());  // sign-extend
    return Value::Int(static_cast<int64_t>(raw));
  }
  return heap.NewBigInt(bytes);
}

size_t DigitCount(uint32_t value) {
  size_t count = 1;
  while (value >= 10) {
    value /= 10;
    ++count;
  }
  return count;
}

// A lower bound on the decimal digits of a nonzero magnitude, from its bit
// length b alone: the value is at least 2^(b-1), which has
// floor((b-1) * log10(2)) + 1 digits. The constant is a little below log10(2),
// so rounding can only lower the bound.
size_t FewestDigits(const std::vector<uint32_t>& magnitude) {
  if (magnitude.empty()) return 1;
  const uint64_t bits = 32 * (magnitude.size() - 1) + std::bit_width(magnitude.back());
  return static_cast<size_t>(static_cast<double>(bits - 1) * 0.30102999) + 1;
}

// CPython 3.11's ValueError for int -> str past sys.get_int_max_str_digits().
absl::Status DigitLimitError(size_t max_digits) {
  return absl::InvalidArgumentError(absl::StrCat("Exceeds the limit (", max_digits,
                                                 " digits) for integer string conversion; use "
                                                 "sys.set_int_max_str_digits() to increase the limit"));
}

// ASCII digits as base-10^9 limbs, least significant first.
std::vector<uint32_t> DecimalLimbsOf(std::string_view digits) {
  std::vector<uint32_t> result;
  result.reserve(digits.size() / kDecimalLimbDigits + 1);
  for (size_t end = digits.size(); end > 0;) {
    const size_t begin = end > static_cast<size_t>(kDecimalLimbDigits) ? end - kDecimalLimbDigits : 0;
    uint32_t limb = 0;
    for (size_t i = begin; i < end; ++i) limb = limb * 10 + static_cast<uint32_t>(digits[i] - '0');
    result.push_back(limb);
    end = begin;
  }
  return result;
}

}  // namespace

Value IntFromTwosComplement(Heap& heap, std::string_view bytes) {
  if (bytes.size() <= 8) {
    uint64_t raw = 0;
    for (size_t i = 0; i < bytes.size(); ++i) raw |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
    if (!bytes.empty() && bytes.size() < 8 && (static_cast<uint8_t>(bytes.back()) & 0x80))
      raw |= ~uint64_t{0} << (8 * bytes.size());
    return Value::Int(static_cast<int64_t>(raw));
  }
  return ValueOf(heap, FromTwosComplement(bytes));
}

std::string TwosComplementOf(Value int_value) {
  if (int_value.kind() == Kind::kBigInt) return std::string(int_value.as<BigInt>()->twos_complement_le);
  return ToTwosComplement(FromInt64(int_value.as_int()));
}

std::string TwosComplementOfIntegralDouble(double value) {
  SignMagnitude number;
  number.negative = value < 0;
  int exponent = 0;
  double mantissa = std::frexp(std::fabs(value), &exponent);  // value = mantissa * 2^exponent
  uint64_t bits = static_cast<uint64_t>(std::ldexp(mantissa, 64));
  exponent -= 64;  // value = bits * 2^exponent
  if (exponent < 0) {
    bits = -exponent < 64 ? bits >> -exponent : 0;  // 0.0 gives exponent -64
    exponent = 0;
  }
  size_t shift_limbs = exponent / 32;
  int shift_bits = exponent % 32;
  number.limbs.assign(shift_limbs + 3, 0);
  unsigned __int128 shifted = static_cast<unsigned __int128>(bits) << shift_bits;
  for (int i = 0; i < 3; ++i) number.limbs[shift_limbs + i] = static_cast<uint32_t>(shifted >> (32 * i));
  TrimHighZeros(number.limbs);
  return ToTwosComplement(number);
}

absl::StatusOr<Value> IntFromDecimal(Heap& heap, std::string_view text, size_t max_digits) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  bool all_digits = !digits.empty();
  for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
  if (!all_digits) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid literal for int() with base 10: ", ReprStr(text.substr(0, 200))));
  }
  if (max_digits != 0 && digits.size() > max_digits) {
    return absl::InvalidArgumentError(absl::StrCat("Exceeds the limit (", max_digits,
                                                   " digits) for integer string conversion: value has ",
                                                   digits.size(), " digits; use sys.set_int_max_str_digits() to increase the limit"));
  }
  SignMagnitude number;
  number.negative = negative;
  number.limbs = limbs::DecimalToBinary(DecimalLimbsOf(digits));
  TrimHighZeros(number.limbs);
  if (number.limbs.empty()) number.negative = false;
  return ValueOf(heap, number);
}

absl::StatusOr<std::string> IntToDecimal(Value int_value, size_t max_digits) {
  if (int_value.kind() != Kind::kBigInt) {
    std::string text = std::to_string(int_value.as_int());
    size_t digit_count = text.size() - (text[0] == '-' ? 1 : 0);
    if (max_digits == 0 || digit_count <= max_digits) return text;
    return DigitLimitError(max_digits);
  }
  SignMagnitude number = SignMagnitudeOf(int_value);
  if (max_digits != 0 && FewestDigits(number.limbs) > max_digits) return DigitLimitError(max_digits);
  std::vector<uint32_t> decimal = limbs::BinaryToDecimal(number.limbs);
  size_t digit_count = decimal.empty() ? 1 : DigitCount(decimal.back()) + (decimal.size() - 1) * kDecimalLimbDigits;
  if (max_digits != 0 && digit_count > max_digits) return DigitLimitError(max_digits);
  std::string text;
  text.reserve(digit_count + 1);
  if (number.negative) text.push_back('-');
  if (decimal.empty()) return std::string("0");
  text += std::to_string(decimal.back());
  char chunk[kDecimalLimbDigits];
  for (size_t i = decimal.size() - 1; i-- > 0;) {
    uint32_t value = decimal[i];
    for (int d = kDecimalLimbDigits - 1; d >= 0; --d) {
      chunk[d] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    text.append(chunk, kDecimalLimbDigits);
  }
  return text;
}

absl::Status AppendIntDecimal(std::string& out, Value int_value, size_t max_digits) {
  constexpr size_t kMostInt64Digits = 19;
  if (int_value.kind() == Kind::kInt && (max_digits == 0 || max_digits >= kMostInt64Digits)) {
    absl::StrAppend(&out, int_value.as_int());
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> text = IntToDecimal(int_value, max_digits);
  if (!text.ok()) return text.status();
  out += *text;
  return absl::OkStatus();
}

int IntSign(Value int_value) {
  if (int_value.kind() == Kind::kBigInt) {
    return (static_cast<uint8_t>(int_value.as<BigInt>()->twos_complement_le.back()) & 0x80) ? -1 : 1;
  }
  int64_t value = int_value.as_int();
  return (value > 0) - (value < 0);
}

}  // namespace brine
