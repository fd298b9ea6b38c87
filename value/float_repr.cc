// repr() of floats: the shortest digits that round-trip (std::to_chars), laid
// out by CPython's rules for the 'r' format: positional when the decimal
// exponent is in [-4, 16), scientific with a signed two-digit exponent otherwise.
// The text is built in a stack buffer, so writers append it without a
// temporary string.
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "brine/value/repr.h"

namespace brine {
namespace {

// Enough for the longest repr, "-2.2250738585072014e-308" (24 bytes).
constexpr size_t kFloatReprCapacity = 32;

char* Copy(char* out, std::string_view text) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

char* Fill(char* out, size_t count, char c) {
  std::memset(out, c, count);
  return out + count;
}

// The shortest round-trip digits of |value| (finite), without the decimal
// point, and its decimal exponent (the power of ten of the first digit).
struct ShortestDigits {
  char digits[kFloatReprCapacity];
  int count = 0;
  int exponent = 0;
};

ShortestDigits DigitsOf(double magnitude) {
  char text[kFloatReprCapacity];  // "d[.ddd]e[+-]XX[X]"
  const char* end = std::to_chars(text, text + sizeof(text), magnitude, std::chars_format::scientific).ptr;
  const char* e = static_cast<const char*>(std::memchr(text, 'e', end - text));
  ShortestDigits result;
  result.digits[result.count++] = text[0];
  for (const char* p = text + 2; p < e; ++p) result.digits[result.count++] = *p;
  const bool negative = e[1] == '-';
  int exponent = 0;
  for (const char* p = e + 2; p < end; ++p) exponent = exponent * 10 + (*p - '0');
  result.exponent = negative ? -exponent : exponent;
  return result;
}

// Writes the repr of `value` at `out` (kFloatReprCapacity bytes); returns the end.
char* FormatFloat(double value, bool add_dot_zero, char* out) {
  if (std::isnan(value)) return Copy(out, "nan");
  if (std::isinf(value)) return Copy(out, value > 0 ? "inf" : "-inf");
  const ShortestDigits shortest = DigitsOf(std::fabs(value));
  const std::string_view digits(shortest.digits, shortest.count);
  const int digit_count = shortest.count;
  const int decimal_point = shortest.exponent + 1;  // digits before the decimal point
  if (std::signbit(value)) *out++ = '-';
  if (decimal_point > -4 && decimal_point <= 16) {
    if (decimal_point <= 0) {
      out = Copy(out, "0.");
      out = Fill(out, -decimal_point, '0');
      return Copy(out, digits);
    }
    if (decimal_point >= digit_count) {
      out = Copy(out, digits);
      out = Fill(out, decimal_point - digit_count, '0');
      return add_dot_zero ? Copy(out, ".0") : out;
    }
    out = Copy(out, digits.substr(0, decimal_point));
    *out++ = '.';
    return Copy(out, digits.substr(decimal_point));
  }
  *out++ = digits[0];
  if (digit_count > 1) {
    *out++ = '.';
    out = Copy(out, digits.substr(1));
  }
  out = Copy(out, shortest.exponent < 0 ? "e-" : "e+");
  const int magnitude = std::abs(shortest.exponent);
  if (magnitude < 10) *out++ = '0';
  return std::to_chars(out, out + 3, magnitude).ptr;
}

void AppendFloat(std::string& out, double value, bool add_dot_zero) {
  char text[kFloatReprCapacity];
  out.append(text, FormatFloat(value, add_dot_zero, text) - text);
}

}  // namespace

void AppendReprFloat(std::string& out, double value) { AppendFloat(out, value, true); }

std::string ReprFloat(double value) {
  std::string text;
  AppendFloat(text, value, true);
  return text;
}

std::string ReprFloatNoDotZero(double value) {
  std::string text;
  AppendFloat(text, value, false);
  return text;
}

}  // namespace brine
