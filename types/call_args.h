// Reading the pickled call a built-in set rebuilds: its positional
// arguments and the argument kinds the standard library's reducers write.
#ifndef BRINE_TYPES_CALL_ARGS_H_
#define BRINE_TYPES_CALL_ARGS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "brine/registry/reduce.h"
#include "brine/value/value.h"

namespace brine {

// The call's positional arguments (empty when none).
std::span<const Value> CallArgs(const Reconstruction& call);

// Whether the call is a plain `f(*args)`: no keyword arguments, list or
// dict items, state setter (a state is checked by each type).
bool IsPlainCall(const Reconstruction& call);

// An int argument that fits int64 (bool is not taken).
std::optional<int64_t> SmallInt(Value value);

// The bytes of a `bytes` argument, or of a Python 2 str as pickle.loads
// gives it with encoding='latin1' (a str whose characters are all below
// U+0100); nullopt otherwise.
std::optional<std::string> BytesOrLatin1Str(Value value);

// A str argument's UTF-8 text.
std::optional<std::string_view> StrText(Value value);

}  // namespace brine

#endif  // BRINE_TYPES_CALL_ARGS_H_
