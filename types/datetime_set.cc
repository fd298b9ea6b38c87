// The "datetime" set's rebuild functions (see datetime.h): the packed-bytes
// states CPython's date, time and datetime pickle (bytes, or a Python 2 str
// loaded with encoding='latin1'), timedelta's (days, seconds, microseconds)
// and timezone's (offset[, name]).
#include <cstdint>
#include <string>

#include "brine/types/call_args.h"
#include "brine/types/datetime.h"

namespace brine {
namespace {

constexpr int64_t kMaxDays = 999999999;

bool IsLeapYear(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool ValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

bool ValidClock(int hour, int minute, int second, int microsecond) {
  return hour < 24 && minute < 60 && second < 60 && microsecond < 1000000;
}

int Byte(const std::string& state, size_t index) { return static_cast<uint8_t>(state[index]); }

int Microseconds(const std::string& state, size_t first) {
  return (Byte(state, first) << 16) | (Byte(state, first + 1) << 8) | Byte(state, first + 2);
}

// The packed state of a call `cls(state[, tzinfo])` of `size` bytes, with
// its tzinfo (None when absent); nullopt for any other form.
std::optional<std::pair<std::string, Value>> PackedState(const Reconstruction& call, size_t size,
                                                         bool takes_tzinfo) {
  if (!IsPlainCall(call) || call.has_state) return std::nullopt;
  std::span<const Value> args = CallArgs(call);
  if (args.empty() || args.size() > (takes_tzinfo ? 2u : 1u)) return std::nullopt;
  std::optional<std::string> state = BytesOrLatin1Str(args[0]);
  if (!state || state->size() != size) return std::nullopt;
  return std::make_pair(*std::move(state), args.size() == 2 ? args[1] : Value());
}

RebuildResult RebuildDate(Heap& heap, const Reconstruction& call) {
  auto packed = PackedState(call, 4, /*takes_tzinfo=*/false);
  if (!packed) return std::nullopt;
  const std::string& state = packed->first;
  Date date{(Byte(state, 0) << 8) | Byte(state, 1), Byte(state, 2), Byte(state, 3)};
  if (!ValidDate(date.year, date.month, date.day)) return std::nullopt;
  return MakeBuiltinNative(heap, date);
}

RebuildResult RebuildTime(Heap& heap, const Reconstruction& call) {
  auto packed = PackedState(call, 6, /*takes_tzinfo=*/true);
  if (!packed) return std::nullopt;
  const std::string& state = packed->first;
  Time time{Byte(state, 0) & 0x7F, Byte(state, 1), Byte(state, 2), Microseconds(state, 3),
            packed->second, Byte(state, 0) >> 7};
  if (!ValidClock(time.hour, time.minute, time.second, time.microsecond)) return std::nullopt;
  return MakeBuiltinNative(heap, time);
}

RebuildResult RebuildDateTime(Heap& heap, const Reconstruction& call) {
  auto packed = PackedState(call, 10, /*takes_tzinfo=*/true);
  if (!packed) return std::nullopt;
  const std::string& state = packed->first;
  DateTime when{(Byte(state, 0) << 8) | Byte(state, 1),
                Byte(state, 2) & 0x7F,
                Byte(state, 3),
                Byte(state, 4),
                Byte(state, 5),
                Byte(state, 6),
                Microseconds(state, 7),
                packed->second,
                Byte(state, 2) >> 7};
  if (!ValidDate(when.year, when.month, when.day) ||
      !ValidClock(when.hour, when.minute, when.second, when.microsecond)) {
    return std::nullopt;
  }
  return MakeBuiltinNative(heap, when);
}

// timedelta(days, seconds, microseconds), normalized as Python normalizes it.
RebuildResult RebuildTimeDelta(Heap& heap, const Reconstruction& call) {
  if (!IsPlainCall(call) || call.has_state) return std::nullopt;
  std::span<const Value> args = CallArgs(call);
  if (args.size() > 3) return std::nullopt;
  int64_t parts[3] = {0, 0, 0};
  for (size_t i = 0; i < args.size(); ++i) {
    std::optional<int64_t> part = SmallInt(args[i]);
    if (!part || *part < -kMaxDays * 86400 || *part > kMaxDays * 86400) return std::nullopt;
    parts[i] = *part;
  }
  auto floor_div = [](int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); };
  int64_t microseconds = parts[2];
  int64_t seconds = parts[1] + floor_div(microseconds, 1000000);
  microseconds -= floor_div(microseconds, 1000000) * 1000000;
  int64_t days = parts[0] + floor_div(seconds, 86400);
  seconds -= floor_div(seconds, 86400) * 86400;
  if (days < -kMaxDays || days > kMaxDays) return std::nullopt;
  return MakeBuiltinNative(heap, TimeDelta{days, static_cast<int32_t>(seconds),
                                           static_cast<int32_t>(microseconds)});
}

// timezone(offset[, name]): offset a rebuilt timedelta strictly within a day.
RebuildResult RebuildTimeZone(Heap& heap, const Reconstruction& call) {
  if (!IsPlainCall(call) || call.has_state) return std::nullopt;
  std::span<const Value> args = CallArgs(call);
  if (args.empty() || args.size() > 2) return std::nullopt;
  const TimeDelta* offset = NativeAs<TimeDelta>(args[0]);
  if (offset == nullptr) return std::nullopt;
  const int64_t day = int64_t{86400} * 1000000;
  if (offset->days < -1 || offset->days > 0 || offset->total_microseconds() <= -day) {
    return std::nullopt;
  }
  TimeZone zone{*offset, std::nullopt};
  if (args.size() == 2) {
    std::optional<std::string_view> name = StrText(args[1]);
    if (!name) return std::nullopt;
    zone.name = std::string(*name);
  }
  return MakeBuiltinNative(heap, std::move(zone));
}

}  // namespace

ReconstructorSet DatetimeSet() {
  ReconstructorSet set{"datetime", "datetime.date, time, datetime, timedelta, timezone"};
  set.reconstructors = {
      {"datetime", "date", RebuildDate},
      {"datetime", "time", RebuildTime},
      {"datetime", "datetime", RebuildDateTime},
      {"datetime", "timedelta", RebuildTimeDelta},
      {"datetime", "timezone", RebuildTimeZone},
  };
  set.reducers = {ReducerFor<TimeDelta>(), ReducerFor<TimeZone>(), ReducerFor<Date>(),
                  ReducerFor<Time>(), ReducerFor<DateTime>()};
  return set;
}

}  // namespace brine
