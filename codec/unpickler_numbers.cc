// Protocol 0 number texts read as CPython's C unpickler reads them (see
// unpickler_numbers.h).
#include "brine/codec/unpickler_numbers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <locale.h>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

locale_t CLocale() {
  static locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
  return c_locale;
}

// Py_ISSPACE, which is also isspace() in the C locale.
bool IsCSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The line as the C code sees it: a C string ends at its first NUL.
std::string_view UpToNul(std::string_view line) { return line.substr(0, line.find('\0')); }

// The value of `c` as a digit (letters count from 10), 37 for no digit.
int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 37;
}

absl::Status InvalidLiteral(int base, std::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("invalid literal for int() with base ", base, ": ", ReprBytes(text.substr(0, 200))));
}

// An int in `base` 2, 8 or 16 from its digits (most significant first).
Value IntFromPowerOfTwoDigits(Heap& heap, bool negative, int base, std::string_view digits) {
  int bits_per_digit = base == 2 ? 1 : base == 8 ? 3 : 4;
  std::string bytes;  // little-endian magnitude
  uint32_t pending = 0;
  int pending_bits = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    pending |= static_cast<uint32_t>(DigitValue(digits[i])) << pending_bits;
    pending_bits += bits_per_digit;
    while (pending_bits >= 8) {
      bytes.push_back(static_cast<char>(pending & 0xff));
      pending >>= 8;
      pending_bits -= 8;
    }
  }
  if (pending_bits > 0) bytes.push_back(static_cast<char>(pending));
  bytes.push_back('\0');  // room for the sign bit
  if (negative) {
    bool carry = true;
    for (char& byte : bytes) {
      uint32_t flipped = static_cast<uint8_t>(~static_cast<uint8_t>(byte)) + (carry ? 1u : 0u);
      carry = flipped > 0xff;
      byte = static_cast<char>(flipped & 0xff);
    }
  }
  return IntFromTwosComplement(heap, bytes);
}

// What PyLong_FromString reads from a text: sign, base, and the digits
// without underscores.
struct ScannedInt {
  bool negative = false;
  int base = 10;
  std::string digits;
};

// PyLong_FromString(text, NULL, base)'s syntax for base 0 or 10.
absl::StatusOr<ScannedInt> ScanPyLong(std::string_view line, int base, size_t max_digits) {
  const int given_base = base;
  std::string_view text = UpToNul(line);
  size_t i = 0;
  while (i < text.size() && IsCSpace(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  auto at = [&](size_t k) { return k < text.size() ? text[k] : '\0'; };
  bool error_if_nonzero = false;
  if (base == 0) {
    char prefix = at(i + 1);
    if (at(i) != '0') {
      base = 10;
    } else if (prefix == 'x' || prefix == 'X') {
      base = 16;
    } else if (prefix == 'o' || prefix == 'O') {
      base = 8;
    } else if (prefix == 'b' || prefix == 'B') {
      base = 2;
    } else {
      error_if_nonzero = true;  // C-style octal is refused, but zeros are zero
      base = 10;
    }
    if (base != 10) {
      i += 2;
      if (at(i) == '_') ++i;  // one underscore may follow the prefix
    }
  }
  if (at(i) == '_') return InvalidLiteral(given_base, text);
  std::string digits;
  char previous = '\0';
  while (i < text.size() && (DigitValue(text[i]) < base || text[i] == '_')) {
    if (text[i] == '_') {
      if (previous == '_') return InvalidLiteral(given_base, text);
    } else {
      digits.push_back(text[i]);
    }
    previous = text[i++];
  }
  if (previous == '_' || digits.empty()) return InvalidLiteral(given_base, text);
  if (base == 10 && max_digits != 0 && digits.size() > max_digits) {
    return absl::InvalidArgumentError(absl::StrCat("Exceeds the limit (", max_digits,
                                                   " digits) for integer string conversion: value has ",
                                                   digits.size(), " digits; use sys.set_int_max_str_digits() to increase the limit"));
  }
  while (i < text.size() && IsCSpace(text[i])) ++i;
  if (i != text.size()) return InvalidLiteral(given_base, text);
  if (error_if_nonzero && digits.find_first_not_of('0') != std::string::npos) {
    return InvalidLiteral(given_base, text);
  }
  return ScannedInt{negative, base, std::move(digits)};
}

// PyLong_FromString(text, NULL, base) for base 0 or 10.
absl::StatusOr<Value> PyLongFromString(Heap& heap, std::string_view line, int base, size_t max_digits) {
  absl::StatusOr<ScannedInt> scanned = ScanPyLong(line, base, max_digits);
  if (!scanned.ok()) return scanned.status();
  if (scanned->base != 10) return IntFromPowerOfTwoDigits(heap, scanned->negative, scanned->base, scanned->digits);
  if (scanned->negative) scanned->digits.insert(scanned->digits.begin(), '-');
  return IntFromDecimal(heap, scanned->digits);
}

}  // namespace

absl::StatusOr<Value> UnpicklerIntFromText(Heap& heap, std::string_view line, size_t max_digits) {
  if (line.empty()) return absl::InvalidArgumentError("pickle data was truncated");
  // strtol(line, &end, 0) first: it must read up to the newline or a NUL. A
  // line starting with NUL reads as 0 (strtol reads nothing, and stops there).
  std::string text(UpToNul(line));
  char* end = nullptr;
  errno = 0;
  long small = strtol_l(text.c_str(), &end, 0, CLocale());
  if (errno == 0 && end == text.c_str() + text.size()) {
    if (line.size() == 2 && (small == 0 || small == 1)) return Value::Bool(small == 1);
    return Value::Int(small);
  }
  absl::StatusOr<Value> value = PyLongFromString(heap, line, 0, max_digits);
  if (!value.ok() && !absl::StartsWith(value.status().message(), "Exceeds")) {
    return absl::InvalidArgumentError(absl::StrCat("could not convert string to int: ", ReprBytes(line.substr(0, 200))));
  }
  return value;
}

absl::StatusOr<Value> UnpicklerLongFromText(Heap& heap, std::string_view line, size_t max_digits) {
  return PyLongFromString(heap, line, 0, max_digits);
}

absl::StatusOr<int64_t> UnpicklerMemoKeyFromText(std::string_view line) {
  // Keys beyond int64 are refused anyway, so no digit limit applies.
  absl::StatusOr<ScannedInt> key = ScanPyLong(line, 10, 0);
  if (!key.ok()) return key.status();
  uint64_t magnitude = 0;
  const uint64_t limit = key->negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  for (char digit : key->digits) {
    uint64_t value = static_cast<uint64_t>(digit - '0');
    if (magnitude > (limit - value) / 10) {
      return absl::InvalidArgumentError("Python int too large to convert to C ssize_t");
    }
    magnitude = magnitude * 10 + value;
  }
  return key->negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

absl::StatusOr<double> UnpicklerFloatFromText(std::string_view line) {
  std::string_view text = UpToNul(line);
  std::string_view unsigned_text = text;
  bool negative = false;
  if (!unsigned_text.empty() && (unsigned_text[0] == '+' || unsigned_text[0] == '-')) {
    negative = unsigned_text[0] == '-';
    unsigned_text.remove_prefix(1);
  }
  auto equals_ignoring_case = [&](std::string_view lower) {
    if (unsigned_text.size() != lower.size()) return false;
    for (size_t i = 0; i < lower.size(); ++i) {
      char c = unsigned_text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (equals_ignoring_case("inf") || equals_ignoring_case("infinity")) return negative ? -HUGE_VAL : HUGE_VAL;
  if (equals_ignoring_case("nan")) return negative ? -std::nan("") : std::nan("");
  // digits[.digits][(e|E)[sign]digits] with at least one mantissa digit.
  size_t i = 0, mantissa_digits = 0;
  while (i < unsigned_text.size() && IsDigit(unsigned_text[i])) ++i, ++mantissa_digits;
  if (i < unsigned_text.size() && unsigned_text[i] == '.') {
    ++i;
    while (i < unsigned_text.size() && IsDigit(unsigned_text[i])) ++i, ++mantissa_digits;
  }
  bool valid = mantissa_digits > 0;
  if (valid && i < unsigned_text.size() && (unsigned_text[i] == 'e' || unsigned_text[i] == 'E')) {
    ++i;
    if (i < unsigned_text.size() && (unsigned_text[i] == '+' || unsigned_text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < unsigned_text.size() && IsDigit(unsigned_text[i])) ++i, ++exponent_digits;
    valid = exponent_digits > 0;
  }
  if (!valid || i != unsigned_text.size()) {
    return absl::InvalidArgumentError(absl::StrCat("could not convert string to float: ", ReprBytes(line.substr(0, 200))));
  }
  std::string copy(text);
  errno = 0;
  double value = strtod_l(copy.c_str(), nullptr, CLocale());
  if (errno == ERANGE && std::isinf(value)) {
    return absl::InvalidArgumentError(absl::StrCat("value too large to convert to float: ", ReprBytes(text)));
  }
  return value;
}

}  // namespace brine
