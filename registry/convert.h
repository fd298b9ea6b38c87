// Conversions between C++ values and brine Values, in the spirit of msgpack-c
// adaptors: bool, integers, floating point, std::string, std::vector,
// std::optional, std::pair and std::map<std::string, U> map to the Python
// kinds you would expect; any other type T becomes a Native node holding a
// copy of the T (the registry reduces it when encoding, see registry.h).
//
//   brine::Value v = brine::ToValue(heap, std::vector<Point>{{1, 2}, {3, 4}});
//   absl::StatusOr<std::vector<Point>> back = brine::FromValue<std::vector<Point>>(v);
#ifndef BRINE_REGISTRY_CONVERT_H_
#define BRINE_REGISTRY_CONVERT_H_

#include <cxxabi.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "brine/value/containers.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// A unique address per C++ type, stored in Native::type_tag.
template <typename T>
const void* NativeTag() {
  static const char tag = 0;
  return &tag;
}

// T's C++ name as written ("geo::Point"), for messages and Repr.
template <typename T>
const std::string& NativeTypeName() {
  static const std::string name = [] {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(
        abi::__cxa_demangle(typeid(T).name(), nullptr, nullptr, &status), std::free);
    return std::string(status == 0 ? demangled.get() : typeid(T).name());
  }();
  return name;
}

// Wraps a copy of `object` in a Native node owned by `heap`.
template <typename T>
Value MakeNative(Heap& heap, T object, Value origin = Value()) {
  Native* native = heap.NewNative();
  native->type_name = NativeTypeName<T>();
  native->type_tag = NativeTag<T>();
  T* copy = new T(std::move(object));
  native->pointer = copy;
  native->origin = origin;
  heap.AddCleanup(copy, [](void* p) { delete static_cast<T*>(p); });
  return Value::FromObject(native);
}

// The T inside a Native node made by MakeNative<T>, or nullptr.
template <typename T>
const T* NativeAs(Value value) {
  if (value.kind() != Kind::kNative || value.as<Native>()->type_tag != NativeTag<T>()) {
    return nullptr;
  }
  return static_cast<const T*>(value.as<Native>()->pointer);
}

namespace convert_internal {

template <typename T>
struct IsVector : std::false_type {};
template <typename U, typename A>
struct IsVector<std::vector<U, A>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename U>
struct IsOptional<std::optional<U>> : std::true_type {};
template <typename T>
struct IsPair : std::false_type {};
template <typename A, typename B>
struct IsPair<std::pair<A, B>> : std::true_type {};
template <typename T>
struct IsStrMap : std::false_type {};
template <typename U, typename C, typename A>
struct IsStrMap<std::map<std::string, U, C, A>> : std::true_type {};

inline absl::Status WrongKind(std::string_view expected, Value got) {
  return absl::InvalidArgumentError(absl::StrCat("expected ", std::string(expected), ", got ",
                                                 std::string(KindName(got.kind()))));
}

}  // namespace convert_internal

template <typename T>
Value ToValue(Heap& heap, const T& x) {
  using namespace convert_internal;
  if constexpr (std::is_same_v<T, Value>) {
    return x;
  } else if constexpr (std::is_same_v<T, bool>) {
    return Value::Bool(x);
  } else if constexpr (std::is_integral_v<T>) {
    static_assert(sizeof(T) < 8 || std::is_signed_v<T>,
                  "uint64_t may not fit a Python int held inline; convert explicitly");
    return Value::Int(static_cast<int64_t>(x));
  } else if constexpr (std::is_floating_point_v<T>) {
    return Value::Float(static_cast<double>(x));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return heap.NewStr(std::string_view(x));
  } else if constexpr (IsVector<T>::value) {
    Value list = heap.NewList();
    for (const auto& item : x) list.as<List>()->items.push_back(ToValue(heap, item));
    return list;
  } else if constexpr (IsOptional<T>::value) {
    return x.has_value() ? ToValue(heap, *x) : Value::None();
  } else if constexpr (IsPair<T>::value) {
    Value items[2] = {ToValue(heap, x.first), ToValue(heap, x.second)};
    return heap.NewTuple(items);
  } else if constexpr (IsStrMap<T>::value) {
    Value dict = heap.NewDict();
    for (const auto& [key, item] : x) {
      // str keys are always hashable, so this cannot fail.
      (void)DictSetItem(heap, dict.as<Dict>(), heap.NewStr(key), ToValue(heap, item));
    }
    return dict;
  } else {
    return MakeNative<T>(heap, x);
  }
}

template <typename T>
absl::StatusOr<T> FromValue(Value v) {
  using namespace convert_internal;
  if constexpr (std::is_same_v<T, Value>) {
    return v;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.kind() != Kind::kBool) return WrongKind("bool", v);
    return v.as_bool();
  } else if constexpr (std::is_integral_v<T>) {
    if (v.kind() != Kind::kInt && v.kind() != Kind::kBool) return WrongKind("int", v);
    int64_t i = v.as_int();
    if (i < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        (i > 0 && static_cast<uint64_t>(i) > std::numeric_limits<T>::max())) {
      return absl::OutOfRangeError(absl::StrCat("int ", i, " does not fit the C++ type"));
    }
    return static_cast<T>(i);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (v.kind() == Kind::kFloat) return static_cast<T>(v.as_float());
    if (v.kind() == Kind::kInt || v.kind() == Kind::kBool) return static_cast<T>(v.as_int());
    return WrongKind("float", v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (v.kind() != Kind::kStr) return WrongKind("str", v);
    return std::string(v.as<Str>()->utf8);
  } else if constexpr (IsVector<T>::value) {
    std::span<const Value> items;
    if (v.kind() == Kind::kList) items = v.as<List>()->items;
    else if (v.kind() == Kind::kTuple) items = v.as<Tuple>()->items;
    else return WrongKind("list", v);
    T out;
    out.reserve(items.size());
    for (Value item : items) {
      auto converted = FromValue<typename T::value_type>(item);
      if (!converted.ok()) return converted.status();
      out.push_back(*std::move(converted));
    }
    return out;
  } else if constexpr (IsOptional<T>::value) {
    if (v.is_none()) return T();
    auto converted = FromValue<typename T::value_type>(v);
    if (!converted.ok()) return converted.status();
    return T(*std::move(converted));
  } else if constexpr (IsPair<T>::value) {
    if (v.kind() != Kind::kTuple || v.as<Tuple>()->items.size() != 2) {
      return WrongKind("tuple of 2", v);
    }
    auto first = FromValue<typename T::first_type>(v.as<Tuple>()->items[0]);
    if (!first.ok()) return first.status();
    auto second = FromValue<typename T::second_type>(v.as<Tuple>()->items[1]);
    if (!second.ok()) return second.status();
    return T(*std::move(first), *std::move(second));
  } else if constexpr (IsStrMap<T>::value) {
    if (v.kind() != Kind::kDict) return WrongKind("dict", v);
    T out;
    for (const std::pair<Value, Value>& entry : v.as<Dict>()->items) {
      const Value key = entry.first;
      if (key.kind() != Kind::kStr) return WrongKind("str key", key);
      auto converted = FromValue<typename T::mapped_type>(entry.second);
      if (!converted.ok()) return converted.status();
      out.emplace(std::string(key.as<Str>()->utf8), *std::move(converted));
    }
    return out;
  } else {
    if (const T* native = NativeAs<T>(v)) return *native;
    return WrongKind(absl::StrCat("native ", NativeTypeName<T>()), v);
  }
}

}  // namespace brine

#endif  // BRINE_REGISTRY_CONVERT_H_
