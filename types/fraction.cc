// fractions.Fraction: text, repr, JSON, key, reduce and rebuild (see fraction.h).
#include "brine/types/fraction.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "brine/types/call_args.h"
#include "brine/types/rational_key.h"
#include "brine/value/bigint.h"

namespace brine {
namespace {

bool IsInt(Value value) { return value.kind() == Kind::kInt || value.kind() == Kind::kBigInt; }

// Every digit: a Fraction's text is exact, whatever its size.
std::string Digits(Value number) { return IntToDecimal(number, 0).value_or("?"); }

}  // namespace

std::string Fraction::text() const {
  if (denominator.kind() == Kind::kInt && denominator.as_int() == 1) return Digits(numerator);
  return absl::StrCat(Digits(numerator), "/", Digits(denominator));
}

// Fraction.__repr__: '%s(%s, %s)' % (class name, numerator, denominator).
void ReprNative(const Fraction& fraction, NativeText& out) {
  out.Text("Fraction(");
  out.Child(fraction.numerator);
  out.Text(", ");
  out.Child(fraction.denominator);
  out.Text(")");
}

void JsonNative(const Fraction& fraction, NativeText& out) {
  out.Text(absl::StrCat("\"", fraction.text(), "\""));
}

NativeHash HashNative(Heap& heap, const Fraction& fraction) {
  return RationalKey(heap, fraction.numerator, fraction.denominator);
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Fraction& fraction, int /*protocol*/) {
  const Value args[2] = {fraction.numerator, fraction.denominator};
  return ReduceTuple::Call(heap, "fractions", "Fraction", args);
}

namespace {

RebuildResult RebuildFraction(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || call.has_state || args.size() != 2 || !IsInt(args[0]) ||
      !IsInt(args[1]) || IntSign(args[1]) <= 0) {
    return std::nullopt;
  }
  return MakeBuiltinNative(heap, Fraction{args[0], args[1]});
}

}  // namespace

ReconstructorSet FractionsSet() {
  ReconstructorSet set{"fractions", "fractions.Fraction"};
  set.reconstructors = {{"fractions", "Fraction", RebuildFraction}};
  set.reducers = {ReducerFor<Fraction>()};
  return set;
}

}  // namespace brine
