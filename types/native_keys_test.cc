// The values the built-in reconstructor sets rebuild, as set elements and
// dict keys, against CPython 3.11 (testdata/native_key_cases.py): brine
// refuses the unhashable ones (slice, OrderedDict, deque, array.array,
// numpy.ndarray, ...) with CPython's message, and merges the hashable ones
// Python's `==` merges (equal dates; Decimal(1), 1, Fraction(1) and 1.0).
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// Debian's python3, the one that sees numpy.
constexpr char kNumpyPython[] = "/usr/bin/python3";

struct Case {
  std::string name;
  std::string pickle;
  std::string outcome;  // "ok <repr>" or "error <message>"
};

std::vector<Case> LoadCases() {
  absl::StatusOr<ProcessResult> run = RunProcess({kNumpyPython, "types/testdata/native_key_cases.py"});
  EXPECT_TRUE(run.ok()) << run.status();
  if (!run.ok()) return {};
  EXPECT_EQ(run->exit_code, 0) << run->stderr_text;
  std::vector<Case> cases;
  for (absl::string_view row : absl::StrSplit(run->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(row, absl::MaxSplits('\t', 2));
    EXPECT_EQ(fields.size(), 3u) << row;
    if (fields.size() == 3) cases.push_back({fields[0], absl::HexStringToBytes(fields[1]), fields[2]});
  }
  return cases;
}

std::string BrineOutcome(const Registry& registry, const std::string& pickle) {
  absl::StatusOr<Document> document = Decode(pickle, registry);
  if (!document.ok()) return absl::StrCat("error ", document.status().message());
  return absl::StrCat("ok ", Repr(document->root()).value_or("<repr failed>"));
}

TEST(NativeKeysTest, AgreeWithCPython) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 120u);
  const Registry registry;
  size_t refused = 0;
  for (const Case& item : cases) {
    const std::string got = BrineOutcome(registry, item.pickle);
    if (absl::StartsWith(item.outcome, "ok ")) {
      EXPECT_EQ(got, item.outcome) << item.name;
      continue;
    }
    ++refused;
    EXPECT_TRUE(absl::StartsWith(got, "error ") && absl::StrContains(got, item.outcome.substr(6)))
        << item.name << ": CPython " << item.outcome << ", brine " << got;
  }
  std::cout << "native keys: " << cases.size() << " pickles, " << refused << " refused by CPython\n";
}

// Without the sets, the same pickles keep their calls as opaque nodes,
// hashed by identity, as any object of a class brine does not know.
TEST(NativeKeysTest, OpaqueNodesAreKeysByIdentity) {
  Registry registry;
  for (const ReconstructorSet* set : registry.reconstructor_sets()) {
    ASSERT_TRUE(registry.SetReconstructorSetMode(set->name, Registry::SetMode::kOff).ok());
  }
  size_t checked = 0;
  for (const Case& item : LoadCases()) {
    if (item.name != "slice_in_set" && item.name != "equal_dates_in_set") continue;
    ++checked;
    const std::string got = BrineOutcome(registry, item.pickle);
    EXPECT_TRUE(absl::StartsWith(got, "ok {")) << item.name << ": " << got;
  }
  EXPECT_EQ(checked, 2u);
}

}  // namespace
}  // namespace brine
