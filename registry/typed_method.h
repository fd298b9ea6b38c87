// Typed methods: a registered class's method written as a C++ function of
// typed parameters. The registry converts self and the arguments
// (Registry::FromValue) and the result (Registry::ToValue).
//
//   struct Square { double side; };
//   registry.Register(brine::FieldsBinding<Square>("shapes", "Square",
//                                                  brine::Field("side", &Square::side)));
//   registry.DefineClass({.module = "shapes", .qualname = "Square", .methods = {
//       brine::Def("area", [](const Square& self) { return self.side * self.side; }),
//       brine::Def("scaled", [](const Square& self, double k) { return Square{self.side * k}; }),
//       brine::Def("describe", [](brine::Self<Square> self) -> absl::StatusOr<std::string> {
//         absl::StatusOr<double> area = self.Call<double>("area");  // self.area()
//         if (!area.ok()) return area.status();
//         return absl::StrCat("a square of side ", self->side, " and area ", *area);
//       })}});
//
// The first parameter is self: `const T&` (or `T`), or `Self<T>` when the
// body also calls self's other methods or needs the heap or the registry.
// The others are the positional arguments after self. self is a Native<T>,
// or anything Registry::FromValue<T> rebuilds into a T (a pickled T, a plain
// kind); T = Value takes self as it is. A body returning absl::StatusOr<R>
// or absl::Status passes its error on; void and an OK Status give None. A
// const member function is a body too, `Def("area", &Square::Area)`; for one
// declared on a base struct, name the registered type:
// `Def<Square>("label", &Shape::Label)`.
//
// Errors name the method as Python does: a wrong number of arguments is
// "Square.scaled() takes 2 positional arguments but 3 were given" (self
// counted, Python's TypeError text, also when too few are given); a
// conversion failure "Square.scaled() argument 1: expected float, got str".
#ifndef BRINE_REGISTRY_TYPED_METHOD_H_
#define BRINE_REGISTRY_TYPED_METHOD_H_

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "brine/registry/class_registry.h"
#include "brine/registry/convert.h"
#include "brine/registry/registry.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// self in a typed method: the object (`*self`, `self->side`) and the call
// it came with.
template <typename T>
class Self {
 public:
  Self(const MethodCall& call, const T& object) : call_(call), object_(object) {}

  const T& operator*() const { return object_; }
  const T* operator->() const { return &object_; }
  // self as it is in the graph.
  Value value() const { return call_.self; }
  Heap& heap() const { return call_.heap; }
  const Registry& registry() const { return call_.registry; }

  // self.method(*args) written in the body of the class defining this
  // method: a `__private` name is mangled with that class's name, as Python
  // does; the method is found through the MRO of self's class, the arguments
  // converted with Registry::ToValue, the result with Registry::FromValue<R>.
  template <typename R = Value, typename... Args>
  absl::StatusOr<R> Call(std::string_view method, const Args&... args) const {
    const std::array<Value, sizeof...(Args)> values = {call_.registry.ToValue(call_.heap, args)...};
    absl::StatusOr<Value> result = call_.registry.CallMethod(
        call_.heap, call_.self, MangledName(call_.owner.name(), method), values);
    if (!result.ok()) return result.status();
    return call_.registry.FromValue<R>(call_.heap, *result);
  }

 private:
  const MethodCall& call_;
  const T& object_;
};

namespace typed_method_internal {

// "Square.scaled() takes 2 positional arguments but 3 were given".
absl::Status ArgumentCountError(const MethodCall& call, size_t expected, size_t given);
// `status` with "Square.scaled() <what>: " before its message.
absl::Status ConversionError(const MethodCall& call, std::string_view what,
                             const absl::Status& status);

// R(P...) of a lambda's or function object's operator().
template <typename M>
struct CallOperator;
template <typename L, typename R, typename... P>
struct CallOperator<R (L::*)(P...) const> {
  using type = R(P...);
};
template <typename L, typename R, typename... P>
struct CallOperator<R (L::*)(P...) const noexcept> {
  using type = R(P...);
};

// R(P...) of a body, self first.
template <typename F>
struct Signature {
  using type = typename CallOperator<decltype(&F::operator())>::type;
};
template <typename R, typename... P>
struct Signature<R (*)(P...)> {
  using type = R(P...);
};
template <typename R, typename... P>
struct Signature<R (*)(P...) noexcept> {
  using type = R(P...);
};
template <typename C, typename R, typename... A>
struct Signature<R (C::*)(A...) const> {
  using type = R(const C&, A...);
};
template <typename C, typename R, typename... A>
struct Signature<R (C::*)(A...) const noexcept> {
  using type = R(const C&, A...);
};

// The object type a self parameter asks for, and whether it is a Self<T>.
template <typename P>
struct SelfParameter {
  using Object = P;
  static constexpr bool kWrapped = false;
};
template <typename T>
struct SelfParameter<Self<T>> {
  using Object = T;
  static constexpr bool kWrapped = true;
};

template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};

// What a body returned, as a Value.
template <typename R>
absl::StatusOr<Value> ResultValue(const MethodCall& call, R&& result) {
  using Result = std::remove_cvref_t<R>;
  if constexpr (std::is_same_v<Result, absl::Status>) {
    if (!result.ok()) return result;
    return Value();
  } else if constexpr (IsStatusOr<Result>::value) {
    if (!result.ok()) return result.status();
    return call.registry.ToValue(call.heap, *result);
  } else {
    return call.registry.ToValue(call.heap, result);
  }
}

// Fills each optional of `arguments` from `args`, stopping at the first error.
template <typename Arguments, size_t... I>
absl::Status ConvertArguments(const MethodCall& call, std::span<const Value> args,
                              Arguments& arguments, std::index_sequence<I...>) {
  absl::Status status;
  [[maybe_unused]] auto convert = [&](auto& slot, size_t index) {  // unused for no arguments
    if (!status.ok()) return;
    using Argument = typename std::remove_reference_t<decltype(slot)>::value_type;
    absl::StatusOr<Argument> value = call.registry.FromValue<Argument>(call.heap, args[index]);
    if (value.ok()) {
      slot.emplace(*std::move(value));
    } else {
      status = ConversionError(call, absl::StrCat("argument ", index + 1), value.status());
    }
  };
  (convert(std::get<I>(arguments), I), ...);
  return status;
}

// Calls `body` with self (wrapped in Self<Object> when asked) and the
// converted arguments.
template <bool kWrapped, typename R, typename F, typename Object, typename Arguments,
          size_t... I>
absl::StatusOr<Value> Invoke(const MethodCall& call, const F& body, const Object& self,
                             Arguments& arguments, std::index_sequence<I...>) {
  auto self_argument = [&]() -> decltype(auto) {
    if constexpr (kWrapped) {
      return Self<Object>(call, self);
    } else {
      return (self);
    }
  };
  if constexpr (std::is_void_v<R>) {
    std::invoke(body, self_argument(), std::move(*std::get<I>(arguments))...);
    return Value();
  } else {
    return ResultValue(
        call, std::invoke(body, self_argument(), std::move(*std::get<I>(arguments))...));
  }
}

// The Method running `body`, whose signature is R(SelfP, A...). `Named` is
// the object type Def was given explicitly, or void.
template <typename Named, typename F, typename R, typename SelfP, typename... A>
Method Adapt(F body, std::type_identity<R(SelfP, A...)>) {
  using Parameter = SelfParameter<std::remove_cvref_t<SelfP>>;
  using Object =
      std::conditional_t<std::is_void_v<Named>, typename Parameter::Object, Named>;
  static_assert(!std::is_same_v<Object, Heap>,
                "Def takes typed bodies; give an untyped (Heap&, Value, span) body as {name, body}");
  return Method([body = std::move(body)](const MethodCall& call,
                                         std::span<const Value> args) -> absl::StatusOr<Value> {
    if (args.size() != sizeof...(A)) return ArgumentCountError(call, sizeof...(A), args.size());
    std::optional<Object> converted_self;
    const Object* self = NativeAs<Object>(call.self);
    if (self == nullptr) {
      absl::StatusOr<Object> converted = call.registry.FromValue<Object>(call.heap, call.self);
      if (!converted.ok()) return ConversionError(call, "self", converted.status());
      self = &converted_self.emplace(*std::move(converted));
    }
    std::tuple<std::optional<std::remove_cvref_t<A>>...> arguments;
    absl::Status status =
        ConvertArguments(call, args, arguments, std::index_sequence_for<A...>());
    if (!status.ok()) return status;
    return Invoke<Parameter::kWrapped, R>(call, body, *self, arguments,
                                          std::index_sequence_for<A...>());
  });
}

}  // namespace typed_method_internal

// A method for ClassSpec::methods from a typed body (see the top of this
// file). `T` names self's type when it is not the body's first parameter
// type (a member function declared on a base struct).
template <typename T = void, typename F>
std::pair<std::string, Method> Def(std::string name, F body) {
  using Signature = typename typed_method_internal::Signature<F>::type;
  return {std::move(name),
          typed_method_internal::Adapt<T>(std::move(body), std::type_identity<Signature>())};
}

}  // namespace brine

#endif  // BRINE_REGISTRY_TYPED_METHOD_H_
