// The accessor words of each standard-library type (see standard_facts.h).
#include "brine/types/standard_facts.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "brine/registry/convert.h"
#include "brine/types/array.h"
#include "brine/types/builtin_types.h"
#include "brine/types/collections.h"
#include "brine/types/datetime.h"
#include "brine/types/decimal.h"
#include "brine/types/fraction.h"
#include "brine/types/pathlib.h"
#include "brine/types/pattern.h"
#include "brine/types/uuid.h"
#include "brine/value/bigint.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

std::string OffsetWord(Value tzinfo) {
  std::optional<TimeDelta> offset = UtcOffset(tzinfo);
  return absl::StrCat("offset_us=", offset ? absl::StrCat(offset->total_microseconds()) : "none");
}

std::string Facts(const Date& date) {
  return absl::StrCat("year=", date.year, " month=", date.month, " day=", date.day);
}

std::string Facts(const Time& time) {
  return absl::StrCat("hour=", time.hour, " minute=", time.minute, " second=", time.second,
                      " microsecond=", time.microsecond, " fold=", time.fold, " ",
                      OffsetWord(time.tzinfo));
}

std::string Facts(const DateTime& when) {
  return absl::StrCat("year=", when.year, " month=", when.month, " day=", when.day,
                      " hour=", when.hour, " minute=", when.minute, " second=", when.second,
                      " microsecond=", when.microsecond, " fold=", when.fold, " ",
                      OffsetWord(when.tzinfo));
}

std::string Facts(const TimeDelta& delta) {
  return absl::StrCat("days=", delta.days, " seconds=", delta.seconds,
                      " microseconds=", delta.microseconds);
}

std::string Facts(const TimeZone& zone) {
  return absl::StrCat("offset_us=", zone.offset.total_microseconds());
}

std::string Digits(Value number) { return IntToDecimal(number).value_or("?"); }

std::string Facts(const Decimal& decimal) { return absl::StrCat("text=", decimal.text()); }

std::string Facts(const Fraction& fraction) {
  return absl::StrCat("numerator=", Digits(fraction.numerator),
                      " denominator=", Digits(fraction.denominator));
}

std::string Facts(const Uuid& uuid) {
  return absl::StrCat("bytes=", absl::BytesToHexString(absl::string_view(
                                    reinterpret_cast<const char*>(uuid.bytes.data()), 16)));
}

std::string SizeOf(Value dict) { return absl::StrCat("size=", dict.as<Dict>()->items.size()); }
std::string Facts(const OrderedDict& dict) { return SizeOf(dict.items); }
std::string Facts(const DefaultDict& dict) { return SizeOf(dict.items); }
std::string Facts(const Counter& counter) { return SizeOf(counter.items); }

std::string Facts(const Deque& deque) {
  return absl::StrCat("size=", deque.items.as<List>()->items.size(), " maxlen=",
                      deque.maxlen ? absl::StrCat(*deque.maxlen) : "None");
}

std::string Facts(const Range& range) {
  return absl::StrCat("start=", Digits(range.start), " stop=", Digits(range.stop),
                      " step=", Digits(range.step));
}

std::string Facts(const PurePath& path) { return absl::StrCat("text=", absl::Base64Escape(path.text())); }

std::string Facts(const Pattern& pattern) { return absl::StrCat("flags=", pattern.flags); }

std::string Facts(const Array& array) {
  return absl::StrCat("typecode=", std::string(1, array.typecode), " size=", array.size(),
                      " itemsize=", Array::ItemSize(array.typecode));
}

// Slices and namespaces have no accessor beyond their Values.
std::string Facts(const Slice&) { return ""; }
std::string Facts(const SimpleNamespace&) { return ""; }

// Facts(*NativeAs<T>(value)) for the first T that `value` holds.
template <typename T, typename... Rest>
std::optional<std::string> FactsOfAny(Value value) {
  if (const T* object = NativeAs<T>(value)) return Facts(*object);
  if constexpr (sizeof...(Rest) > 0) {
    return FactsOfAny<Rest...>(value);
  } else {
    return std::nullopt;
  }
}

}  // namespace

std::string StandardFacts(Value value) {
  std::optional<std::string> facts = FactsOfAny<Date, Time, DateTime, TimeDelta, TimeZone, Decimal, Fraction, Uuid, OrderedDict, DefaultDict,
                 Deque, Counter, Range, Slice, SimpleNamespace, PurePath, Pattern, Array>(value);
  return facts ? *facts : absl::StrCat("not rebuilt: ", ToAbsl(KindName(value.kind())));
}

}  // namespace brine
