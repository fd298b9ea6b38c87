// Checks brine's Python 2 <-> 3 name tables against CPython's _compat_pickle,
// entry by entry, and the lookups against pickle's rules (a (module, name)
// rename wins over a module rename).
#include "brine/codec/python2_names.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

using NamePair = std::pair<std::string, std::string>;

struct PythonTables {
  std::map<NamePair, NamePair> py2_to_py3_names, py3_to_py2_names;
  std::map<std::string, std::string> py2_to_py3_modules, py3_to_py2_modules;
};

// One line per entry: table tag, then the fields, tab-separated.
constexpr char kDumpTables[] = R"(
import _compat_pickle as c
for tag, table in (('N', c.NAME_MAPPING), ('RN', c.REVERSE_NAME_MAPPING)):
    for (m, n), (m2, n2) in table.items():
        print(tag, m, n, m2, n2, sep='\t')
for tag, table in (('M', c.IMPORT_MAPPING), ('RM', c.REVERSE_IMPORT_MAPPING)):
    for m, m2 in table.items():
        print(tag, m, m2, sep='\t')
)";

PythonTables LoadPythonTables() {
  absl::StatusOr<std::string> dump = RunPythonStdout(kDumpTables);
  EXPECT_TRUE(dump.ok()) << dump.status();
  PythonTables tables;
  if (!dump.ok()) return tables;
  for (absl::string_view line : absl::StrSplit(*dump, '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f[0] == "N") tables.py2_to_py3_names[{f[1], f[2]}] = {f[3], f[4]};
    if (f[0] == "RN") tables.py3_to_py2_names[{f[1], f[2]}] = {f[3], f[4]};
    if (f[0] == "M") tables.py2_to_py3_modules[f[1]] = f[2];
    if (f[0] == "RM") tables.py3_to_py2_modules[f[1]] = f[2];
  }
  return tables;
}

const PythonTables& Python() {
  static const PythonTables* const tables = new PythonTables(LoadPythonTables());
  return *tables;
}

std::map<NamePair, NamePair> AsMap(std::span<const NameMappingEntry> table) {
  std::map<NamePair, NamePair> map;
  for (const NameMappingEntry& e : table) {
    auto [it, inserted] = map.emplace(NamePair(e.from.module, e.from.name),
                                      NamePair(e.to.module, e.to.name));
    EXPECT_TRUE(inserted) << "duplicate entry " << e.from.module << "." << e.from.name;
  }
  return map;
}

std::map<std::string, std::string> AsMap(std::span<const ModuleMappingEntry> table) {
  std::map<std::string, std::string> map;
  for (const ModuleMappingEntry& e : table) {
    EXPECT_TRUE(map.emplace(e.from, e.to).second) << "duplicate entry " << e.from;
  }
  return map;
}

NamePair AsPair(QualifiedName name) { return {std::string(name.module), std::string(name.name)}; }

TEST(NamesTest, TablesEqualCPythons) {
  ASSERT_FALSE(Python().py2_to_py3_names.empty());
  EXPECT_EQ(AsMap(Py2ToPy3NameTable()), Python().py2_to_py3_names);
  EXPECT_EQ(AsMap(Py3ToPy2NameTable()), Python().py3_to_py2_names);
  EXPECT_EQ(AsMap(Py2ToPy3ModuleTable()), Python().py2_to_py3_modules);
  EXPECT_EQ(AsMap(Py3ToPy2ModuleTable()), Python().py3_to_py2_modules);
}

TEST(NamesTest, Py2ToPy3AppliesEveryNameRename) {
  for (const auto& [from, to] : Python().py2_to_py3_names) {
    EXPECT_EQ(AsPair(Py2ToPy3({from.first, from.second})), to) << from.first << "." << from.second;
  }
}

TEST(NamesTest, Py3ToPy2AppliesEveryNameRename) {
  for (const auto& [from, to] : Python().py3_to_py2_names) {
    EXPECT_EQ(AsPair(Py3ToPy2({from.first, from.second})), to) << from.first << "." << from.second;
  }
}

TEST(NamesTest, ModuleRenamesKeepTheName) {
  for (const auto& [from, to] : Python().py2_to_py3_modules) {
    EXPECT_EQ(AsPair(Py2ToPy3({from, "no_such_name"})), NamePair(to, "no_such_name")) << from;
  }
  for (const auto& [from, to] : Python().py3_to_py2_modules) {
    EXPECT_EQ(AsPair(Py3ToPy2({from, "no_such_name"})), NamePair(to, "no_such_name")) << from;
  }
}

TEST(NamesTest, UnmappedNamesPassThrough) {
  EXPECT_EQ(AsPair(Py2ToPy3({"mypkg.models", "Thing"})), NamePair("mypkg.models", "Thing"));
  EXPECT_EQ(AsPair(Py3ToPy2({"collections", "OrderedDict"})), NamePair("collections", "OrderedDict"));
}

// What pickle itself writes at protocol 2 for builtins, and what it reads back
// from a Python 2 stream, for names whose renames differ from module renames.
TEST(NamesTest, AgreesWithPicklesOwnOutput) {
  absl::StatusOr<std::string> written = RunPythonStdout(R"(
import pickle, functools
for obj in (set, range, functools.reduce, ConnectionResetError, ModuleNotFoundError):
    data = pickle.dumps(obj, protocol=2)
    module, name = data[3:].split(b'\n')[:2]
    print(obj.__module__, obj.__qualname__, module.decode(), name.decode(), sep='\t')
)");
  ASSERT_TRUE(written.ok()) << written.status();
  int checked = 0;
  for (absl::string_view line : absl::StrSplit(*written, '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    EXPECT_EQ(AsPair(Py3ToPy2({f[0], f[1]})), NamePair(f[2], f[3])) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}

}  // namespace
}  // namespace brine
