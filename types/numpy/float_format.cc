// numpy's Dragon4-based float printing, from shortest round-trip digits
// (Python's repr for float64, value/float_repr.cc; std::to_chars for
// float32; the shortest of 1 to 5 digits that rounds back for float16) and
// correctly rounded printf digits where numpy cuts at a precision.
#include "brine/types/numpy/float_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "brine/types/numpy/half.h"
#include "brine/value/repr.h"

namespace brine::numpy {
namespace {

// value = 0.DIGITS x 10^point: `point` digits stand before the decimal point.
struct Digits {
  std::string digits = "0";
  int point = 1;
};

// How trailing zeros are trimmed (numpy's TrimMode).
enum class Trim {
  kKeep,          // 'k': keep them, pad to min_digits
  kDot,           // '.': trim them, keep the point: "1."
  kLeaveOneZero,  // '0': "1.0"
  kDropPoint,     // '-': "1"
};

// Digits of decimal text: "12.5", "0.001", "1.5e-05", "1e+16".
Digits ParseDecimal(std::string_view text) {
  const size_t e = text.find_first_of("eE");
  int exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view exponent_text = text.substr(e + 1);
    if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    text = text.substr(0, e);
  }
  Digits result;
  result.digits.clear();
  const size_t dot = text.find('.');
  result.point = static_cast<int>(dot == std::string_view::npos ? text.size() : dot) + exponent;
  for (char c : text) {
    if (c != '.') result.digits.push_back(c);
  }
  size_t leading = 0;
  while (leading < result.digits.size() && result.digits[leading] == '0') ++leading;
  result.digits.erase(0, leading);
  result.point -= static_cast<int>(leading);
  while (!result.digits.empty() && result.digits.back() == '0') result.digits.pop_back();
  if (result.digits.empty()) return Digits{};
  return result;
}

std::string Printf(const char* format, int precision, double value) {
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), format, precision, value);
  return buffer;
}

// Shortest digits of a finite |value| that read back as the same value of `width`.
Digits Shortest(double magnitude, FloatWidth width) {
  switch (width) {
    case FloatWidth::k64:
      return ParseDecimal(ReprFloat(magnitude));
    case FloatWidth::k32: {
      char buffer[64];
      auto result = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(magnitude),
                                  std::chars_format::scientific);
      return ParseDecimal(std::string_view(buffer, result.ptr - buffer));
    }
    case FloatWidth::k16:
      break;
  }
  const uint16_t bits = HalfBitsFromDouble(magnitude);
  for (int precision = 0; precision < 5; ++precision) {
    const std::string text = Printf("%.*e", precision, magnitude);
    if (HalfBitsFromDouble(std::strtod(text.c_str(), nullptr)) == bits) return ParseDecimal(text);
  }
  return ParseDecimal(Printf("%.*e", 5, magnitude));
}

int FractionLength(const Digits& d) {
  return std::max(0, static_cast<int>(d.digits.size()) - d.point);
}

std::string SignOf(double value, bool plus_sign) {
  if (std::signbit(value)) return "-";
  return plus_sign ? "+" : "";
}

std::string PadLeft(const std::string& text, int width) {
  return std::string(std::max(0, width - static_cast<int>(text.size())), ' ') + text;
}

void TrimFraction(std::string& fraction, Trim trim, int min_digits) {
  if (trim == Trim::kKeep) {
    if (static_cast<int>(fraction.size()) < min_digits)
      fraction.append(min_digits - fraction.size(), '0');
    return;
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
}

// "int.frac" with the point kept or dropped as `trim` says.
std::string JoinPoint(const std::string& integer, const std::string& fraction, Trim trim) {
  if (!fraction.empty()) return integer + "." + fraction;
  if (trim == Trim::kLeaveOneZero) return integer + ".0";
  if (trim == Trim::kDropPoint) return integer;
  return integer + ".";
}

// The arguments of numpy's dragon4_positional / dragon4_scientific.
struct Dragon4Spec {
  // Most digits after the point (positional) or after the first digit
  // (scientific); -1: no cut.
  int precision = -1;
  int min_digits = 0;
  Trim trim = Trim::kDot;
  bool plus_sign = false;
  int pad_left = 0;
  int pad_right = 0;   // positional only
  int exp_digits = 2;  // scientific only
};

std::string Positional(double value, FloatWidth width, const Dragon4Spec& spec) {
  const double magnitude = std::fabs(value);
  Digits d = Shortest(magnitude, width);
  if (spec.precision >= 0 && FractionLength(d) > spec.precision) {
    d = ParseDecimal(Printf("%.*f", spec.precision, magnitude));
  } else if (spec.precision >= 0 && d.point > static_cast<int>(d.digits.size())) {
    // With a precision, Dragon4 generates digits down to the units at
    // least: float16 -16736 prints as -16736., not as its shortest -16740.
    d = ParseDecimal(Printf("%.*f", 0, magnitude));
  }
  std::string integer;
  std::string fraction;
  const int length = static_cast<int>(d.digits.size());
  if (d.point <= 0) {
    integer = "0";
    fraction = std::string(-d.point, '0') + d.digits;
  } else if (d.point >= length) {
    integer = d.digits + std::string(d.point - length, '0');
  } else {
    integer = d.digits.substr(0, d.point);
    fraction = d.digits.substr(d.point);
  }
  if (d.digits == "0") fraction.clear();
  TrimFraction(fraction, spec.trim, spec.min_digits);
  std::string text = PadLeft(SignOf(value, spec.plus_sign) + integer, spec.pad_left);
  const int fraction_width = static_cast<int>(fraction.size());
  text = JoinPoint(text, fraction, spec.trim);
  if (spec.pad_right > fraction_width) text.append(spec.pad_right - fraction_width, ' ');
  return text;
}

std::string Scientific(double value, FloatWidth width, const Dragon4Spec& spec) {
  const double magnitude = std::fabs(value);
  Digits d = Shortest(magnitude, width);
  const int fraction_length = static_cast<int>(d.digits.size()) - 1;
  if (spec.precision >= 0 && fraction_length > spec.precision) {
    d = ParseDecimal(Printf("%.*e", spec.precision, magnitude));
  } else if (spec.min_digits > fraction_length) {
    // Digits past the shortest ones come from the exact value, rounded.
    d = ParseDecimal(Printf("%.*e", spec.min_digits, magnitude));
  }
  const int exponent = d.digits == "0" ? 0 : d.point - 1;
  std::string fraction = d.digits.substr(1);
  TrimFraction(fraction, spec.trim, spec.min_digits);
  std::string text = PadLeft(SignOf(value, spec.plus_sign) + d.digits.substr(0, 1), spec.pad_left);
  text = JoinPoint(text, fraction, spec.trim);
  std::string exponent_digits = std::to_string(std::abs(exponent));
  const int exp_digits = std::max(spec.exp_digits, 1);
  if (static_cast<int>(exponent_digits.size()) < exp_digits) {
    exponent_digits.insert(0, exp_digits - exponent_digits.size(), '0');
  }
  return text + (exponent < 0 ? "e-" : "e+") + exponent_digits;
}

// max_val / min_val as numpy computes it, in the values' own width.
double RatioInWidth(double max_value, double min_value, FloatWidth width) {
  const double ratio = max_value / min_value;
  switch (width) {
    case FloatWidth::k16:
      return HalfBitsToDouble(HalfBitsFromDouble(ratio));
    case FloatWidth::k32:
      return static_cast<float>(ratio);
    case FloatWidth::k64:
      break;
  }
  return ratio;
}

int MaxLength(const std::vector<std::string>& texts) {
  size_t longest = 0;
  for (const std::string& text : texts) longest = std::max(longest, text.size());
  return static_cast<int>(longest);
}

}  // namespace

FloatColumnFormat::FloatColumnFormat(std::span<const double> values, FloatWidth width,
                                     bool plus_sign)
    : width_(width), plus_sign_(plus_sign) {
  std::vector<double> finite;
  bool negative_infinity = false;
  for (double value : values) {
    if (std::isfinite(value)) finite.push_back(value);
    if (std::isinf(value) && value < 0) negative_infinity = true;
  }
  double max_value = 0;
  double min_value = INFINITY;
  for (double value : finite) {
    if (value == 0) continue;
    max_value = std::max(max_value, std::fabs(value));
    min_value = std::min(min_value, std::fabs(value));
  }
  if (max_value > 0 && (max_value >= 1e8 || min_value < 0.0001 ||
                        RatioInWidth(max_value, min_value, width) > 1000.)) {
    exp_format_ = true;
  }
  // fillFormat's first pass: the digits of each value, trimmed, unpadded.
  const Dragon4Spec first_pass{.precision = precision_, .plus_sign = plus_sign};
  if (finite.empty()) {
    pad_left_ = pad_right_ = 0;
  } else if (exp_format_) {
    std::vector<std::string> integers, fractions, exponents;
    for (double value : finite) {
      const std::string text = Scientific(value, width, first_pass);
      const size_t e = text.find('e');
      const size_t dot = text.find('.');
      integers.push_back(text.substr(0, dot));
      fractions.push_back(text.substr(dot + 1, e - dot - 1));
      exponents.push_back(text.substr(e + 1));
    }
    exp_size_ = MaxLength(exponents) - 1;
    keep_zeros_ = true;
    precision_ = min_digits_ = MaxLength(fractions);
    pad_left_ = MaxLength(integers);
    pad_right_ = exp_size_ + 2 + precision_;
  } else {
    std::vector<std::string> integers, fractions;
    for (double value : finite) {
      const std::string text = Positional(value, width, first_pass);
      const size_t dot = text.find('.');
      integers.push_back(text.substr(0, dot));
      fractions.push_back(text.substr(dot + 1));
    }
    pad_left_ = MaxLength(integers);
    pad_right_ = MaxLength(fractions);
  }
  if (finite.size() != values.size()) {
    const int offset = pad_right_ + 1;
    const int infinity_length = 3 + ((plus_sign || negative_infinity) ? 1 : 0);
    pad_left_ = std::max({pad_left_, 3 - offset, infinity_length - offset});
  }
}

std::string FloatColumnFormat::Format(double value) const {
  if (!std::isfinite(value)) {
    std::string text;
    if (std::isnan(value)) {
      text = plus_sign_ ? "+nan" : "nan";
    } else {
      text = value < 0 ? "-inf" : plus_sign_ ? "+inf" : "inf";
    }
    return PadLeft(text, pad_left_ + pad_right_ + 1);
  }
  if (exp_format_) {
    Dragon4Spec spec;
    spec.precision = precision_;
    spec.min_digits = min_digits_;
    spec.trim = keep_zeros_ ? Trim::kKeep : Trim::kDot;
    spec.plus_sign = plus_sign_;
    spec.pad_left = pad_left_;
    spec.exp_digits = exp_size_;
    return Scientific(value, width_, spec);
  }
  Dragon4Spec spec;
  spec.precision = precision_;
  spec.plus_sign = plus_sign_;
  spec.pad_left = pad_left_;
  spec.pad_right = pad_right_;
  return Positional(value, width_, spec);
}

std::string FloatScalarRepr(double value, FloatWidth width, bool drop_point_zero) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  const double magnitude = std::fabs(value);
  if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
    return Positional(value, width,
                      {.trim = drop_point_zero ? Trim::kDropPoint : Trim::kLeaveOneZero});
  }
  return Scientific(value, width, {.trim = Trim::kDropPoint});
}

}  // namespace brine::numpy
