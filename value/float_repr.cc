// repr() of floats: the shortest digits that round-trip (std::to_chars), laid
// out by CPython's rules for the 'r' format: positional when the decimal
// exponent is in [-4, 16), scientific with a signed two-digit exponent otherwise.
#include <charconv>
#include <cmath>
#include <string>

#include "brine/value/repr.h"

namespace brine {
namespace {

std::string FormatFloat(double value, bool add_dot_zero) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(value), std::chars_format::scientific);
  std::string_view text(buffer, end - buffer);  // "d[.ddd]e[+-]XX"
  size_t e_pos = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e_pos))
    if (c != '.') digits.push_back(c);
  int exponent = 0;
  std::from_chars(text.data() + e_pos + (text[e_pos + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
  int decimal_point = exponent + 1;  // digits before the decimal point
  int digit_count = static_cast<int>(digits.size());

  std::string result = std::signbit(value) ? "-" : "";
  if (decimal_point > -4 && decimal_point <= 16) {
    if (decimal_point <= 0) {
      result += "0.";
      result.append(-decimal_point, '0');
      result += digits;
    } else if (decimal_point >= digit_count) {
      result += digits;
      result.append(decimal_point - digit_count, '0');
      if (add_dot_zero) result += ".0";
    } else {
      result += digits.substr(0, decimal_point);
      result += '.';
      result += digits.substr(decimal_point);
    }
    return result;
  }
  result += digits[0];
  if (digit_count > 1) {
    result += '.';
    result += digits.substr(1);
  }
  result += exponent < 0 ? "e-" : "e+";
  int magnitude = std::abs(exponent);
  if (magnitude < 10) result += '0';
  result += std::to_string(magnitude);
  return result;
}

}  // namespace

std::string ReprFloat(double value) { return FormatFloat(value, true); }

std::string ReprFloatNoDotZero(double value) { return FormatFloat(value, false); }

}  // namespace brine
