// numpy dtype names and construction texts, after numpy/core/_dtype.py.
#include "brine/types/numpy/dtype.h"

#include <bit>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brine/value/repr.h"

namespace brine::numpy {
namespace {

constexpr ByteOrder kNativeOrder =
    std::endian::native == std::endian::little ? ByteOrder::kLittle : ByteOrder::kBig;

bool HasByteOrder(DTypeKind kind, int64_t item_size) {
  switch (kind) {
    case DTypeKind::kBytes:
    case DTypeKind::kVoid:
    case DTypeKind::kObject:
    case DTypeKind::kBool:
      return false;
    case DTypeKind::kStr:
      return true;
    default:
      return item_size > 1;
  }
}

// The byte-order prefix _byte_order_str gives: '<', '>' or nothing.
std::string OrderPrefix(const DType& dtype) {
  if (dtype.byte_order == ByteOrder::kNotApplicable) return "";
  return std::string(1, static_cast<char>(dtype.byte_order));
}

// "[ms]", "[10s]", or "" for a generic unit (_datetime_metadata_str).
std::string DatetimeSuffix(const DType& dtype) {
  if (dtype.datetime_unit == "generic" || dtype.datetime_unit.empty()) return "";
  if (dtype.datetime_count == 1) return absl::StrCat("[", dtype.datetime_unit, "]");
  return absl::StrCat("[", dtype.datetime_count, dtype.datetime_unit, "]");
}

// numpy's alignment of a dtype as a record field (dtype.alignment).
int64_t FieldAlignment(const DType& dtype) {
  switch (dtype.kind) {
    case DTypeKind::kBytes:
    case DTypeKind::kBool:
      return 1;
    case DTypeKind::kStr:
      return 4;
    case DTypeKind::kComplex:
      return dtype.item_size / 2;
    case DTypeKind::kVoid:
      return dtype.pickled_alignment > 0 ? dtype.pickled_alignment : 1;
    default:
      return dtype.item_size;
  }
}

int64_t RoundUp(int64_t offset, int64_t alignment) {
  return alignment <= 1 ? offset : (offset + alignment - 1) / alignment * alignment;
}

// _is_packed: fields in order, no padding beyond what alignment asks for.
bool IsPacked(const DType& dtype) {
  const bool align = dtype.is_aligned_struct();
  int64_t max_alignment = 1;
  int64_t total = 0;
  for (const DTypeField& field : dtype.fields) {
    if (align) {
      total = RoundUp(total, FieldAlignment(field.dtype));
      max_alignment = std::max(max_alignment, FieldAlignment(field.dtype));
    }
    if (field.offset != total) return false;
    total += field.dtype.item_size;
  }
  if (align) total = RoundUp(total, max_alignment);
  return total == dtype.item_size;
}

std::string StructListStr(const DType& dtype) {
  std::vector<std::string> items;
  for (const DTypeField& field : dtype.fields) {
    items.push_back(
        absl::StrCat("(", ReprStr(field.name), ", ", field.dtype.ConstructionRepr(), ")"));
  }
  return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
}

std::string StructDictStr(const DType& dtype, bool include_align) {
  std::vector<std::string> names, formats, offsets;
  for (const DTypeField& field : dtype.fields) {
    names.push_back(ReprStr(field.name));
    formats.push_back(field.dtype.ConstructionRepr());
    offsets.push_back(absl::StrCat(field.offset));
  }
  std::string text = absl::StrCat("{'names': [", absl::StrJoin(names, ", "), "], 'formats': [",
                                  absl::StrJoin(formats, ", "), "], 'offsets': [",
                                  absl::StrJoin(offsets, ", "), "], 'itemsize': ", dtype.item_size);
  if (include_align && dtype.is_aligned_struct()) text += ", 'aligned': True";
  return text + "}";
}

// _struct_str.
std::string StructStr(const DType& dtype, bool include_align) {
  if (!(include_align && dtype.is_aligned_struct()) && IsPacked(dtype)) return StructListStr(dtype);
  return StructDictStr(dtype, include_align);
}

std::string KindName(DTypeKind kind) {
  switch (kind) {
    case DTypeKind::kInt:
      return "int";
    case DTypeKind::kUInt:
      return "uint";
    case DTypeKind::kFloat:
      return "float";
    case DTypeKind::kComplex:
      return "complex";
    case DTypeKind::kBytes:
      return "bytes";
    case DTypeKind::kStr:
      return "str";
    case DTypeKind::kVoid:
      return "void";
    default:
      return "";
  }
}

}  // namespace

DType DType::Scalar(DTypeKind kind, int64_t item_size) {
  DType dtype;
  dtype.kind = kind;
  dtype.item_size = item_size;
  dtype.byte_order = HasByteOrder(kind, item_size) ? kNativeOrder : ByteOrder::kNotApplicable;
  if (kind == DTypeKind::kObject) dtype.flags = 63;
  return dtype;
}

DType DType::Bytes(int64_t length) {
  DType dtype = Scalar(DTypeKind::kBytes, length);
  dtype.pickled_alignment = 1;
  return dtype;
}

DType DType::Text(int64_t characters) {
  DType dtype = Scalar(DTypeKind::kStr, 4 * characters);
  dtype.pickled_alignment = 4;
  dtype.flags = 8;
  return dtype;
}

DType DType::Void(int64_t size) {
  DType dtype = Scalar(DTypeKind::kVoid, size);
  dtype.pickled_alignment = 1;
  return dtype;
}

DType DType::Datetime(DTypeKind kind, std::string unit, int64_t count) {
  DType dtype = Scalar(kind, 8);
  dtype.datetime_unit = std::move(unit);
  dtype.datetime_count = count;
  return dtype;
}

DType DType::Record(std::vector<DTypeField> fields) {
  DType dtype = Void(0);
  dtype.flags = 16;  // NPY_NEEDS_PYAPI, which numpy sets on every record
  for (DTypeField& field : fields) {
    field.offset = dtype.item_size;
    dtype.item_size += field.dtype.item_size;
    dtype.flags |= field.dtype.flags;
  }
  dtype.fields = std::move(fields);
  return dtype;
}

bool DType::needs_byte_swap() const {
  return byte_order != ByteOrder::kNotApplicable && byte_order != kNativeOrder;
}

std::string DType::Str() const {
  const std::string order(1, static_cast<char>(byte_order));
  switch (kind) {
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
      return absl::StrCat(order, std::string(1, static_cast<char>(kind)), "8",
                          DatetimeSuffix(*this));
    case DTypeKind::kObject:
      return "|O";
    case DTypeKind::kStr:
      return absl::StrCat(order, "U", item_size / 4);
    default:
      return absl::StrCat(order, std::string(1, static_cast<char>(kind)), item_size);
  }
}

std::string DType::Name() const {
  switch (kind) {
    case DTypeKind::kBool:
      return "bool";
    case DTypeKind::kObject:
      return "object";
    case DTypeKind::kDatetime:
      return absl::StrCat("datetime64", DatetimeSuffix(*this));
    case DTypeKind::kTimedelta:
      return absl::StrCat("timedelta64", DatetimeSuffix(*this));
    case DTypeKind::kBytes:
    case DTypeKind::kStr:
      if (item_size == 0) return KindName(kind);
      return absl::StrCat(KindName(kind), 8 * item_size);
    default:
      return absl::StrCat(KindName(kind), 8 * item_size);
  }
}

std::string DType::ReduceTypeString() const {
  switch (kind) {
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
      return absl::StrCat(std::string(1, static_cast<char>(kind)), "8");
    case DTypeKind::kStr:
      return absl::StrCat("U", item_size / 4);
    default:
      return absl::StrCat(std::string(1, static_cast<char>(kind)), item_size);
  }
}

std::string DType::ConstructionRepr() const {
  if (is_structured()) return StructStr(*this, /*include_align=*/false);
  switch (kind) {
    case DTypeKind::kBool:
      return "'?'";
    case DTypeKind::kObject:
      return "'O'";
    case DTypeKind::kBytes:
      return item_size == 0 ? "'S'" : absl::StrCat("'S", item_size, "'");
    case DTypeKind::kStr:
      return item_size == 0 ? absl::StrCat("'", OrderPrefix(*this), "U'")
                            : absl::StrCat("'", OrderPrefix(*this), "U", item_size / 4, "'");
    case DTypeKind::kVoid:
      return item_size == 0 ? "'V'" : absl::StrCat("'V", item_size, "'");
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
      return absl::StrCat("'", OrderPrefix(*this), std::string(1, static_cast<char>(kind)), "8",
                          DatetimeSuffix(*this), "'");
    default:
      return absl::StrCat("'", OrderPrefix(*this), std::string(1, static_cast<char>(kind)),
                          item_size, "'");
  }
}

std::string DType::ReprInArray() const {
  if (is_structured()) return StructStr(*this, /*include_align=*/true);
  switch (kind) {
    case DTypeKind::kBytes:
    case DTypeKind::kStr:
    case DTypeKind::kVoid:
      return absl::StrCat("'", Str(), "'");
    default:
      break;
  }
  // dtype.name, quoted unless it is an identifier ('datetime64[ms]').
  std::string name = Name();
  for (char c : name) {
    if (!absl::ascii_isalnum(c)) return absl::StrCat("'", name, "'");
  }
  return name;
}

std::string DType::Repr() const {
  std::string text;
  if (is_structured()) {
    text = StructStr(*this, /*include_align=*/false);
    if (is_aligned_struct()) text += ", align=True";
  } else if ((kind == DTypeKind::kBool || kind == DTypeKind::kInt || kind == DTypeKind::kUInt ||
              kind == DTypeKind::kFloat || kind == DTypeKind::kComplex) &&
             !needs_byte_swap()) {
    text = absl::StrCat("'", Name(), "'");  // the long form numpy gives native numbers
  } else {
    text = ConstructionRepr();
  }
  return absl::StrCat("dtype(", text, ")");
}

bool operator==(const DType& a, const DType& b) {
  return a.kind == b.kind && a.byte_order == b.byte_order && a.item_size == b.item_size &&
         a.datetime_unit == b.datetime_unit && a.datetime_count == b.datetime_count &&
         a.fields == b.fields && a.pickled_alignment == b.pickled_alignment && a.flags == b.flags;
}

bool operator==(const DTypeField& a, const DTypeField& b) {
  return a.name == b.name && a.dtype == b.dtype && a.offset == b.offset;
}

}  // namespace brine::numpy
