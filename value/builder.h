// Builder: writing Python values from C++ as plainly as Python literals.
//
//   brine::Heap heap;
//   brine::Builder b(heap);
//   brine::Value v = b.List({1, "a", b.Bytes("\x00\x01"), b.Dict({{"k", 1.5}}), nullptr});
//   // [1, 'a', b'\x00\x01', {'k': 1.5}, None]
//
//   std::map<std::string, std::vector<int>> scores = {{"ann", {90, 85}}};
//   brine::Value s = b.From(scores);              // {'ann': [90, 85]}
//   brine::Value t = b.From(std::tuple(1, "x", std::optional<double>()));  // (1, 'x', None)
//
//   brine::Value point = b.Instance(b.Global("geometry", "Point"), b.Dict({{"x", 1}, {"y", 2}}));
//
//   brine::Value cycle = b.List({1});
//   b.Append(cycle, cycle);                       // [1, [...]]
//   if (!b.status().ok()) ...;                    // e.g. an unhashable dict key
//
// Anything that converts implicitly into a `Builder::Arg` can appear inside
// the braces: Value, bool, any integer, float/double, const char*,
// std::string, std::string_view (all three as str), nullptr and
// std::nullopt (None), and std::vector / std::list / std::deque (list),
// std::set / std::unordered_set (set), std::map / std::unordered_map (dict),
// std::optional (None or the value), std::pair / std::tuple (tuple) of those.
// Use b.Bytes / b.ByteArray for binary data: plain strings become str.
//
// Identity is explicit: a Value used twice is the same Python object twice
// (the encoder writes it once and a memo GET after), while two calls to
// b.List(...) make two lists. Strings are copied into the Heap.
//
// Errors (an unhashable dict key or set element, a malformed decimal) do not
// interrupt building: the offending entry is left out and the first error is
// kept in status(). Check it before using the result.
#ifndef BRINE_VALUE_BUILDER_H_
#define BRINE_VALUE_BUILDER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class Builder;

namespace builder_internal {

template <typename T, template <typename...> class Template>
struct IsSpecialization : std::false_type {};
template <template <typename...> class Template, typename... Args>
struct IsSpecialization<Template<Args...>, Template> : std::true_type {};

// C++ containers Builder::From converts.
template <typename T>
inline constexpr bool kIsContainer =
    IsSpecialization<T, std::vector>::value || IsSpecialization<T, std::list>::value ||
    IsSpecialization<T, std::deque>::value || IsSpecialization<T, std::set>::value ||
    IsSpecialization<T, std::unordered_set>::value || IsSpecialization<T, std::map>::value ||
    IsSpecialization<T, std::unordered_map>::value || IsSpecialization<T, std::optional>::value ||
    IsSpecialization<T, std::pair>::value || IsSpecialization<T, std::tuple>::value;

}  // namespace builder_internal

class Builder {
 public:
  // One element inside braces: converted to a Value by the Builder it is
  // passed to. Holds references to its source, so it lives only as long as
  // the full expression it appears in.
  class Arg {
   public:
    Arg(Value value) : value_(value) {}
    Arg(bool value) : value_(Value::Bool(value)) {}
    template <typename T>
      requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
    Arg(T value) : integer_(static_cast<int64_t>(value)), kind_(ArgKind::kInteger) {
      if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
        if (value > static_cast<T>(INT64_MAX)) {
          unsigned_ = static_cast<uint64_t>(value);
          kind_ = ArgKind::kUnsigned;
        }
      }
    }
    template <typename T>
      requires std::is_floating_point_v<T>
    Arg(T value) : value_(Value::Float(static_cast<double>(value))) {}
    Arg(const char* text) : text_(text), kind_(ArgKind::kText) {}
    Arg(std::string_view text) : text_(text), kind_(ArgKind::kText) {}
    Arg(const std::string& text) : text_(text), kind_(ArgKind::kText) {}
    Arg(std::nullptr_t) {}
    Arg(std::nullopt_t) {}
    template <typename T>
      requires builder_internal::kIsContainer<T>
    Arg(const T& container) : make_([&container](Builder& b) { return b.From(container); }), kind_(ArgKind::kMake) {}

   private:
    friend class Builder;
    enum class ArgKind : uint8_t { kValue, kInteger, kUnsigned, kText, kMake };
    Value value_;
    int64_t integer_ = 0;
    uint64_t unsigned_ = 0;
    std::string_view text_;
    std::function<Value(Builder&)> make_;
    ArgKind kind_ = ArgKind::kValue;
  };

  explicit Builder(Heap& heap) : heap_(heap) {}

  // The first error met while building, or OK.
  const absl::Status& status() const { return status_; }
  Heap& heap() { return heap_; }

  // Scalars and strings.
  Value None() { return Value::None(); }
  Value Bool(bool value) { return Value::Bool(value); }
  Value Int(int64_t value) { return Value::Int(value); }
  // An int of any size from optionally signed decimal digits.
  Value Int(std::string_view decimal);
  Value Float(double value) { return Value::Float(value); }
  Value Complex(double real, double imag) { return heap_.NewComplex(real, imag); }
  // str from UTF-8 (lone surrogates allowed, as 3-byte sequences).
  Value Str(std::string_view utf8) { return heap_.NewStr(utf8); }
  Value Bytes(std::string_view data) { return heap_.NewBytes(data); }
  Value ByteArray(std::string_view data) { return heap_.NewByteArray(data); }

  // Containers; every call makes a new object.
  Value Tuple(std::initializer_list<Arg> items);
  Value List(std::initializer_list<Arg> items = {});
  Value Dict(std::initializer_list<std::pair<Arg, Arg>> items = {});
  Value Set(std::initializer_list<Arg> items = {});
  Value FrozenSet(std::initializer_list<Arg> items = {});

  // Adding to existing containers (how shared and cyclic graphs are built).
  void Append(Value list, const Arg& item);
  void SetItem(Value dict, const Arg& key, const Arg& value);
  void Add(Value set, const Arg& element);

  // Python objects beyond the built-in kinds.
  // A module-level name such as collections.OrderedDict.
  Value Global(std::string_view module, std::string_view qualname) { return heap_.NewGlobal(module, qualname); }
  // An instance of `cls` as object.__reduce_ex__ pickles it: created with
  // cls.__new__(cls, *new_args), then given `state` (usually a dict of
  // attributes; None for none).
  Value Instance(Value cls, const Arg& state, std::initializer_list<Arg> new_args = {});
  // callable(*args), then `state` applied with BUILD unless it is None.
  Value Reduce(Value callable, std::initializer_list<Arg> args, const Arg& state = nullptr);
  // getattr(self, name).
  Value BoundMethod(Value self, std::string_view name);
  // An object the unpickler resolves through its persistent_load.
  Value PersistentId(const Arg& pid);
  // A protocol 5 PickleBuffer over `data`.
  Value Buffer(std::string_view data, bool readonly = true);

  // Any supported C++ value (see the file comment) as a Value.
  Value From(const Arg& arg);
  template <typename T>
    requires builder_internal::kIsContainer<T>
  Value From(const T& container);

 private:
  void Fail(absl::Status status) {
    if (status_.ok()) status_ = std::move(status);
  }

  Heap& heap_;
  absl::Status status_;
};

template <typename T>
  requires builder_internal::kIsContainer<T>
Value Builder::From(const T& container) {
  using builder_internal::IsSpecialization;
  if constexpr (IsSpecialization<T, std::optional>::value) {
    return container.has_value() ? From(Arg(*container)) : Value::None();
  } else if constexpr (IsSpecialization<T, std::pair>::value) {
    return Tuple({Arg(container.first), Arg(container.second)});
  } else if constexpr (IsSpecialization<T, std::tuple>::value) {
    return std::apply([this](const auto&... items) { return Tuple({Arg(items)...}); }, container);
  } else if constexpr (IsSpecialization<T, std::map>::value || IsSpecialization<T, std::unordered_map>::value) {
    Value dict = heap_.NewDict();
    for (const auto& [key, value] : container) SetItem(dict, Arg(key), Arg(value));
    return dict;
  } else if constexpr (IsSpecialization<T, std::set>::value || IsSpecialization<T, std::unordered_set>::value) {
    Value set = heap_.NewSet();
    for (const auto& element : container) Add(set, Arg(element));
    return set;
  } else {
    Value list = heap_.NewList();
    for (const auto& item : container) Append(list, Arg(item));
    return list;
  }
}

}  // namespace brine

#endif  // BRINE_VALUE_BUILDER_H_
