// Python 2 <-> Python 3 module/name mapping, as data: CPython's
// Lib/_compat_pickle.py tables (NAME_MAPPING, IMPORT_MAPPING and their
// reverses), used when `fix_imports` is on: decoding protocol 0-2 pickles maps
// `__builtin__.set` to `builtins.set`; encoding at protocol < 3 maps back.
#ifndef BRINE_CODEC_PYTHON2_NAMES_H_
#define BRINE_CODEC_PYTHON2_NAMES_H_

#include <span>
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

// The four tables behind Py2ToPy3/Py3ToPy2, exposed so tests can compare them
// entry by entry with CPython's _compat_pickle.
struct NameMappingEntry {
  QualifiedName from;
  QualifiedName to;
};
struct ModuleMappingEntry {
  std::string_view from;
  std::string_view to;
};
std::span<const NameMappingEntry> Py2ToPy3NameTable();      // NAME_MAPPING
std::span<const ModuleMappingEntry> Py2ToPy3ModuleTable();  // IMPORT_MAPPING
std::span<const NameMappingEntry> Py3ToPy2NameTable();      // REVERSE_NAME_MAPPING
std::span<const ModuleMappingEntry> Py3ToPy2ModuleTable();  // REVERSE_IMPORT_MAPPING

}  // namespace brine

#endif  // BRINE_CODEC_PYTHON2_NAMES_H_
