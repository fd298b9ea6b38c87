// Checked readers over a decoded value graph for the numpy readers.
#include "brine/types/numpy/graph_reading.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "brine/value/string_views.h"

namespace brine::numpy {
namespace {

absl::Status Expected(std::string_view what, std::string_view expected, Value got) {
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(what), ": expected ", ToAbsl(expected),
                                                 ", got ", ToAbsl(KindName(got.kind()))));
}

}  // namespace

absl::StatusOr<std::span<const Value>> TupleItems(Value value, size_t min_size, size_t max_size,
                                                  std::string_view what) {
  if (value.kind() != Kind::kTuple) return Expected(what, "a tuple", value);
  std::span<const Value> items = value.as<Tuple>()->items;
  if (items.size() < min_size || items.size() > max_size) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(what), ": a tuple of ", items.size(), " items (expected ", min_size,
                     min_size == max_size ? "" : absl::StrCat(" to ", max_size), ")"));
  }
  return items;
}

absl::StatusOr<int64_t> IntOf(Value value, std::string_view what) {
  if (value.kind() == Kind::kInt) return value.as_int();
  if (value.kind() == Kind::kBool) return value.as_bool() ? 1 : 0;
  return Expected(what, "an int", value);
}

absl::StatusOr<bool> BoolOf(Value value, std::string_view what) {
  if (value.kind() == Kind::kBool) return value.as_bool();
  if (value.kind() == Kind::kInt) return value.as_int() != 0;
  return Expected(what, "a bool", value);
}

absl::StatusOr<std::string_view> TextOf(Value value, std::string_view what) {
  if (value.kind() == Kind::kStr) return value.as<Str>()->utf8;
  if (value.kind() == Kind::kBytes) return value.as<Bytes>()->data;
  return Expected(what, "a str", value);
}

bool IsGlobal(Value value, std::string_view module, std::string_view qualname) {
  if (value.kind() != Kind::kGlobal) return false;
  const Global* global = value.as<Global>();
  return global->module == module && global->qualname == qualname;
}

bool IsNumpyCoreGlobal(Value value, std::string_view submodule, std::string_view qualname) {
  return IsGlobal(value, std::string("numpy.core.") + std::string(submodule), qualname) ||
         IsGlobal(value, std::string("numpy._core.") + std::string(submodule), qualname);
}

}  // namespace brine::numpy
