// numpy.dtype read from and written to the value graph of its pickle
// (numpy's arraydescr_reduce and arraydescr_setstate).
#include "brine/types/numpy/pickled_dtype.h"

#include <bit>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "brine/types/numpy/graph_reading.h"
#include "brine/value/containers.h"
#include "brine/value/string_views.h"

namespace brine::numpy {
namespace {

constexpr std::string_view kWhat = "numpy.dtype";

absl::Status Invalid(std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("numpy.dtype: ", ToAbsl(message)));
}

// 'f8' -> (kFloat, 8); 'U2' -> (kStr, 8); 'M8' -> (kDatetime, 8).
absl::StatusOr<DType> ParseTypeString(std::string_view text) {
  if (text.empty()) return Invalid("empty type string");
  const char letter = text[0];
  int64_t number = 0;
  if (!absl::SimpleAtoi(ToAbsl(text.substr(1)), &number) || number < 0) {
    return Invalid(absl::StrCat("unknown type string '", ToAbsl(text), "'"));
  }
  switch (letter) {
    case 'b':
    case 'i':
    case 'u':
    case 'f':
    case 'c':
    case 'O': {
      DType dtype = DType::Scalar(static_cast<DTypeKind>(letter), number);
      return dtype;
    }
    case 'M':
    case 'm':
      return DType::Datetime(static_cast<DTypeKind>(letter), "generic");
    case 'S':
      return DType::Bytes(number);
    case 'U':
      return DType::Text(number);
    case 'V':
      return DType::Void(number);
    default:
      return Invalid(absl::StrCat("unknown type string '", ToAbsl(text), "'"));
  }
}

bool ValidScalarSize(const DType& dtype) {
  const int64_t size = dtype.item_size;
  switch (dtype.kind) {
    case DTypeKind::kBool:
      return size == 1;
    case DTypeKind::kInt:
    case DTypeKind::kUInt:
      return size == 1 || size == 2 || size == 4 || size == 8;
    case DTypeKind::kFloat:
      return size == 2 || size == 4 || size == 8;
    case DTypeKind::kComplex:
      return size == 8 || size == 16;
    case DTypeKind::kObject:
    case DTypeKind::kDatetime:
    case DTypeKind::kTimedelta:
      return size == 8;
    case DTypeKind::kStr:
      return size % 4 == 0;
    default:
      return true;
  }
}

absl::StatusOr<ByteOrder> ParseByteOrder(std::string_view text, const DType& dtype) {
  if (text == "<") return ByteOrder::kLittle;
  if (text == ">") return ByteOrder::kBig;
  if (text == "|") return ByteOrder::kNotApplicable;
  if (text == "=") return DType::Scalar(dtype.kind, 8).byte_order;
  return Invalid(absl::StrCat("unknown byte order '", ToAbsl(text), "'"));
}

// The ({}, (unit, count, 1, 1)) of a version-4 datetime state.
absl::Status ReadDatetimeMetadata(Value metadata, DType& dtype) {
  absl::StatusOr<std::span<const Value>> pair = TupleItems(metadata, 2, 2, "numpy.dtype metadata");
  if (!pair.ok()) return pair.status();
  if ((*pair)[0].kind() != Kind::kDict || !(*pair)[0].as<Dict>()->items.empty()) {
    return Invalid("dtype metadata is not supported");
  }
  absl::StatusOr<std::span<const Value>> unit =
      TupleItems((*pair)[1], 4, 4, "numpy.dtype datetime unit");
  if (!unit.ok()) return unit.status();
  absl::StatusOr<std::string_view> name = TextOf((*unit)[0], "numpy.dtype datetime unit");
  absl::StatusOr<int64_t> count = IntOf((*unit)[1], "numpy.dtype datetime unit count");
  if (!name.ok()) return name.status();
  if (!count.ok()) return count.status();
  dtype.datetime_unit = std::string(*name);
  dtype.datetime_count = *count;
  return absl::OkStatus();
}

absl::Status ReadFields(Value names, Value fields, DType& dtype, size_t depth);

// Reads the state into `dtype` (its kind and size come from the type string).
absl::Status ReadState(Value state, DType& dtype, size_t depth) {
  absl::StatusOr<std::span<const Value>> items = TupleItems(state, 8, 9, "numpy.dtype state");
  if (!items.ok()) return items.status();
  const std::span<const Value> s = *items;
  absl::StatusOr<int64_t> version = IntOf(s[0], "numpy.dtype state version");
  if (!version.ok()) return version.status();
  if (*version != 3 && *version != 4)
    return Invalid(absl::StrCat("state version ", *version, " is not supported"));
  absl::StatusOr<std::string_view> order = TextOf(s[1], "numpy.dtype byte order");
  if (!order.ok()) return order.status();
  absl::StatusOr<ByteOrder> byte_order = ParseByteOrder(*order, dtype);
  if (!byte_order.ok()) return byte_order.status();
  dtype.byte_order = *byte_order;
  if (!s[2].is_none()) return Invalid("subarray dtypes are not supported");
  absl::StatusOr<int64_t> elsize = IntOf(s[5], "numpy.dtype elsize");
  absl::StatusOr<int64_t> alignment = IntOf(s[6], "numpy.dtype alignment");
  absl::StatusOr<int64_t> flags = IntOf(s[7], "numpy.dtype flags");
  if (!elsize.ok()) return elsize.status();
  if (!alignment.ok()) return alignment.status();
  if (!flags.ok()) return flags.status();
  if (*elsize >= 0) dtype.item_size = *elsize;
  dtype.pickled_alignment = *alignment;
  dtype.flags = *flags;
  if (s.size() == 9) {
    if (dtype.kind == DTypeKind::kDatetime || dtype.kind == DTypeKind::kTimedelta) {
      absl::Status status = ReadDatetimeMetadata(s[8], dtype);
      if (!status.ok()) return status;
    } else if (!s[8].is_none() && !(s[8].kind() == Kind::kDict && s[8].as<Dict>()->items.empty())) {
      return Invalid("dtype metadata is not supported");
    }
  }
  if (!s[3].is_none()) return ReadFields(s[3], s[4], dtype, depth);
  if (!ValidScalarSize(dtype)) {
    return Invalid(absl::StrCat("item size ", dtype.item_size, " for kind '",
                                std::string(1, static_cast<char>(dtype.kind)), "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<DType> ReadDTypeAt(Value args, Value state, size_t depth);

absl::StatusOr<DType> ReadNodeAt(Value node, size_t depth) {
  if (node.kind() == Kind::kNative) node = node.as<Native>()->origin;  // rebuilt by a registry
  if (node.kind() != Kind::kReduce || !IsDTypeClass(node.as<Reduce>()->callable)) {
    return Invalid(
        absl::StrCat("expected a pickled numpy.dtype, got ", ToAbsl(KindName(node.kind()))));
  }
  const Reduce* reduce = node.as<Reduce>();
  if (!reduce->has_state) return Invalid("no state");
  return ReadDTypeAt(reduce->args, reduce->state, depth);
}

absl::Status ReadFields(Value names, Value fields, DType& dtype, size_t depth) {
  if (depth >= kMaxDims) return Invalid(absl::StrCat("records nested deeper than ", kMaxDims));
  absl::StatusOr<std::span<const Value>> name_items =
      TupleItems(names, 1, static_cast<size_t>(-1), "numpy.dtype names");
  if (!name_items.ok()) return name_items.status();
  if (fields.kind() != Kind::kDict) return Invalid("fields is not a dict");
  const Dict* field_dict = fields.as<Dict>();
  for (Value name : *name_items) {
    if (name.kind() != Kind::kStr) return Invalid("a field name is not a str");
    std::optional<Value> entry = DictGetItem(field_dict, name);
    if (!entry) return Invalid(absl::StrCat("no field '", ToAbsl(name.as<Str>()->utf8), "'"));
    absl::StatusOr<std::span<const Value>> pair = TupleItems(*entry, 2, 3, "numpy.dtype field");
    if (!pair.ok()) return pair.status();
    if (pair->size() == 3) return Invalid("field titles are not supported");
    absl::StatusOr<DType> field_dtype = ReadNodeAt((*pair)[0], depth + 1);
    if (!field_dtype.ok()) return field_dtype.status();
    if (field_dtype->kind == DTypeKind::kObject) {
      return Invalid("records with object fields are not supported");
    }
    absl::StatusOr<int64_t> offset = IntOf((*pair)[1], "numpy.dtype field offset");
    if (!offset.ok()) return offset.status();
    if (*offset < 0 || *offset > dtype.item_size - field_dtype->item_size) {
      return Invalid(absl::StrCat("field '", ToAbsl(name.as<Str>()->utf8), "' at offset ", *offset,
                                  " does not fit in ", dtype.item_size, " bytes"));
    }
    dtype.fields.push_back({std::string(name.as<Str>()->utf8), *std::move(field_dtype), *offset});
  }
  return absl::OkStatus();
}

absl::StatusOr<DType> ReadDTypeAt(Value args, Value state, size_t depth) {
  absl::StatusOr<std::span<const Value>> arg_items =
      TupleItems(args, 1, 3, "numpy.dtype arguments");
  if (!arg_items.ok()) return arg_items.status();
  absl::StatusOr<std::string_view> type_string = TextOf((*arg_items)[0], "numpy.dtype type string");
  if (!type_string.ok()) return type_string.status();
  absl::StatusOr<DType> dtype = ParseTypeString(*type_string);
  if (!dtype.ok()) return dtype.status();
  absl::Status status = ReadState(state, *dtype, depth);
  if (!status.ok()) return status;
  return dtype;
}

}  // namespace

bool IsDTypeClass(Value callable) { return IsGlobal(callable, "numpy", "dtype"); }

absl::StatusOr<DType> ReadDType(Value node) { return ReadNodeAt(node, 0); }

absl::StatusOr<DType> ReadDType(Value args, Value state) { return ReadDTypeAt(args, state, 0); }

DTypeWriter& SharedDTypeWriter(Heap& heap) {
  static std::mutex mutex;
  static absl::flat_hash_map<Heap*, DTypeWriter*>& writers =
      *new absl::flat_hash_map<Heap*, DTypeWriter*>();
  std::lock_guard<std::mutex> lock(mutex);
  DTypeWriter*& writer = writers[&heap];
  if (writer == nullptr) {
    writer = new DTypeWriter(heap);
    heap.AddCleanup(writer, [](void* pointer) {
      auto* dying = static_cast<DTypeWriter*>(pointer);
      {
        std::lock_guard<std::mutex> lock(mutex);
        writers.erase(&dying->heap());
      }
      delete dying;
    });
  }
  return *writer;
}

Value DTypeWriter::Write(const DType& dtype) {
  const bool builtin = !dtype.is_structured() && !dtype.needs_byte_swap() &&
                       (dtype.kind == DTypeKind::kBool || dtype.kind == DTypeKind::kInt ||
                        dtype.kind == DTypeKind::kUInt || dtype.kind == DTypeKind::kFloat ||
                        dtype.kind == DTypeKind::kComplex || dtype.kind == DTypeKind::kObject);
  if (!builtin) return WriteNew(dtype);
  const std::pair<char, int64_t> key(static_cast<char>(dtype.kind), dtype.item_size);
  auto [it, inserted] = builtins_.try_emplace(key);
  if (inserted) it->second = WriteNew(dtype);
  return it->second;
}

Value DTypeWriter::WriteNew(const DType& dtype) {
  Reduce* reduce = heap_.NewReduce();
  reduce->callable = heap_.NewGlobal("numpy", "dtype");
  const Value args[] = {heap_.NewStr(dtype.ReduceTypeString()), Value::Bool(false),
                        Value::Bool(true)};
  reduce->args = heap_.NewTuple(args);
  reduce->has_state = true;
  reduce->state = State(dtype);
  return Value::FromObject(reduce);
}

Value DTypeWriter::RecordNamesAndFields(const DType& dtype, Value& fields) {
  std::vector<Value> names;
  fields = heap_.NewDict();
  for (const DTypeField& field : dtype.fields) {
    Value name = heap_.NewStr(field.name);
    names.push_back(name);
    const Value entry[] = {Write(field.dtype), Value::Int(field.offset)};
    // Names are unique in a dtype, so this cannot fail.
    (void)DictSetItem(heap_, fields.as<Dict>(), name, heap_.NewTuple(entry));
  }
  return heap_.NewTuple(names);
}

Value DTypeWriter::State(const DType& dtype) {
  const bool flexible = dtype.kind == DTypeKind::kBytes || dtype.kind == DTypeKind::kStr ||
                        dtype.kind == DTypeKind::kVoid;
  const bool datetime = dtype.kind == DTypeKind::kDatetime || dtype.kind == DTypeKind::kTimedelta;
  Value names;
  Value fields;
  if (dtype.is_structured()) names = RecordNamesAndFields(dtype, fields);
  std::vector<Value> state = {
      Value::Int(datetime ? 4 : 3),
      heap_.NewStr(std::string(1, static_cast<char>(dtype.byte_order))),
      Value::None(),
      names,
      fields,
      Value::Int(flexible ? dtype.item_size : -1),
      Value::Int(flexible ? dtype.pickled_alignment : -1),
      Value::Int(dtype.flags),
  };
  if (datetime) {
    const Value unit[] = {heap_.NewBytes(dtype.datetime_unit), Value::Int(dtype.datetime_count),
                          Value::Int(1), Value::Int(1)};
    const Value metadata[] = {heap_.NewDict(), heap_.NewTuple(unit)};
    state.push_back(heap_.NewTuple(metadata));
  }
  return heap_.NewTuple(state);
}

}  // namespace brine::numpy
