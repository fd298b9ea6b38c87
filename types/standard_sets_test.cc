// The standard library's reconstructor sets against CPython, with values
// generated at test time (testdata/standard_cases.py): for each type, many
// values at protocols 0 to 5 (and Python 2 pickles), `show` text equal to
// repr(), JSON equal to the form the generator computes, re-encoding equal
// to CPython's bytes, and the C++ accessors equal to Python's values.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"
#include "brine/tests/python_runner.h"
#include "brine/types/standard_facts.h"
#include "brine/value/json.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

struct Case {
  std::string type;
  int protocol = 0;
  std::string encoding;
  std::string pickle, repr, json, reencode, facts;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Unbase64(absl::string_view text) {
  std::string bytes;
  EXPECT_TRUE(absl::Base64Unescape(text, &bytes)) << text;
  return bytes;
}

std::vector<Case> LoadCases() {
  const std::string script = ReadFile("types/testdata/standard_cases.py");
  EXPECT_FALSE(script.empty()) << "types/testdata/standard_cases.py not found";
  absl::StatusOr<std::string> output = RunPythonStdout(script);
  EXPECT_TRUE(output.ok()) << output.status();
  std::vector<Case> cases;
  for (absl::string_view row : absl::StrSplit(output.value_or(""), '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(row, '\t');
    EXPECT_EQ(fields.size(), 8u) << row;
    if (fields.size() != 8) continue;
    Case item{fields[0], std::stoi(fields[1]), fields[2], Unbase64(fields[3]), Unbase64(fields[4]),
              Unbase64(fields[5]), Unbase64(fields[6]), fields[7]};
    cases.push_back(std::move(item));
  }
  return cases;
}

std::string Describe(const Case& item) {
  return absl::StrCat(item.type, " at protocol ", item.protocol, " (encoding ", item.encoding,
                      "): ", item.repr);
}

TEST(StandardSetsTest, AgreeWithCPython) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_FALSE(cases.empty());
  const Registry registry;
  absl::flat_hash_set<std::string> types;
  size_t show_equal = 0;
  for (const Case& item : cases) {
    if (!absl::StartsWith(item.type, "list of")) {  // "python2 datetime.date" counts as datetime.date
      types.insert(std::string(absl::StripPrefix(item.type, "python2 ")));
    }
    DecodeOptions options;
    options.encoding = item.encoding;
    absl::StatusOr<Document> document = Decode(item.pickle, registry, options);
    ASSERT_TRUE(document.ok()) << Describe(item) << ": " << document.status();
    const std::string shown = Repr(document->root()).value_or("<repr failed>");
    EXPECT_EQ(shown, item.repr) << Describe(item);
    show_equal += shown == item.repr;
    EXPECT_EQ(ToJson(document->root()).value_or("<json failed>"), item.json) << Describe(item);
    absl::StatusOr<std::string> reencoded =
        Encode(document->root(), registry, {.protocol = item.protocol});
    ASSERT_TRUE(reencoded.ok()) << Describe(item) << ": " << reencoded.status();
    EXPECT_EQ(absl::BytesToHexString(*reencoded), absl::BytesToHexString(item.reencode))
        << Describe(item);
    if (!item.facts.empty()) EXPECT_EQ(StandardFacts(document->root()), item.facts) << Describe(item);
  }
  std::cout << "standard sets: " << types.size() << " Python types, " << cases.size()
            << " pickles (values x protocols, Python 2 forms, lists of them) checked; show equal "
               "to repr for "
            << show_equal << " of " << cases.size() << "\n";
}

}  // namespace
}  // namespace brine
