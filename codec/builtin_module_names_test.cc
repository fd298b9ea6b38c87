// Checks the table of builtins/copyreg/_codecs names against the running
// CPython entry by entry (regenerate it with tools/gen_builtin_module_names.py
// when this fails after a Python upgrade), and CheckBuiltinModuleName's
// verdicts against CPython's find_class.
#include "brine/codec/builtin_module_names.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// One line per name: module, name, type name, kind; tab-separated.
constexpr char kDumpNames[] = R"(
import builtins, copyreg, _codecs
for module in (builtins, copyreg, _codecs):
    for name in dir(module):
        value = getattr(module, name)
        kind = 'type' if isinstance(value, type) else 'callable' if callable(value) else 'data'
        print(module.__name__, name, type(value).__name__, kind, sep='\t')
)";

std::string_view KindText(BuiltinNameKind kind) {
  switch (kind) {
    case BuiltinNameKind::kType: return "type";
    case BuiltinNameKind::kCallable: return "callable";
    case BuiltinNameKind::kData: return "data";
  }
  return "?";
}

TEST(BuiltinModuleNamesTest, TableIsCPythons) {
  absl::StatusOr<std::string> dump = RunPythonStdout(kDumpNames);
  ASSERT_TRUE(dump.ok()) << dump.status();
  std::set<std::string> expected;
  for (absl::string_view line : absl::StrSplit(*dump, '\n', absl::SkipEmpty())) expected.emplace(line);
  std::set<std::string> table;
  for (const BuiltinModuleName& entry : BuiltinModuleNames()) {
    table.insert(absl::StrCat(ToAbsl(entry.module), "\t", ToAbsl(entry.name), "\t", ToAbsl(entry.type_name), "\t",
                              ToAbsl(KindText(entry.kind))));
  }
  EXPECT_EQ(table, expected) << "regenerate codec/builtin_module_names.inc with tools/gen_builtin_module_names.py";
}

TEST(BuiltinModuleNamesTest, FindsEachEntry) {
  for (const BuiltinModuleName& entry : BuiltinModuleNames()) {
    EXPECT_EQ(FindBuiltinModuleName(entry.module, entry.name), &entry) << entry.module << "." << entry.name;
  }
  EXPECT_EQ(FindBuiltinModuleName("builtins", "no_such_name"), nullptr);
  EXPECT_EQ(FindBuiltinModuleName("collections", "OrderedDict"), nullptr);
}

// Whether CPython's find_class at `protocol` finds module.qualname.
bool CPythonFinds(const std::string& module, const std::string& qualname, int protocol) {
  absl::StatusOr<std::string> found = RunPythonStdout(
      "import io, pickle, sys\n"
      "u = pickle.Unpickler(io.BytesIO(bytes([0x80, int(sys.argv[3])]) + b'N.'))\n"
      "u.load()\n"  // sets the unpickler's protocol
      "try:\n"
      "    u.find_class(sys.argv[1], sys.argv[2])\n"
      "    print('found')\n"
      "except AttributeError as e:\n"
      "    print('AttributeError')\n",
      {module, qualname, std::to_string(protocol)});
  EXPECT_TRUE(found.ok()) << found.status();
  return found.ok() && *found == "found\n";
}

TEST(BuiltinModuleNamesTest, CheckAgreesWithFindClass) {
  const std::pair<std::string, std::string> names[] = {
      {"builtins", "list"},         {"builtins", "no_such_name"}, {"builtins", "list.append"},
      {"builtins", "nope.append"},  {"copyreg", "_reconstructor"}, {"copyreg", "no_such_name"},
      {"_codecs", "encode"},        {"_codecs", "no_such_name"},  {"builtins", ""},
  };
  for (int protocol : {2, 4}) {
    for (const auto& [module, qualname] : names) {
      EXPECT_EQ(CheckBuiltinModuleName(module, qualname, protocol).ok(), CPythonFinds(module, qualname, protocol))
          << module << "." << qualname << " at protocol " << protocol;
    }
  }
  EXPECT_EQ(CheckBuiltinModuleName("builtins", "no_such_name", 2).message(),
            "Can't get attribute 'no_such_name' on <module 'builtins' (built-in)>");
  EXPECT_TRUE(CheckBuiltinModuleName("collections", "no_such_name", 2).ok());
}

}  // namespace
}  // namespace brine
