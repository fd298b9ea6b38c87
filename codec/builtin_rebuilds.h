// The REDUCE calls CPython's own pickler writes for built-in types, rebuilt
// into brine's real kinds instead of Reduce nodes:
//
//   builtins.list() / dict() / tuple() / str() / int() / float() / ... -> the empty value
//   builtins.set(list, tuple or set)         -> set
//   builtins.frozenset(list, tuple or set)   -> frozenset
//   builtins.bytearray() / (bytes) / (str, 'latin-1') -> bytearray
//   builtins.bytes()                         -> b''
//   _codecs.encode(str, 'latin1')            -> bytes
//   _codecs.encode(str)                      -> bytes (UTF-8)
//   builtins.complex(real, imag)             -> complex
//   copyreg._reconstructor(cls, builtins.object, None) -> Instance(cls, ())
//   copyreg.__newobj__(cls, arg, ...)        -> Instance(cls, (arg, ...))
//   copyreg.__newobj_ex__(cls, args, kwargs) -> Instance(cls, args, kwargs), kwargs not empty
//
// and NEWOBJ of a built-in type, `cls.__new__(cls, *args)` (NEWOBJ_EX too,
// with no keyword arguments):
//
//   list, dict, set, bytearray (any arguments) -> empty
//   tuple, frozenset (nothing or a list, tuple or set) -> tuple, frozenset
//   str, bytes, int, bool, float, complex (no arguments) -> '', b'', 0, ...
//
// Only Python 3 names are recognised: the decoder maps Python 2 spellings
// (__builtin__, copy_reg) first, below protocol 3, as CPython does. Any other
// form, or arguments of other types, is left alone (nullopt), and the decoder
// keeps a Reduce or Instance node, so nothing is lost. A call CPython refuses
// whatever its arguments' values (set with two arguments) fails with CPython's
// TypeError text.
#ifndef BRINE_CODEC_BUILTIN_REBUILDS_H_
#define BRINE_CODEC_BUILTIN_REBUILDS_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/equality.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// The value `callable(*args)` stands for when it is one of the forms above
// (`args` is a Tuple); nullopt otherwise. Fails as Python would when a set's
// elements are unhashable, set() or frozenset() gets two arguments, or
// _codecs.encode meets a lone surrogate. `hashes` (value/equality.h) serves
// the elements of a set built.
absl::StatusOr<std::optional<Value>> RebuildBuiltin(Heap& heap, Value callable, Value args,
                                                    KeyHashCache* hashes = nullptr);

// The value NEWOBJ of `cls` with `args` (a Tuple) gives when `cls` is one of
// the built-in types above; nullopt otherwise.
absl::StatusOr<std::optional<Value>> RebuildBuiltinNew(Heap& heap, Value cls, Value args,
                                                       KeyHashCache* hashes = nullptr);

// Whether `module.name` is one of the names above (callables and the
// builtins.object argument), which RebuildBuiltin may consume: a policy check
// on them waits until decoding ends, when only the ones left remain.
bool IsRebuiltBuiltinName(std::string_view module, std::string_view name);

}  // namespace brine

#endif  // BRINE_CODEC_BUILTIN_REBUILDS_H_
