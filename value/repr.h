// Python-exact repr() of values, and the building blocks (float, str, bytes)
// the disassembler and encoder also need.
//
// Built-in kinds print exactly as CPython 3.11's repr() prints them,
// recursion included (`[[...]]`, `{'a': {...}}`, `(...)`, `set(...)`).
// Other kinds get a readable, stable form:
//
//   Global          module.qualname                      collections.OrderedDict
//   Instance        Cls(k=v, ...) when args and kwargs are empty, there are no
//                   list/dict items and the state is a dict of identifier keys:
//                                                        geometry.Point(x=1, y=2)
//                   otherwise Cls.__new__(Cls, *args, k=v) plus suffixes:
//                                                        m.C.__new__(m.C, 3).__setstate__((None, {'a': 1}))
//   Reduce          callable(*args) plus suffixes        collections.OrderedDict().update({'a': 1})
//     suffixes, in the order pickle applies them: `.extend([items])` for list
//     items, `.update({k: v})` for dict items, `.__setstate__(state)` for the
//     state, `.__setstate__(state, setter=f)` when a state setter was given.
//   BoundMethod     <bound method Qual.name of REPR(self)>
//   PersistentId    persistent_load(REPR(pid))
//   Buffer          PickleBuffer(index=N[, readonly=True][, nbytes=N])
//   Native          its format's text when it has one (value/native_format.h:
//                   the built-in types, `datetime.date(2024, 3, 1)`); else
//                   REPR(origin), the node it stands for: the Reduce/Instance it
//                   was rebuilt from, or its registered reducer's result
//                   (Registry::ToValue); <native TYPE_NAME> when it has none
//   an Instance, Reduce, BoundMethod, PersistentId or Native met again inside itself: ...
//
// Repr never recurses on the native stack, so arbitrarily deep graphs print safely.
#ifndef BRINE_VALUE_REPR_H_
#define BRINE_VALUE_REPR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/bigint.h"
#include "brine/value/text_output.h"
#include "brine/value/value.h"

namespace brine {

// Default ReprOptions::max_output_bytes: 256 MiB.
inline constexpr size_t kDefaultMaxReprBytes = size_t{256} << 20;

struct ReprOptions {
  // Largest int printed in decimal; CPython 3.11's sys.get_int_max_str_digits()
  // default. 0 means no limit.
  size_t max_int_digits = kDefaultMaxIntDigits;
  // Longest text Repr may produce, in bytes; 0 means no limit. A shared object
  // is printed in full at each reference (as CPython does), so a few hundred
  // bytes of pickle can stand for 2**40 elements: past the limit Repr stops
  // and fails with ResourceExhausted instead of running without end.
  size_t max_output_bytes = kDefaultMaxReprBytes;
};

// repr(value). Fails with InvalidArgument when an int exceeds
// `max_int_digits`, with ResourceExhausted when the text would be longer than
// `max_output_bytes`.
absl::StatusOr<std::string> Repr(Value value, const ReprOptions& options = {});

// repr(value), handed to `flush` in chunks of about 64 KiB as it is produced
// (value/text_output.h), so memory stays bounded however long the text. On an
// error, what was flushed stays flushed: past `max_output_bytes`, exactly the
// first `max_output_bytes` bytes.
absl::Status WriteRepr(Value value, TextOutput::Flush flush, const ReprOptions& options = {});

// repr(float): shortest round-trip digits, `1e+16`, `1e-05`, `inf`, `nan`, `-0.0`.
std::string ReprFloat(double value);
// ReprFloat appended to `out` (no temporary string).
void AppendReprFloat(std::string& out, double value);
// Python's float repr without the ".0" CPython adds to integral values
// (the form complex() and the `r` format use): 1.0 -> "1".
std::string ReprFloatNoDotZero(double value);
// repr(str) of a UTF-8 (surrogates allowed) string, quotes included.
std::string ReprStr(std::string_view utf8);
// ReprStr appended to `out` (no temporary string).
void AppendReprStr(std::string& out, std::string_view utf8);
// ascii(str): like ReprStr but every non-ASCII character escaped.
std::string AsciiStr(std::string_view utf8);
// repr(bytes), `b'...'` included.
std::string ReprBytes(std::string_view data);
// repr(bytearray), `bytearray(b'...')` included. Unlike bytes, CPython escapes
// a single quote even inside double quotes: bytearray(b"\'").
std::string ReprByteArray(std::string_view data);

// True when CPython 3.11's str.isprintable() holds for the code point.
bool IsPrintable(uint32_t code_point);

}  // namespace brine

#endif  // BRINE_VALUE_REPR_H_
