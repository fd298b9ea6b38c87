// The accessor words of each standard-library type (see standard_facts.h).
#include "brine/types/standard_facts.h"

#include "absl/strings/str_cat.h"
#include "brine/registry/convert.h"
#include "brine/types/datetime.h"
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
  std::optional<std::string> facts = FactsOfAny<Date, Time, DateTime, TimeDelta, TimeZone>(value);
  return facts ? *facts : absl::StrCat("not rebuilt: ", ToAbsl(KindName(value.kind())));
}

}  // namespace brine
