// numpy's array repr: _array_repr_implementation, array2string,
// _formatArray and _extendLine of numpy/core/arrayprint.py, with the
// default print options.
#include "brine/types/numpy/array_repr.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brine/types/numpy/float_format.h"
#include "brine/types/numpy/item_format.h"

namespace brine::numpy {
namespace {

constexpr size_t kLineWidth = 75;
constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdgeItems = 3;
constexpr std::string_view kSeparator = ", ";

// len() of UTF-8 text in code points.
size_t TextLength(std::string_view text) {
  size_t length = 0;
  for (char c : text) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return length;
}

std::string RightStrip(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

const char* ItemPointer(const NdArray& array, int64_t offset) {
  if (array.dtype.kind == DTypeKind::kObject) {
    return reinterpret_cast<const char*>(&array.objects[offset / 8]);
  }
  return array.data.data() + offset;
}

class Printer {
 public:
  Printer(const NdArray& array, bool summarize) : array_(array), summarize_(summarize) {}

  // The indices shown along `axis`: all, or the first and last kEdgeItems.
  std::vector<int64_t> ShownIndices(size_t axis) const {
    const int64_t extent = array_.shape[axis];
    std::vector<int64_t> shown;
    for (int64_t i = 0; i < extent; ++i) {
      if (!summarize_ || extent <= 2 * kEdgeItems || i < kEdgeItems || i >= extent - kEdgeItems) {
        shown.push_back(i);
      }
    }
    return shown;
  }

  // Every item shown, in C order (what _leading_trailing keeps).
  std::vector<const char*> ShownItems() const {
    std::vector<std::vector<int64_t>> per_axis;
    for (size_t axis = 0; axis < array_.ndim(); ++axis) per_axis.push_back(ShownIndices(axis));
    std::vector<const char*> items;
    for (const std::vector<int64_t>& shown : per_axis) {
      if (shown.empty()) return items;
    }
    std::vector<size_t> position(array_.ndim(), 0);
    while (true) {
      int64_t offset = 0;
      for (size_t axis = 0; axis < array_.ndim(); ++axis) {
        offset += per_axis[axis][position[axis]] * array_.strides[axis];
      }
      items.push_back(ItemPointer(array_, offset));
      size_t axis = array_.ndim();
      while (axis > 0 && ++position[axis - 1] == per_axis[axis - 1].size()) position[--axis] = 0;
      if (axis == 0) return items;
    }
  }

  absl::Status Prepare() {
    std::vector<const char*> items = ShownItems();
    absl::StatusOr<std::unique_ptr<ItemFormat>> format =
        MakeItemFormat(array_.dtype, items, array_.ndim() == 0);
    if (!format.ok()) return format.status();
    format_ = *std::move(format);
    return absl::OkStatus();
  }

  // _formatArray's recurser for the sub-array at `offset` starting at `axis`.
  // The depth is the number of dimensions, at most kMaxDims.
  absl::StatusOr<std::string> Format(size_t axis, int64_t offset, const std::string& hanging_indent,
                                     size_t width) const {
    if (axis == array_.ndim()) return format_->Format(ItemPointer(array_, offset));
    const std::string next_indent = hanging_indent + " ";
    const size_t next_width = width - 1;
    const int64_t extent = array_.shape[axis];
    const bool show_summary = summarize_ && 2 * kEdgeItems < extent;
    std::vector<int64_t> leading, trailing;
    for (int64_t i : ShownIndices(axis))
      (show_summary && i >= kEdgeItems ? trailing : leading).push_back(i);
    std::string s;
    const size_t axes_left = array_.ndim() - axis;
    if (axes_left == 1) {
      const size_t element_width = width - 1;  // max(len(','), len(']'))
      std::string line = hanging_indent;
      auto extend = [&](const std::string& word) {
        if (TextLength(line) + TextLength(word) > element_width &&
            TextLength(line) > TextLength(hanging_indent)) {
          s += RightStrip(line) + "\n";
          line = hanging_indent;
        }
        line += word;
      };
      std::vector<int64_t> all = leading;
      all.insert(all.end(), trailing.begin(), trailing.end());
      for (size_t k = 0; k < all.size(); ++k) {
        if (show_summary && k == leading.size()) {
          extend("...");
          line += kSeparator;
        }
        absl::StatusOr<std::string> word =
            Format(axis + 1, offset + all[k] * array_.strides[axis], next_indent, next_width);
        if (!word.ok()) return word.status();
        extend(*word);
        if (k + 1 < all.size()) line += kSeparator;
      }
      s += line;
    } else {
      const std::string line_separator = "," + std::string(axes_left - 1, '\n');
      std::vector<int64_t> all = leading;
      all.insert(all.end(), trailing.begin(), trailing.end());
      for (size_t k = 0; k < all.size(); ++k) {
        if (show_summary && k == leading.size()) s += hanging_indent + "..." + line_separator;
        absl::StatusOr<std::string> nested =
            Format(axis + 1, offset + all[k] * array_.strides[axis], next_indent, next_width);
        if (!nested.ok()) return nested.status();
        s += hanging_indent + *nested;
        if (k + 1 < all.size()) s += line_separator;
      }
    }
    return "[" + s.substr(hanging_indent.size()) + "]";
  }

 private:
  const NdArray& array_;
  bool summarize_;
  std::unique_ptr<ItemFormat> format_;
};

// dtype_is_implied: the types numpy's repr leaves out (int64, float64,
// complex128, bool) unless the array is empty.
bool DTypeIsImplied(const DType& dtype) {
  if (dtype.is_structured()) return false;
  switch (dtype.kind) {
    case DTypeKind::kBool:
      return true;
    case DTypeKind::kInt:
    case DTypeKind::kFloat:
      return dtype.item_size == 8;
    case DTypeKind::kComplex:
      return dtype.item_size == 16;
    default:
      return false;
  }
}

std::string ShapeRepr(const std::vector<int64_t>& shape) {
  if (shape.size() == 1) return absl::StrCat("(", shape[0], ",)");
  return absl::StrCat("(", absl::StrJoin(shape, ", "), ")");
}

absl::StatusOr<std::string> ScalarRepr(const NdArray& scalar);

}  // namespace

absl::StatusOr<std::string> ArrayRepr(const NdArray& array) {
  if (array.is_scalar) return ScalarRepr(array);
  const bool skip_dtype = DTypeIsImplied(array.dtype) && array.size() > 0;
  const std::string prefix = "array(";
  const std::string suffix = skip_dtype ? ")" : ",";
  std::string body;
  if (array.size() > 0) {
    Printer printer(array, array.size() > kThreshold);
    absl::Status status = printer.Prepare();
    if (!status.ok()) return status;
    absl::StatusOr<std::string> text =
        printer.Format(0, 0, std::string(1 + prefix.size(), ' '), kLineWidth - suffix.size());
    if (!text.ok()) return text.status();
    body = *std::move(text);
  } else if (array.shape.size() == 1) {
    body = "[]";
  } else {
    body = absl::StrCat("[], shape=", ShapeRepr(array.shape));
  }
  std::string text = prefix + body + suffix;
  if (skip_dtype) return text;
  const std::string dtype_text = absl::StrCat("dtype=", array.dtype.ReprInArray(), ")");
  const size_t last_line = TextLength(std::string_view(text).substr(text.rfind('\n') + 1));
  const std::string spacer =
      last_line + dtype_text.size() + 1 > kLineWidth ? "\n" + std::string(prefix.size(), ' ') : " ";
  return text + spacer + dtype_text;
}

namespace {

std::string ComplexScalarRepr(double real, double imag, FloatWidth width) {
  if (real == 0 && !std::signbit(real)) return FloatScalarRepr(imag, width, true) + "j";
  std::string imag_text = FloatScalarRepr(imag, width, true);
  if (imag_text[0] != '-') imag_text = "+" + imag_text;
  return absl::StrCat("(", FloatScalarRepr(real, width, true), imag_text, "j)");
}

absl::StatusOr<std::string> ScalarRepr(const NdArray& scalar) {
  const DType& dtype = scalar.dtype;
  const char* item = ItemPointer(scalar, 0);
  const int64_t part_size =
      dtype.kind == DTypeKind::kComplex ? dtype.item_size / 2 : dtype.item_size;
  const FloatWidth width = part_size == 2   ? FloatWidth::k16
                           : part_size == 4 ? FloatWidth::k32
                                            : FloatWidth::k64;
  switch (dtype.kind) {
    case DTypeKind::kFloat:
      return FloatScalarRepr(FloatItem(dtype, item), width);
    case DTypeKind::kComplex: {
      const DType part = ComplexPart(dtype);
      return ComplexScalarRepr(FloatItem(part, item), FloatItem(part, item + part.item_size),
                               width);
    }
    case DTypeKind::kDatetime: {
      const int64_t count = IntItem(dtype, item);
      if (count == INT64_MIN) return std::string("numpy.datetime64('NaT')");
      return absl::StrCat("numpy.datetime64('", DatetimeText(dtype, count), "')");
    }
    case DTypeKind::kTimedelta: {
      const int64_t count = IntItem(dtype, item);
      const std::string unit = dtype.datetime_count == 1
                                   ? dtype.datetime_unit
                                   : absl::StrCat(dtype.datetime_count, dtype.datetime_unit);
      if (count == INT64_MIN) return absl::StrCat("numpy.timedelta64('NaT','", unit, "')");
      return absl::StrCat("numpy.timedelta64(", count, ",'", unit, "')");
    }
    default: {
      std::vector<const char*> items = {item};
      absl::StatusOr<std::unique_ptr<ItemFormat>> format = MakeItemFormat(dtype, items, true);
      if (!format.ok()) return format.status();
      return (*format)->Format(item);
    }
  }
}

}  // namespace

}  // namespace brine::numpy
