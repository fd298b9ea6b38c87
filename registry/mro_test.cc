// C3 linearization against CPython: each hierarchy is built both here and in
// python3 (with type(name, bases, {})), and every class's MRO or TypeError
// message must match.
#include "brine/registry/mro.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// A hierarchy: classes in definition order, each with its bases.
using Hierarchy = std::vector<std::pair<std::string, std::vector<std::string>>>;

// One line per class: "name: mro names" or "name: TypeError <message>", with
// newlines in messages shown as "\n".
std::string PythonMros(const Hierarchy& hierarchy) {
  std::string script = "classes = {'object': object}\n";
  for (const auto& [name, bases] : hierarchy) {
    std::vector<std::string> base_refs;
    for (const std::string& base : bases) base_refs.push_back(absl::StrCat("classes['", base, "']"));
    absl::StrAppend(&script, "try:\n    classes['", name, "'] = type('", name, "', (",
                    absl::StrJoin(base_refs, ", "), base_refs.empty() ? "" : ",",
                    "), {})\n    print('", name,
                    ": ' + ' '.join(c.__name__ for c in classes['", name,
                    "'].__mro__))\nexcept TypeError as e:\n    print('", name,
                    ": TypeError ' + str(e).replace('\\n', '\\\\n'))\n");
  }
  absl::StatusOr<ProcessResult> result = RunPython(script);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return "";
  EXPECT_EQ(result->exit_code, 0) << result->stderr_text;
  return result->stdout_text;
}

std::string BrineMros(const Hierarchy& hierarchy) {
  std::map<std::string, std::vector<std::string>> mros = {{"object", {"object"}}};
  std::string out;
  for (const auto& [name, bases] : hierarchy) {
    std::vector<std::vector<std::string>> base_mros;
    for (const std::string& base : bases) base_mros.push_back(mros.at(base));
    if (bases.empty()) base_mros.push_back(mros.at("object"));
    absl::StatusOr<std::vector<std::string>> mro =
        C3Linearization(name, base_mros, [](std::string_view key) { return std::string(key); });
    if (mro.ok()) {
      mros[name] = *mro;
      absl::StrAppend(&out, name, ": ", absl::StrJoin(*mro, " "), "\n");
    } else {
      std::string message(mro.status().message());
      for (size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n')) {
        message.replace(at, 1, "\\n");
      }
      absl::StrAppend(&out, name, ": TypeError ", message, "\n");
    }
  }
  return out;
}

void ExpectSameAsPython(const Hierarchy& hierarchy) {
  const std::string expected = PythonMros(hierarchy);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(BrineMros(hierarchy), expected);
}

TEST(MroTest, Diamond) {
  ExpectSameAsPython({{"A", {}}, {"B", {"A"}}, {"C", {"A"}}, {"D", {"B", "C"}}});
}

// The two examples of "The Python 2.3 Method Resolution Order".
TEST(MroTest, PythonDocsFirstExample) {
  ExpectSameAsPython({{"F", {}}, {"E", {}}, {"D", {}}, {"C", {"D", "F"}}, {"B", {"D", "E"}},
                      {"A", {"B", "C"}}});
}

TEST(MroTest, PythonDocsSecondExample) {
  ExpectSameAsPython({{"F", {}}, {"E", {}}, {"D", {}}, {"C", {"D", "F"}}, {"B", {"E", "D"}},
                      {"A", {"B", "C"}}});
}

TEST(MroTest, ClassicInconsistentHierarchy) {
  ExpectSameAsPython(
      {{"A", {}}, {"B", {}}, {"C", {"A", "B"}}, {"D", {"B", "A"}}, {"E", {"C", "D"}}});
  EXPECT_NE(BrineMros({{"A", {}}, {"B", {}}, {"C", {"A", "B"}}, {"D", {"B", "A"}},
                       {"E", {"C", "D"}}})
                .find("E: TypeError Cannot create a consistent method resolution\\norder (MRO) "
                      "for bases A, B"),
            std::string::npos);
}

TEST(MroTest, BaseListedBeforeItsSubclass) {
  ExpectSameAsPython({{"A", {}}, {"C", {"A"}}, {"T", {"A", "C"}}, {"U", {"C", "A"}}});
}

TEST(MroTest, ThreeBlockedHeads) {
  ExpectSameAsPython({{"X", {}}, {"Y", {}}, {"Z", {}}, {"P", {"X", "Y"}}, {"Q", {"Y", "Z"}},
                      {"R", {"Z", "X"}}, {"S", {"P", "Q", "R"}}, {"T", {"P", "Q", "X", "Z"}}});
}

TEST(MroTest, DuplicateBase) { ExpectSameAsPython({{"A", {}}, {"S", {"A", "A"}}}); }

TEST(MroTest, ObjectListedExplicitly) {
  ExpectSameAsPython({{"A", {}}, {"B", {"object", "A"}}, {"C", {"A", "object"}}});
}

TEST(MroTest, WideAndDeep) {
  Hierarchy hierarchy = {{"K0", {}}};
  for (int i = 1; i < 30; ++i) {
    std::vector<std::string> bases = {absl::StrCat("K", i - 1)};
    if (i % 3 == 0) bases.insert(bases.begin(), absl::StrCat("M", i));
    if (i % 3 == 0) hierarchy.push_back({absl::StrCat("M", i), {}});
    hierarchy.push_back({absl::StrCat("K", i), bases});
  }
  hierarchy.push_back({"Top", {"K29", "M27", "K5"}});
  hierarchy.push_back({"Bottom", {"K5", "K29"}});
  ExpectSameAsPython(hierarchy);
}

}  // namespace
}  // namespace brine
