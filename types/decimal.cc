// decimal.Decimal: parsing Decimal()'s texts, str() (the spec's
// to-sci-string), repr, JSON, key, reduce and rebuild (see decimal.h).
#include "brine/types/decimal.h"

#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "brine/types/call_args.h"
#include "brine/types/rational_key.h"
#include "brine/value/bigint.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// Exponents past this are refused (CPython's own limit is 999999999999999999).
constexpr int64_t kMaxExponent = int64_t{1} << 60;

std::string WithoutUnderscores(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string StripLeadingZeros(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(digits.substr(first));
}

// "NaN123" / "sNaN" (case-insensitive) after the sign.
std::optional<Decimal> ParseNaN(std::string_view body, bool negative) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(body));
  Decimal decimal;
  decimal.negative = negative;
  std::string_view payload;
  if (absl::StartsWith(lower, "snan")) {
    decimal.form = Decimal::Form::kSignalingNaN;
    payload = body.substr(4);
  } else if (absl::StartsWith(lower, "nan")) {
    decimal.form = Decimal::Form::kNaN;
    payload = body.substr(3);
  } else {
    return std::nullopt;
  }
  if (!AllDigits(payload)) return std::nullopt;
  decimal.digits = payload.empty() ? "" : StripLeadingZeros(payload);
  if (decimal.digits == "0") decimal.digits = "";
  return decimal;
}

std::optional<Decimal> ParseFinite(std::string_view body, bool negative) {
  Decimal decimal;
  decimal.negative = negative;
  const size_t e = body.find_first_of("eE");
  std::string_view mantissa = body.substr(0, e);
  int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view exponent_text = body.substr(e + 1);
    std::string_view unsigned_text = exponent_text;
    if (!unsigned_text.empty() && (unsigned_text[0] == '+' || unsigned_text[0] == '-')) {
      unsigned_text.remove_prefix(1);
    }
    if (unsigned_text.empty() || !AllDigits(unsigned_text) || unsigned_text.size() > 18 ||
        !absl::SimpleAtoi(ToAbsl(exponent_text), &exponent)) {
      return std::nullopt;
    }
  }
  const size_t dot = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
  if ((whole.empty() && fraction.empty()) || !AllDigits(whole) || !AllDigits(fraction)) {
    return std::nullopt;
  }
  decimal.digits = StripLeadingZeros(absl::StrCat(ToAbsl(whole), ToAbsl(fraction)));
  decimal.exponent = exponent - static_cast<int64_t>(fraction.size());
  if (decimal.exponent > kMaxExponent || decimal.exponent < -kMaxExponent) return std::nullopt;
  return decimal;
}

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::string cleaned = WithoutUnderscores(FromAbsl(absl::StripAsciiWhitespace(ToAbsl(text))));
  std::string_view body = cleaned;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  const std::string lower = absl::AsciiStrToLower(ToAbsl(body));
  if (lower == "inf" || lower == "infinity") {
    Decimal decimal;
    decimal.form = Form::kInfinity;
    decimal.negative = negative;
    return decimal;
  }
  if (absl::StrContains(lower, "nan")) return ParseNaN(body, negative);
  return ParseFinite(body, negative);
}

// The General Decimal Arithmetic spec's to-sci-string, as _pydecimal's __str__.
std::string Decimal::text() const {
  const std::string sign = negative ? "-" : "";
  switch (form) {
    case Form::kInfinity: return sign + "Infinity";
    case Form::kNaN: return sign + "NaN" + digits;
    case Form::kSignalingNaN: return sign + "sNaN" + digits;
    case Form::kFinite: break;
  }
  const int64_t length = static_cast<int64_t>(digits.size());
  const int64_t left_digits = exponent + length;
  const int64_t dot_place = exponent <= 0 && left_digits > -6 ? left_digits : 1;
  std::string integer_part, fraction_part;
  if (dot_place <= 0) {
    integer_part = "0";
    fraction_part = absl::StrCat(".", std::string(-dot_place, '0'), digits);
  } else if (dot_place >= length) {
    integer_part = digits + std::string(dot_place - length, '0');
  } else {
    integer_part = digits.substr(0, dot_place);
    fraction_part = absl::StrCat(".", digits.substr(dot_place));
  }
  std::string exponent_part;
  if (left_digits != dot_place) {
    const int64_t shown = left_digits - dot_place;
    exponent_part = absl::StrCat("E", shown >= 0 ? "+" : "", shown);
  }
  return sign + integer_part + fraction_part + exponent_part;
}

void ReprNative(const Decimal& decimal, NativeText& out) {
  out.Text(absl::StrCat("Decimal('", decimal.text(), "')"));
}

void JsonNative(const Decimal& decimal, NativeText& out) {
  out.Text(absl::StrCat("\"", decimal.text(), "\""));
}

namespace {

const KeyTag kDecimalKey;

// The widest Decimal keyed as a number: whole ones of up to this many digits
// (CPython's int digit limit), others with up to 18 significant digits (an
// int64) over up to 10**38 (an unsigned __int128).
constexpr size_t kMaxWholeDigits = kDefaultMaxIntDigits;
constexpr size_t kMaxFractionDigits = 18;
constexpr int64_t kMaxFractionPlaces = 38;

// A finite, nonzero Decimal as a number key; nullopt when it is wider than
// the limits above. `digits` has no trailing zeros.
std::optional<NativeHash> NumberKey(Heap& heap, bool negative, std::string_view digits, int64_t exponent) {
  if (exponent >= 0) {
    if (digits.size() + static_cast<uint64_t>(exponent) > kMaxWholeDigits) return std::nullopt;
    const std::string text = absl::StrCat(negative ? "-" : "", ToAbsl(digits), std::string(exponent, '0'));
    absl::StatusOr<Value> whole = IntFromDecimal(heap, text);
    if (!whole.ok()) return std::nullopt;
    return HashedAs(*whole);
  }
  if (digits.size() > kMaxFractionDigits || -exponent > kMaxFractionPlaces) return std::nullopt;
  int64_t numerator = 0;
  if (!absl::SimpleAtoi(ToAbsl(digits), &numerator)) return std::nullopt;
  // digits / 10**places: 10 divides no more, so only 2s or only 5s cancel.
  int64_t twos = -exponent;
  int64_t fives = -exponent;
  for (; fives > 0 && numerator % 5 == 0; --fives) numerator /= 5;
  for (; twos > 0 && numerator % 2 == 0; --twos) numerator /= 2;
  unsigned __int128 denominator = 1;
  for (int64_t i = 0; i < twos; ++i) denominator *= 2;
  for (int64_t i = 0; i < fives; ++i) denominator *= 5;
  return RationalKey(heap, Value::Int(negative ? -numerator : numerator), IntFromUnsigned128(heap, denominator));
}

}  // namespace

NativeHash HashNative(Heap& heap, const Decimal& decimal) {
  switch (decimal.form) {
    case Decimal::Form::kSignalingNaN: return Unhashable("Cannot hash a signaling NaN value");
    case Decimal::Form::kNaN: return NativeHash{};  // object.__hash__, as CPython 3.10 and up
    case Decimal::Form::kInfinity:
      return HashedAs(Value::Float(decimal.negative ? -HUGE_VAL : HUGE_VAL));
    case Decimal::Form::kFinite: break;
  }
  if (decimal.digits == "0") return HashedAs(Value::Int(0));
  std::string_view digits = decimal.digits;
  int64_t exponent = decimal.exponent;
  for (; digits.back() == '0'; ++exponent) digits.remove_suffix(1);
  if (std::optional<NativeHash> number = NumberKey(heap, decimal.negative, digits, exponent)) return *number;
  return HashedAs(heap, kDecimalKey, {Value::Bool(decimal.negative), heap.NewStr(digits), Value::Int(exponent)});
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Decimal& decimal, int /*protocol*/) {
  const Value args[1] = {heap.NewStr(decimal.text())};
  return ReduceTuple::Call(heap, "decimal", "Decimal", args);
}

namespace {

// decimal.Decimal(text), as Decimal.__reduce__ writes it.
RebuildResult RebuildDecimal(Heap& heap, const Reconstruction& call) {
  if (!IsPlainCall(call) || call.has_state || CallArgs(call).size() != 1) return std::nullopt;
  std::optional<std::string_view> text = StrText(CallArgs(call)[0]);
  if (!text) return std::nullopt;
  std::optional<Decimal> decimal = Decimal::Parse(*text);
  if (!decimal) return std::nullopt;
  return MakeBuiltinNative(heap, *std::move(decimal));
}

}  // namespace

ReconstructorSet DecimalSet() {
  ReconstructorSet set{"decimal", "decimal.Decimal"};
  set.reconstructors = {{"decimal", "Decimal", RebuildDecimal}};
  set.reducers = {ReducerFor<Decimal>()};
  return set;
}

}  // namespace brine
