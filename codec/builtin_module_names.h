// The names CPython 3.11's `builtins`, `copyreg` and `_codecs` modules
// define, as data (builtin_module_names.inc, generated from the interpreter
// by tools/gen_builtin_module_names.py). These modules are part of every Python, so
// the decoder can refuse what Unpickler.find_class would refuse there
// (`builtins.no_such_name`), and NEWOBJ or REDUCE of a name that is not a
// class or not callable, without importing anything.
#ifndef BRINE_CODEC_BUILTIN_MODULE_NAMES_H_
#define BRINE_CODEC_BUILTIN_MODULE_NAMES_H_

#include <span>
#include <string_view>

#include "absl/status/status.h"

namespace brine {

enum class BuiltinNameKind {
  kType,      // a class: NEWOBJ may instantiate it
  kCallable,  // a function, method or other callable that is not a class
  kData,      // anything else (builtins.None, copyreg.dispatch_table, ...)
};

struct BuiltinModuleName {
  std::string_view module;
  std::string_view name;
  std::string_view type_name;  // type(value).__name__
  BuiltinNameKind kind;
};

// Every entry, sorted by module then name.
std::span<const BuiltinModuleName> BuiltinModuleNames();

// Whether `module` is one of the three modules the table covers.
bool IsBuiltinModule(std::string_view module);

// The entry for `module.name`, or null when the module is not covered or
// does not define the name.
const BuiltinModuleName* FindBuiltinModuleName(std::string_view module, std::string_view name);

// What find_class(module, qualname) at `protocol` does when `module` is
// covered: OK when the name's first component exists (at protocol 4 and up a
// dotted qualname is looked up attribute by attribute; the attributes below
// the module are not checked), else the AttributeError CPython raises. OK for
// any other module.
absl::Status CheckBuiltinModuleName(std::string_view module, std::string_view qualname, int protocol);

}  // namespace brine

#endif  // BRINE_CODEC_BUILTIN_MODULE_NAMES_H_
