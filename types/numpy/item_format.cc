// numpy's item formats (numpy/core/arrayprint.py) for each dtype kind.
#include "brine/types/numpy/item_format.h"

#include <algorithm>
#include <cinttypes>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/types/numpy/array.h"
#include "brine/types/numpy/float_format.h"
#include "brine/types/numpy/half.h"
#include "brine/value/repr.h"

namespace brine::numpy {
namespace {

template <typename T>
T ReadItem(const DType& dtype, const char* item) {
  T value;
  ReadSwapped(item, dtype.needs_byte_swap(), &value, sizeof(T));
  return value;
}

// An integer item of 1, 2, 4 or 8 bytes, widened to 64 bits.
template <typename T8, typename T16, typename T32, typename T64>
T64 SizedItem(const DType& dtype, const char* item) {
  switch (dtype.item_size) {
    case 1:
      return ReadItem<T8>(dtype, item);
    case 2:
      return ReadItem<T16>(dtype, item);
    case 4:
      return ReadItem<T32>(dtype, item);
    default:
      return ReadItem<T64>(dtype, item);
  }
}

FloatWidth WidthOf(int64_t item_size) {
  return item_size == 2 ? FloatWidth::k16 : item_size == 4 ? FloatWidth::k32 : FloatWidth::k64;
}

std::string PadTo(const std::string& text, size_t width) {
  return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

class BoolFormat : public ItemFormat {
 public:
  explicit BoolFormat(bool zero_d) : true_text_(zero_d ? "True" : " True") {}
  absl::StatusOr<std::string> Format(const char* item) const override {
    return *item != 0 ? true_text_ : std::string("False");
  }

 private:
  std::string true_text_;
};

// '%{width}d' of every item, width from the longest shown.
class IntegerFormat : public ItemFormat {
 public:
  IntegerFormat(const DType& dtype, std::span<const char* const> items) : dtype_(dtype) {
    for (const char* item : items) width_ = std::max(width_, Text(item).size());
  }
  absl::StatusOr<std::string> Format(const char* item) const override {
    return PadTo(Text(item), width_);
  }

 private:
  std::string Text(const char* item) const {
    return dtype_.kind == DTypeKind::kUInt ? absl::StrCat(UIntItem(dtype_, item))
                                           : absl::StrCat(IntItem(dtype_, item));
  }
  DType dtype_;
  size_t width_ = 0;
};

std::vector<double> FloatParts(const DType& part_dtype, std::span<const char* const> items,
                               size_t offset) {
  std::vector<double> values;
  for (const char* item : items) values.push_back(FloatItem(part_dtype, item + offset));
  return values;
}

class FloatFormat : public ItemFormat {
 public:
  FloatFormat(const DType& dtype, std::span<const char* const> items)
      : dtype_(dtype), column_(FloatParts(dtype, items, 0), WidthOf(dtype.item_size), false) {}
  absl::StatusOr<std::string> Format(const char* item) const override {
    return column_.Format(FloatItem(dtype_, item));
  }

 private:
  DType dtype_;
  FloatColumnFormat column_;
};

class ComplexFormat : public ItemFormat {
 public:
  ComplexFormat(const DType& dtype, std::span<const char* const> items)
      : part_(ComplexPart(dtype)),
        real_(FloatParts(part_, items, 0), WidthOf(part_.item_size), false),
        imag_(FloatParts(part_, items, part_.item_size), WidthOf(part_.item_size), true) {}
  absl::StatusOr<std::string> Format(const char* item) const override {
    std::string imag = imag_.Format(FloatItem(part_, item + part_.item_size));
    const size_t end = imag.find_last_not_of(' ') + 1;
    imag.insert(end, "j");
    return real_.Format(FloatItem(part_, item)) + imag;
  }

 private:
  DType part_;
  FloatColumnFormat real_;
  FloatColumnFormat imag_;
};

class BytesFormat : public ItemFormat {
 public:
  explicit BytesFormat(const DType& dtype) : dtype_(dtype) {}
  absl::StatusOr<std::string> Format(const char* item) const override {
    std::string_view bytes(item, dtype_.item_size);
    if (dtype_.kind == DTypeKind::kVoid) return ReprBytes(bytes);
    while (!bytes.empty() && bytes.back() == '\0') bytes.remove_suffix(1);
    return ReprBytes(bytes);
  }

 private:
  DType dtype_;
};

class TextFormat : public ItemFormat {
 public:
  explicit TextFormat(const DType& dtype) { array_.dtype = dtype; }
  absl::StatusOr<std::string> Format(const char* item) const override {
    NdArray one = array_;
    one.data = std::string_view(item, array_.dtype.item_size);
    absl::StatusOr<std::string> text = one.TextAt({});
    if (!text.ok()) return text.status();
    return ReprStr(*text);
  }

 private:
  NdArray array_;
};

// TimedeltaFormat and DatetimeFormat: the items' texts right-aligned,
// NaT as 'NaT'.
class TimeFormat : public ItemFormat {
 public:
  TimeFormat(const DType& dtype, std::span<const char* const> items) : dtype_(dtype) {
    bool any_nat = false;
    for (const char* item : items) {
      const int64_t count = IntItem(dtype, item);
      if (count == INT64_MIN) {
        any_nat = true;
      } else {
        width_ = std::max(width_, Text(count).size());
      }
    }
    if (any_nat) width_ = std::max<size_t>(width_, 5);
  }
  absl::StatusOr<std::string> Format(const char* item) const override {
    const int64_t count = IntItem(dtype_, item);
    return PadTo(count == INT64_MIN ? "'NaT'" : Text(count), width_);
  }

 private:
  std::string Text(int64_t count) const {
    if (dtype_.kind == DTypeKind::kTimedelta) return absl::StrCat(count);
    return absl::StrCat("'", DatetimeText(dtype_, count), "'");
  }
  DType dtype_;
  size_t width_ = 0;
};

class ObjectFormat : public ItemFormat {
 public:
  absl::StatusOr<std::string> Format(const char* item) const override {
    Value value;
    std::memcpy(&value, item, sizeof(Value));
    absl::StatusOr<std::string> text = Repr(value);
    if (!text.ok()) return text.status();
    if (value.kind() == Kind::kList) return absl::StrCat("list(", *text, ")");
    return text;
  }
};

// StructuredVoidFormat: one format per field, over that field's column.
class RecordFormat : public ItemFormat {
 public:
  static absl::StatusOr<std::unique_ptr<ItemFormat>> Make(const DType& dtype,
                                                          std::span<const char* const> items) {
    auto format = std::make_unique<RecordFormat>();
    for (const DTypeField& field : dtype.fields) {
      std::vector<const char*> column;
      for (const char* item : items) column.push_back(item + field.offset);
      absl::StatusOr<std::unique_ptr<ItemFormat>> field_format =
          MakeItemFormat(field.dtype, column, /*zero_d=*/false);
      if (!field_format.ok()) return field_format.status();
      format->fields_.emplace_back(field.offset, *std::move(field_format));
    }
    return format;
  }
  absl::StatusOr<std::string> Format(const char* item) const override {
    std::string text = "(";
    for (size_t i = 0; i < fields_.size(); ++i) {
      absl::StatusOr<std::string> field = fields_[i].second->Format(item + fields_[i].first);
      if (!field.ok()) return field.status();
      if (i > 0) text += ", ";
      text += *field;
    }
    return text + (fields_.size() == 1 ? ",)" : ")");
  }

 private:
  std::vector<std::pair<int64_t, std::unique_ptr<ItemFormat>>> fields_;
};

// Days since 1970-01-01 -> (year, month, day), proleptic Gregorian.
void CivilFromDays(int64_t days, int64_t& year, int& month, int& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string YearText(int64_t year) { return absl::StrFormat("%04d", year); }

std::string DateText(int64_t days) {
  int64_t year;
  int month, day;
  CivilFromDays(days, year, month, day);
  return absl::StrFormat("%s-%02d-%02d", YearText(year), month, day);
}

struct TimeUnit {
  std::string_view name;
  int64_t per_day;
  int fraction_digits;
};
constexpr TimeUnit kTimeUnits[] = {
    {"h", 24, -2},       {"m", 1440, -1},        {"s", 86400, 0},
    {"ms", 86400000, 3}, {"us", 86400000000, 6}, {"ns", 86400000000000, 9},
};

}  // namespace

DType ComplexPart(const DType& dtype) {
  DType part = dtype;
  part.kind = DTypeKind::kFloat;
  part.item_size = dtype.item_size / 2;
  return part;
}

double FloatItem(const DType& dtype, const char* item) {
  switch (dtype.item_size) {
    case 2:
      return HalfBitsToDouble(ReadItem<uint16_t>(dtype, item));
    case 4:
      return ReadItem<float>(dtype, item);
    default:
      return ReadItem<double>(dtype, item);
  }
}

int64_t IntItem(const DType& dtype, const char* item) {
  return SizedItem<int8_t, int16_t, int32_t, int64_t>(dtype, item);
}

uint64_t UIntItem(const DType& dtype, const char* item) {
  return SizedItem<uint8_t, uint16_t, uint32_t, uint64_t>(dtype, item);
}

std::string DatetimeText(const DType& dtype, int64_t count) {
  const std::string& unit = dtype.datetime_unit;
  const int64_t n = count * dtype.datetime_count;
  if (unit == "Y") return YearText(1970 + n);
  if (unit == "M") {
    return absl::StrFormat("%s-%02d", YearText(1970 + FloorDiv(n, 12)),
                           n - FloorDiv(n, 12) * 12 + 1);
  }
  if (unit == "W") return DateText(7 * n);
  if (unit == "D") return DateText(n);
  for (const TimeUnit& time_unit : kTimeUnits) {
    if (unit != time_unit.name) continue;
    const int64_t days = FloorDiv(n, time_unit.per_day);
    int64_t ticks = n - days * time_unit.per_day;  // since midnight
    int64_t per_second = 1;
    for (int i = 0; i < time_unit.fraction_digits; ++i) per_second *= 10;
    const int64_t ticks_per_hour = time_unit.per_day / 24;
    std::string text = absl::StrFormat("%sT%02d", DateText(days), ticks / ticks_per_hour);
    ticks %= ticks_per_hour;
    if (time_unit.fraction_digits == -2) return text;
    const int64_t ticks_per_minute = ticks_per_hour / 60;
    absl::StrAppendFormat(&text, ":%02d", ticks / ticks_per_minute);
    ticks %= ticks_per_minute;
    if (time_unit.fraction_digits == -1) return text;
    absl::StrAppendFormat(&text, ":%02d", ticks / per_second);
    if (time_unit.fraction_digits > 0) {
      absl::StrAppendFormat(&text, ".%0*d", time_unit.fraction_digits, ticks % per_second);
    }
    return text;
  }
  return absl::StrCat(count);  // units numpy rarely uses (ps, fs, as, generic)
}

absl::StatusOr<std::unique_ptr<ItemFormat>> MakeItemFormat(const DType& dtype,
                                                           std::span<const char* const> items,
                                                           bool zero_d) {
  if (dtype.is_structured()) return RecordFormat::Make(dtype, items);
  switch (dtype.kind) {
    case DTypeKind::kBool:
      return std::make_unique<BoolFormat>(zero_d);
    case DTypeKind::kInt:
    case DTypeKind::kUInt:
      return std::make_unique<IntegerFormat>(dtype, items);
    case DTypeKind::kFloat:
      return std::make_unique<FloatFormat>(dtype, items);
    case DTypeKind::kComplex:
      return std::make_unique<ComplexFormat>(dtype, items);
    case DTypeKind::kBytes:
    case DTypeKind::kVoid:
      return std::make_unique<BytesFormat>(dtype);
    case DTypeKind::kStr:
      return std::make_unique<TextFormat>(dtype);
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
      return std::make_unique<TimeFormat>(dtype, items);
    case DTypeKind::kObject:
      return std::make_unique<ObjectFormat>();
  }
  return absl::InvalidArgumentError("numpy dtype without a print format");
}

}  // namespace brine::numpy
