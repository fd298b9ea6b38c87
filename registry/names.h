// Python 2 <-> Python 3 module/name mapping, as data: CPython's
// Lib/_compat_pickle.py tables (NAME_MAPPING, IMPORT_MAPPING and their
// reverses), used when `fix_imports` is on: decoding protocol 0-2 pickles maps
// `__builtin__.set` to `builtins.set`; encoding at protocol < 3 maps back.
#ifndef BRINE_REGISTRY_NAMES_H_
#define BRINE_REGISTRY_NAMES_H_

#include <string_view>

namespace brine {

struct QualifiedName {
  std::string_view module;
  std::string_view name;
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
};

// What Unpickler(fix_imports=True) does to a Python 2 (module, name): the
// result's views point into static tables or into `py2`.
QualifiedName Py2ToPy3(QualifiedName py2);
// What Pickler(fix_imports=True) does at protocol < 3.
QualifiedName Py3ToPy2(QualifiedName py3);

}  // namespace brine

#endif  // BRINE_REGISTRY_NAMES_H_
