// The "datetime" set: datetime.date, time, datetime, timedelta and timezone
// as C++ values, printed as CPython prints them, written back as CPython
// pickles them (the packed-bytes state of date/time/datetime, with `fold`
// at protocol 4 and up), and read from Python 2 pickles too (the state as a
// str when loaded with encoding='latin1', or as bytes).
//
//   const brine::DateTime* when = brine::NativeAs<brine::DateTime>(value);
//   std::optional<brine::TimeDelta> offset = brine::UtcOffset(when->tzinfo);
//
// JSON: ISO 8601 text, as isoformat() writes it ("2024-03-01T12:30:45.123456+01:00"),
// a timedelta as an ISO 8601 duration ("-P1DT2H3M4.5S", sign in front), a
// timezone as its offset ("+01:00"). A time or datetime whose tzinfo is not
// a datetime.timezone is {"$datetime": "<naive text>", "tzinfo": ...}
// ("$time" for a time).
#ifndef BRINE_TYPES_DATETIME_H_
#define BRINE_TYPES_DATETIME_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

// datetime.timedelta, normalized as Python keeps it: 0 <= seconds < 86400,
// 0 <= microseconds < 1000000, days in [-999999999, 999999999].
struct TimeDelta {
  int64_t days = 0;
  int32_t seconds = 0;
  int32_t microseconds = 0;

  // The whole delta in microseconds; fits int64 for |days| below 106751
  // (a UTC offset always does).
  int64_t total_microseconds() const {
    return (days * 86400 + seconds) * 1000000 + microseconds;
  }
  friend bool operator==(const TimeDelta&, const TimeDelta&) = default;
};

// datetime.timezone: a fixed offset (strictly within a day) and an optional name.
struct TimeZone {
  TimeDelta offset;
  std::optional<std::string> name;  // UTF-8

  // timezone.utc, which CPython prints by that name.
  bool is_utc() const { return offset == TimeDelta{} && !name.has_value(); }
};

struct Date {
  int year = 1;  // 1 to 9999
  int month = 1;
  int day = 1;
};

struct Time {
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
  Value tzinfo;  // None (naive), a Native TimeZone, or any other tzinfo object
  int fold = 0;
};

struct DateTime {
  int year = 1;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
  Value tzinfo;  // None (naive), a Native TimeZone, or any other tzinfo object
  int fold = 0;
};

// The UTC offset `tzinfo` gives: its offset when it is a datetime.timezone
// (a Native TimeZone); nullopt when it is None or another tzinfo class.
std::optional<TimeDelta> UtcOffset(Value tzinfo);

void ReprNative(const TimeDelta& delta, NativeText& out);
void JsonNative(const TimeDelta& delta, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const TimeDelta& delta, int protocol);
void ReprNative(const TimeZone& zone, NativeText& out);
void JsonNative(const TimeZone& zone, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const TimeZone& zone, int protocol);
void ReprNative(const Date& date, NativeText& out);
void JsonNative(const Date& date, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Date& date, int protocol);
void ReprNative(const Time& time, NativeText& out);
void JsonNative(const Time& time, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Time& time, int protocol);
void ReprNative(const DateTime& when, NativeText& out);
void JsonNative(const DateTime& when, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DateTime& when, int protocol);

// As keys, by value as Python compares them: a timedelta by its total, a
// timezone by its offset (its name aside), a date by its day (never equal to
// a datetime), a naive time or datetime by its fields (fold aside), an aware
// one whose tzinfo is a datetime.timezone by the UTC instant it stands for
// (an aware value never equals a naive one); a time or datetime whose tzinfo
// is another class goes by identity.
NativeHash HashNative(Heap& heap, const TimeDelta& delta);
NativeHash HashNative(Heap& heap, const TimeZone& zone);
NativeHash HashNative(Heap& heap, const Date& date);
NativeHash HashNative(Heap& heap, const Time& time);
NativeHash HashNative(Heap& heap, const DateTime& when);

ReconstructorSet DatetimeSet();

}  // namespace brine

#endif  // BRINE_TYPES_DATETIME_H_
