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
  if (text.empty()) return out;  // an empty view may have no data (memcpy of null is undefined)
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

char* Fill(char* out, size_t count, char c) {
  std::memset(out, c, count);
  return out + count;
}

// The shortest round-trip digits of a finite magnitude as std::to_chars
// writes them in scientific form, "d[.ddd]e[+-]XX[X]": the first digit, the
// others, and the decimal exponent (the power of ten of the first digit).
struct ShortestDigits {
  char text[kFloatReprCapacity];
  char first;
  std::string_view rest;
  int exponent;

  explicit ShortestDigits(double magnitude) {
    const char* end = std::to_chars(text, text + sizeof(text), magnitude, std::chars_format::scientific).ptr;
    const char* e = end - 1;
    while (*e != 'e') --e;
    first = text[0];
    rest = e > text + 1 ? std::string_view(text + 2, e - (text + 2)) : std::string_view();
    exponent = 0;
    for (const char* p = e + 2; p < end; ++p) exponent = exponent * 10 + (*p - '0');
    if (e[1] == '-') exponent = -exponent;
  }
};

// Writes the repr of `value` at `out` (kFloatReprCapacity bytes); returns the end.
char* FormatFloat(double value, bool add_dot_zero, char* out) {
  if (std::isnan(value)) return Copy(out, "nan");
  if (std::isinf(value)) return Copy(out, value > 0 ? "inf" : "-inf");
  const ShortestDigits digits(std::fabs(value));
  const int digit_count = 1 + static_cast<int>(digits.rest.size());
  const int decimal_point = digits.exponent + 1;  // digits before the decimal point
  if (std::signbit(value)) *out++ = '-';
  if (decimal_point > -4 && decimal_point <= 16) {
    if (decimal_point <= 0) {
      out = Copy(out, "0.");
      out = Fill(out, -decimal_point, '0');
      *out++ = digits.first;
      return Copy(out, digits.rest);
    }
    *out++ = digits.first;
    if (decimal_point >= digit_count) {
      out = Copy(out, digits.rest);
      out = Fill(out, decimal_point - digit_count, '0');
      return add_dot_zero ? Copy(out, ".0") : out;
    }
    out = Copy(out, digits.rest.substr(0, decimal_point - 1));
    *out++ = '.';
    return Copy(out, digits.rest.substr(decimal_point - 1));
  }
  *out++ = digits.first;
  if (!digits.rest.empty()) {
    *out++ = '.';
    out = Copy(out, digits.rest);
  }
  out = Copy(out, digits.exponent < 0 ? "e-" : "e+");
  const int magnitude = std::abs(digits.exponent);
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
