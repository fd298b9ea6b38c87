// The REDUCE calls CPython's own pickler writes for built-in types, rebuilt
// into brine's real kinds instead of Reduce nodes:
//
//   builtins.set(list)                       -> set
//   builtins.frozenset(list)                 -> frozenset
//   builtins.bytearray() / (bytes) / (str, 'latin-1') -> bytearray
//   builtins.bytes()                         -> b''
//   _codecs.encode(str, 'latin1')            -> bytes
//   builtins.complex(real, imag)             -> complex
//   copyreg._reconstructor(cls, builtins.object, None) -> Instance(cls, ())
//   copyreg.__newobj__(cls, arg, ...)        -> Instance(cls, (arg, ...))
//   copyreg.__newobj_ex__(cls, args, kwargs) -> Instance(cls, args, kwargs), kwargs not empty
//
// Python 2 module spellings (__builtin__, copy_reg) are recognised too. Any
// other form, or arguments of other types, is left alone (nullopt), and the
// decoder keeps a Reduce node, so nothing is lost.
#ifndef BRINE_CODEC_BUILTIN_REBUILDS_H_
#define BRINE_CODEC_BUILTIN_REBUILDS_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// The value `callable(*args)` stands for when it is one of the forms above
// (`args` is a Tuple); nullopt otherwise. Fails only when a set's elements
// are unhashable, as Python's set() would.
absl::StatusOr<std::optional<Value>> RebuildBuiltin(Heap& heap, Value callable, Value args);

// Whether `module.name` is one of the names above (callables and the
// builtins.object argument), which RebuildBuiltin may consume: a policy check
// on them waits until decoding ends, when only the ones left remain.
bool IsRebuiltBuiltinName(std::string_view module, std::string_view name);

}  // namespace brine

#endif  // BRINE_CODEC_BUILTIN_REBUILDS_H_
