// The datetime types' repr, JSON, keys and reduce (see datetime.h); the rebuild
// functions are in datetime_set.cc.
#include "brine/types/datetime.h"

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/registry/convert.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

constexpr int64_t kMicrosecondsPerSecond = 1000000;

// "+01:00", "-05:30:15", "+00:00:00.000001": utcoffset as isoformat writes it.
std::string OffsetText(const TimeDelta& offset) {
  int64_t total = offset.total_microseconds();
  const char sign = total < 0 ? '-' : '+';
  total = std::llabs(total);
  const int64_t microseconds = total % kMicrosecondsPerSecond;
  const int64_t seconds = total / kMicrosecondsPerSecond;
  std::string text = absl::StrFormat("%c%02d:%02d", sign, seconds / 3600, seconds / 60 % 60);
  if (microseconds != 0) {
    absl::StrAppendFormat(&text, ":%02d.%06d", seconds % 60, microseconds);
  } else if (seconds % 60 != 0) {
    absl::StrAppendFormat(&text, ":%02d", seconds % 60);
  }
  return text;
}

std::string ClockText(int hour, int minute, int second, int microsecond) {
  std::string text = absl::StrFormat("%02d:%02d:%02d", hour, minute, second);
  if (microsecond != 0) absl::StrAppendFormat(&text, ".%06d", microsecond);
  return text;
}

std::string DateText(int year, int month, int day) {
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

// The seconds a time or datetime repr prints after the minute: ", S, US"
// when there are microseconds, ", S" when there are seconds, else nothing.
std::string SecondsArguments(int second, int microsecond) {
  if (microsecond != 0) return absl::StrCat(", ", second, ", ", microsecond);
  if (second != 0) return absl::StrCat(", ", second);
  return "";
}

// The keyword arguments closing a repr: CPython's time_repr prints
// ", tzinfo=REPR" then ", fold=1"; datetime_repr prints fold first.
void Keywords(Value tzinfo, int fold, bool fold_first, NativeText& out) {
  const std::string fold_text = fold != 0 ? absl::StrCat(", fold=", fold) : "";
  if (fold_first) out.Text(fold_text);
  if (!tzinfo.is_none()) {
    out.Text(", tzinfo=");
    out.Child(tzinfo);
  }
  if (!fold_first) out.Text(fold_text);
  out.Text(")");
}

// JSON for a time or datetime: ISO text with the offset of a timezone, or
// {"$kind": "<naive text>", "tzinfo": ...} for another tzinfo.
void ZonedJson(std::string_view kind, const std::string& naive, Value tzinfo, NativeText& out) {
  if (tzinfo.is_none()) {
    out.Text(absl::StrCat("\"", naive, "\""));
    return;
  }
  if (std::optional<TimeDelta> offset = UtcOffset(tzinfo)) {
    out.Text(absl::StrCat("\"", naive, OffsetText(*offset), "\""));
    return;
  }
  out.Text(absl::StrCat("{\"$", ToAbsl(kind), "\":\"", naive, "\",\"tzinfo\":"));
  out.Child(tzinfo);
  out.Text("}");
}

// The (bytes,) or (bytes, tzinfo) arguments of a time or datetime.
std::vector<Value> StateArgs(Heap& heap, const std::string& state, Value tzinfo) {
  std::vector<Value> args = {heap.NewBytes(state)};
  if (!tzinfo.is_none()) args.push_back(tzinfo);
  return args;
}

void AppendMicroseconds(std::string& state, int microsecond) {
  state.push_back(static_cast<char>(microsecond >> 16));
  state.push_back(static_cast<char>((microsecond >> 8) & 0xFF));
  state.push_back(static_cast<char>(microsecond & 0xFF));
}

}  // namespace

std::optional<TimeDelta> UtcOffset(Value tzinfo) {
  const TimeZone* zone = NativeAs<TimeZone>(tzinfo);
  if (zone == nullptr) return std::nullopt;
  return zone->offset;
}

// ---- timedelta ----

void ReprNative(const TimeDelta& delta, NativeText& out) {
  std::string text = "datetime.timedelta(";
  const char* separator = "";
  if (delta.days != 0) {
    absl::StrAppend(&text, "days=", delta.days);
    separator = ", ";
  }
  if (delta.seconds != 0) {
    absl::StrAppend(&text, separator, "seconds=", delta.seconds);
    separator = ", ";
  }
  if (delta.microseconds != 0) absl::StrAppend(&text, separator, "microseconds=", delta.microseconds);
  if (delta == TimeDelta{}) text += "0";
  out.Text(text + ")");
}

// An ISO 8601 duration of the absolute value, signed in front: "-P1DT2H3M4.5S", "PT0S".
void JsonNative(const TimeDelta& delta, NativeText& out) {
  // |days| < 10**9, so the total needs more than 64 bits.
  const __int128 total =
      (static_cast<__int128>(delta.days) * 86400 + delta.seconds) * kMicrosecondsPerSecond +
      delta.microseconds;
  const unsigned __int128 magnitude = total < 0 ? -total : total;
  const uint64_t microseconds = static_cast<uint64_t>(magnitude % kMicrosecondsPerSecond);
  const uint64_t seconds = static_cast<uint64_t>(magnitude / kMicrosecondsPerSecond);
  const uint64_t days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
  std::string text = total < 0 ? "\"-P" : "\"P";
  if (days != 0) absl::StrAppend(&text, days, "D");
  if (seconds % 86400 != 0 || microseconds != 0 || days == 0) {
    text += "T";
    if (hours != 0) absl::StrAppend(&text, hours, "H");
    if (minutes != 0) absl::StrAppend(&text, minutes, "M");
    if (seconds % 60 != 0 || microseconds != 0 || magnitude == 0) {
      absl::StrAppend(&text, seconds % 60);
      if (microseconds != 0) {
        std::string fraction = absl::StrFormat("%06d", microseconds);
        fraction.erase(fraction.find_last_not_of('0') + 1);
        absl::StrAppend(&text, ".", fraction);
      }
      text += "S";
    }
  }
  out.Text(text + "\"");
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const TimeDelta& delta, int /*protocol*/) {
  const Value args[3] = {Value::Int(delta.days), Value::Int(delta.seconds),
                         Value::Int(delta.microseconds)};
  return ReduceTuple::Call(heap, "datetime", "timedelta", args);
}

// ---- timezone ----

void ReprNative(const TimeZone& zone, NativeText& out) {
  if (zone.is_utc()) {
    out.Text("datetime.timezone.utc");
    return;
  }
  out.Text("datetime.timezone(");
  ReprNative(zone.offset, out);
  if (zone.name) out.Text(absl::StrCat(", ", ReprStr(*zone.name)));
  out.Text(")");
}

void JsonNative(const TimeZone& zone, NativeText& out) {
  out.Text(absl::StrCat("\"", OffsetText(zone.offset), "\""));
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const TimeZone& zone, int /*protocol*/) {
  std::vector<Value> args = {MakeBuiltinNative(heap, zone.offset)};
  if (zone.name) args.push_back(heap.NewStr(*zone.name));
  return ReduceTuple::Call(heap, "datetime", "timezone", args);
}

// ---- date ----

void ReprNative(const Date& date, NativeText& out) {
  out.Text(absl::StrCat("datetime.date(", date.year, ", ", date.month, ", ", date.day, ")"));
}

void JsonNative(const Date& date, NativeText& out) {
  out.Text(absl::StrCat("\"", DateText(date.year, date.month, date.day), "\""));
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Date& date, int /*protocol*/) {
  const char state[4] = {static_cast<char>(date.year >> 8), static_cast<char>(date.year & 0xFF),
                         static_cast<char>(date.month), static_cast<char>(date.day)};
  const Value args[1] = {heap.NewBytes(std::string_view(state, 4))};
  return ReduceTuple::Call(heap, "datetime", "date", args);
}

// ---- time ----

void ReprNative(const Time& time, NativeText& out) {
  out.Text(absl::StrCat("datetime.time(", time.hour, ", ", time.minute,
                        SecondsArguments(time.second, time.microsecond)));
  Keywords(time.tzinfo, time.fold, /*fold_first=*/false, out);
}

void JsonNative(const Time& time, NativeText& out) {
  ZonedJson("time", ClockText(time.hour, time.minute, time.second, time.microsecond), time.tzinfo,
            out);
}

// time.__reduce_ex__: the hour byte carries fold (+128) from protocol 4 on.
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Time& time, int protocol) {
  std::string state;
  state.push_back(static_cast<char>(time.hour + (time.fold != 0 && protocol > 3 ? 128 : 0)));
  state.push_back(static_cast<char>(time.minute));
  state.push_back(static_cast<char>(time.second));
  AppendMicroseconds(state, time.microsecond);
  return ReduceTuple::Call(heap, "datetime", "time", StateArgs(heap, state, time.tzinfo));
}

// ---- datetime ----

void ReprNative(const DateTime& when, NativeText& out) {
  out.Text(absl::StrCat("datetime.datetime(", when.year, ", ", when.month, ", ", when.day, ", ",
                        when.hour, ", ", when.minute,
                        SecondsArguments(when.second, when.microsecond)));
  Keywords(when.tzinfo, when.fold, /*fold_first=*/true, out);
}

void JsonNative(const DateTime& when, NativeText& out) {
  ZonedJson("datetime",
            absl::StrCat(DateText(when.year, when.month, when.day), "T",
                         ClockText(when.hour, when.minute, when.second, when.microsecond)),
            when.tzinfo, out);
}

// datetime.__reduce_ex__: the month byte carries fold (+128) from protocol 4 on.
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DateTime& when, int protocol) {
  std::string state;
  state.push_back(static_cast<char>(when.year >> 8));
  state.push_back(static_cast<char>(when.year & 0xFF));
  state.push_back(static_cast<char>(when.month + (when.fold != 0 && protocol > 3 ? 128 : 0)));
  state.push_back(static_cast<char>(when.day));
  state.push_back(static_cast<char>(when.hour));
  state.push_back(static_cast<char>(when.minute));
  state.push_back(static_cast<char>(when.second));
  AppendMicroseconds(state, when.microsecond);
  return ReduceTuple::Call(heap, "datetime", "datetime", StateArgs(heap, state, when.tzinfo));
}

// ---- as keys ----

namespace {

const KeyTag kTimeDeltaKey;
const KeyTag kTimeZoneKey;
const KeyTag kDateKey;
const KeyTag kNaiveTimeKey;
const KeyTag kAwareTimeKey;
const KeyTag kNaiveDateTimeKey;
const KeyTag kAwareDateTimeKey;

constexpr int64_t kMicrosecondsPerDay = int64_t{86400} * 1000000;

// Days from 0001-01-01 (the proleptic Gregorian calendar date.toordinal()
// counts from) to year-month-day.
int64_t DaysBefore(int year, int month, int day) {
  static constexpr int kDaysBeforeMonth[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int64_t y = year - 1;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return y * 365 + y / 4 - y / 100 + y / 400 + kDaysBeforeMonth[month] + (leap && month > 2 ? 1 : 0) + day - 1;
}

int64_t MicrosecondsOfDay(int hour, int minute, int second, int microsecond) {
  return ((hour * int64_t{60} + minute) * 60 + second) * 1000000 + microsecond;
}

// The key of a time or datetime that is `microseconds` from its day's (or
// the calendar's) start: naive, aware through a datetime.timezone, or by
// identity for another tzinfo.
NativeHash ClockKey(Heap& heap, int64_t microseconds, Value tzinfo, const KeyTag& naive, const KeyTag& aware) {
  if (tzinfo.is_none()) return HashedAs(heap, naive, {Value::Int(microseconds)});
  std::optional<TimeDelta> offset = UtcOffset(tzinfo);
  if (!offset) return NativeHash{};
  return HashedAs(heap, aware, {Value::Int(microseconds - offset->total_microseconds())});
}

}  // namespace

NativeHash HashNative(Heap& heap, const TimeDelta& delta) {
  return HashedAs(heap, kTimeDeltaKey,
                  {Value::Int(delta.days), Value::Int(int64_t{delta.seconds} * 1000000 + delta.microseconds)});
}

NativeHash HashNative(Heap& heap, const TimeZone& zone) {
  return HashedAs(heap, kTimeZoneKey, {Value::Int(zone.offset.total_microseconds())});
}

NativeHash HashNative(Heap& heap, const Date& date) {
  return HashedAs(heap, kDateKey, {Value::Int(DaysBefore(date.year, date.month, date.day))});
}

NativeHash HashNative(Heap& heap, const Time& time) {
  return ClockKey(heap, MicrosecondsOfDay(time.hour, time.minute, time.second, time.microsecond), time.tzinfo,
                  kNaiveTimeKey, kAwareTimeKey);
}

NativeHash HashNative(Heap& heap, const DateTime& when) {
  const int64_t microseconds = DaysBefore(when.year, when.month, when.day) * kMicrosecondsPerDay +
                               MicrosecondsOfDay(when.hour, when.minute, when.second, when.microsecond);
  return ClockKey(heap, microseconds, when.tzinfo, kNaiveDateTimeKey, kAwareDateTimeKey);
}

}  // namespace brine
