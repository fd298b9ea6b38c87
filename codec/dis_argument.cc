// ReadDisArgument (see dis_argument.h): pickletools' argument readers, one per
// argument encoding (opcodes.h), and repr() of what they return.
#include "brine/codec/dis_argument.h"

#include <cmath>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/codec/text_codecs.h"
#include "brine/codec/unpickler_numbers.h"
#include "brine/value/bigint.h"
#include "brine/value/heap.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Python's int(text) for a bytes argument, base 10: surrounding whitespace, a
// sign, and single underscores between digits are allowed. Returns the
// canonical decimal text.
absl::StatusOr<std::string> PythonIntFromText(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsAsciiSpace(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  if (i < text.size() && IsDigit(text[i])) {
    while (i < text.size()) {
      if (IsDigit(text[i])) {
        digits += text[i++];
      } else if (text[i] == '_' && i + 1 < text.size() && IsDigit(text[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
  }
  while (i < text.size() && IsAsciiSpace(text[i])) ++i;
  if (digits.empty() || i != text.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid literal for int() with base 10: ", ReprBytes(text)));
  }
  if (digits.size() > kDefaultMaxIntDigits) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use "
        "sys.set_int_max_str_digits() to increase the limit",
        kDefaultMaxIntDigits, digits.size()));
  }
  size_t first_significant = digits.find_first_not_of('0');
  if (first_significant == std::string::npos) return std::string("0");
  digits.erase(0, first_significant);
  return negative ? "-" + digits : digits;
}

// Python's float(text) for a bytes argument (pickletools' read_floatnl):
// PyOS_string_to_double, as pickle.loads uses it, after dropping surrounding
// whitespace and the underscores allowed between digits; a literal too large
// for a double is an infinity, not an error.
absl::StatusOr<double> PythonFloatFromText(std::string_view text) {
  auto refuse = [&] {
    return absl::InvalidArgumentError(absl::StrCat("could not convert string to float: ", ReprBytes(text)));
  };
  std::string_view trimmed = text;
  while (!trimmed.empty() && IsAsciiSpace(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && IsAsciiSpace(trimmed.back())) trimmed.remove_suffix(1);
  if (trimmed.find('\0') != std::string_view::npos) return refuse();
  std::string literal;
  char previous = '\0';
  for (char c : trimmed) {
    if (c == '_' ? !IsDigit(previous) : previous == '_' && !IsDigit(c)) return refuse();
    if (c != '_') literal.push_back(c);
    previous = c;
  }
  if (previous == '_') return refuse();
  absl::StatusOr<double> value = UnpicklerFloatFromText(literal);
  if (value.ok()) return value;
  if (!absl::StartsWith(value.status().message(), "value too large")) return refuse();
  return literal.front() == '-' ? -HUGE_VAL : HUGE_VAL;
}

// codecs.escape_decode(text)[0].decode("ascii"): pickletools' read_stringnl.
absl::StatusOr<std::string> EscapedAsciiText(std::string_view text) {
  absl::StatusOr<ConvertedText> bytes = UnescapeBytesLiteral(text);
  if (!bytes.ok()) return bytes.status();
  std::string_view result = bytes->same_as_input ? text : std::string_view(bytes->text);
  for (size_t i = 0; i < result.size(); ++i) {
    uint8_t byte = static_cast<uint8_t>(result[i]);
    if (byte >= 0x80) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", byte, i));
    }
  }
  return std::string(result);
}

// pickletools' read_stringnl and read_stringnl_noescape_pair: each line
// unescaped as ASCII text, a two-line argument joined by a space.
absl::Status ReadEscapedAsciiLines(const Instruction& instruction, DisArgument& argument) {
  absl::StatusOr<std::string> text = EscapedAsciiText(instruction.arg.text);
  if (!text.ok()) return text.status();
  if (ArgumentOf(instruction.info->arg).layout.width > 1) {
    absl::StatusOr<std::string> second = EscapedAsciiText(instruction.arg.text2);
    if (!second.ok()) return second.status();
    absl::StrAppend(&*text, " ", *second);
  }
  argument.repr = ReprStr(*text);
  return absl::OkStatus();
}

// Fills `argument` from `instruction` as its encoding says; errors carry no
// position yet.
absl::Status Read(const Instruction& instruction, DisArgument& argument) {
  const OpcodeArg& arg = instruction.arg;
  switch (ArgumentOf(instruction.info->arg).encoding) {
    case ArgEncoding::kNone:
      argument.present = false;
      return absl::OkStatus();
    case ArgEncoding::kInteger:
      argument.repr = absl::StrCat(arg.integer);
      argument.memo_key = argument.repr;
      return absl::OkStatus();
    case ArgEncoding::kUnsigned64:
      argument.repr = absl::StrCat(arg.unsigned_integer);
      return absl::OkStatus();
    case ArgEncoding::kDecimalOrBool:
      if (arg.text == "00" || arg.text == "01") {
        argument.repr = arg.text == "01" ? "True" : "False";
        argument.memo_key = arg.text == "01" ? "1" : "0";
        return absl::OkStatus();
      }
      [[fallthrough]];
    case ArgEncoding::kDecimalLong: {
      absl::StatusOr<std::string> decimal = PythonIntFromText(arg.text);
      if (!decimal.ok()) return decimal.status();
      argument.repr = *decimal;
      argument.memo_key = *decimal;
      return absl::OkStatus();
    }
    case ArgEncoding::kDecimalFloat: {
      absl::StatusOr<double> value = PythonFloatFromText(arg.text);
      if (!value.ok()) return value.status();
      argument.repr = ReprFloat(*value);
      return absl::OkStatus();
    }
    case ArgEncoding::kFloat64:
      argument.repr = ReprFloat(arg.floating);
      return absl::OkStatus();
    case ArgEncoding::kQuotedBytesLiteral:
    case ArgEncoding::kEscapedAscii:
      return ReadEscapedAsciiLines(instruction, argument);
    case ArgEncoding::kLatin1:
      argument.repr = ReprStr(Latin1ToUtf8(arg.text));
      return absl::OkStatus();
    case ArgEncoding::kBytes:
      argument.repr = ReprBytes(arg.text);
      return absl::OkStatus();
    case ArgEncoding::kByteArray:
      argument.repr = ReprByteArray(arg.text);
      return absl::OkStatus();
    case ArgEncoding::kRawUnicodeEscape: {
      absl::StatusOr<ConvertedText> text = DecodeRawUnicodeEscape(arg.text);
      if (!text.ok()) return text.status();
      argument.repr = ReprStr(text->same_as_input ? arg.text : std::string_view(text->text));
      return absl::OkStatus();
    }
    case ArgEncoding::kUtf8: {
      absl::Status valid = ValidateUtf8(arg.text, /*allow_surrogates=*/true);
      if (!valid.ok()) return valid;
      argument.repr = ReprStr(arg.text);
      return absl::OkStatus();
    }
    case ArgEncoding::kTwosComplement: {
      Heap heap;
      absl::StatusOr<std::string> decimal = IntToDecimal(IntFromTwosComplement(heap, arg.text), kDefaultMaxIntDigits);
      if (decimal.ok()) {
        argument.repr = *decimal;
      } else {
        argument.repr_status = decimal.status();
      }
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unhandled argument encoding");
}

}  // namespace

absl::StatusOr<DisArgument> ReadDisArgument(const Instruction& instruction) {
  DisArgument argument;
  argument.present = true;
  absl::Status status = Read(instruction, argument);
  if (!status.ok()) return OpcodeError(*instruction.info, instruction.offset, FromAbsl(status.message()));
  if (!argument.repr_status.ok()) {
    argument.repr_status =
        OpcodeError(*instruction.info, instruction.offset, FromAbsl(argument.repr_status.message()));
  }
  return argument;
}

}  // namespace brine
