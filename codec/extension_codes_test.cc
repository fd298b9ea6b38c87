// Runs one sequence of add_extension/remove_extension calls through brine and
// through CPython's copyreg, and compares each outcome (ok or the ValueError
// message) and the final registry contents.
#include "brine/codec/extension_codes.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

struct Call {
  bool add;  // add_extension when true, remove_extension otherwise
  std::string module, name;
  int64_t code;
};

const std::vector<Call>& Calls() {
  static const auto* const calls = new std::vector<Call>{
      {true, "geometry", "Point", 1},
      {true, "geometry", "Point", 1},  // redundant: fine
      {true, "geometry", "Line", 300},
      {true, "big.module", "Thing", 70000},
      {true, "edge", "Max", 0x7fffffff},
      {true, "edge", "Zero", 0},
      {true, "edge", "Negative", -1},
      {true, "edge", "TooBig", 0x80000000LL},
      {true, "geometry", "Point", 2},       // key already registered
      {true, "geometry", "Circle", 300},    // code already in use
      {true, "it's", "a \"quote\"", 5},     // both quote kinds in the repr
      {true, "it's", "tab\there", 6},
      {true, "it's", "tab\there", 5},       // key already registered, repr with quotes
      {false, "geometry", "Line", 301},     // wrong code
      {false, "geometry", "Nothing", 300},  // wrong key
      {false, "geometry", "Line", 300},
      {false, "geometry", "Line", 300},     // already removed
      {true, "geometry", "Circle", 300},    // code free again
  };
  return *calls;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += absl::StrCat(absl::Hex(c, absl::kZeroPad2));
  return out;
}

// Strings travel to Python hex-encoded, so nothing here needs escaping.
std::string PythonLiteral(const Call& call) {
  return absl::StrCat("(", call.add ? "True" : "False", ", bytes.fromhex('", Hex(call.module),
                      "').decode(), bytes.fromhex('", Hex(call.name), "').decode(), ", call.code,
                      ")");
}

TEST(ExtensionsTest, SameOutcomesAsCopyreg) {
  std::vector<std::string> literals;
  for (const Call& call : Calls()) literals.push_back(PythonLiteral(call));
  const std::string script = absl::StrCat(R"(
import copyreg
calls = [)", absl::StrJoin(literals, ",\n"), R"(]
for add, module, name, code in calls:
    try:
        (copyreg.add_extension if add else copyreg.remove_extension)(module, name, code)
        print('ok')
    except ValueError as e:
        print('ValueError:', e)
for code, key in sorted(copyreg._inverted_registry.items()):
    print('registered', code, key[0].encode().hex(), key[1].encode().hex())
)");
  absl::StatusOr<std::string> expected = RunPythonStdout(script);
  ASSERT_TRUE(expected.ok()) << expected.status();

  ExtensionRegistry registry;
  std::string actual;
  for (const Call& call : Calls()) {
    absl::Status status = call.add ? registry.Add(call.module, call.name, call.code)
                                   : registry.Remove(call.module, call.name, call.code);
    actual += status.ok() ? "ok\n" : absl::StrCat("ValueError: ", status.message(), "\n");
  }
  for (int64_t code : {1, 5, 6, 300, 70000, 0x7fffffff}) {
    std::optional<QualifiedName> name = registry.Lookup(code);
    if (!name) continue;
    EXPECT_EQ(registry.CodeOf(name->module, name->name), code);
    actual += absl::StrCat("registered ", code, " ", Hex(name->module), " ", Hex(name->name), "\n");
  }
  EXPECT_EQ(actual, *expected);
}

TEST(ExtensionsTest, LookupOfUnknownCodeAndName) {
  ExtensionRegistry registry;
  ASSERT_TRUE(registry.Add("geometry", "Point", 300).ok());
  EXPECT_FALSE(registry.Lookup(301).has_value());
  EXPECT_FALSE(registry.CodeOf("geometry", "Line").has_value());
  EXPECT_EQ(registry.Lookup(300), (QualifiedName{"geometry", "Point"}));
}

}  // namespace
}  // namespace brine
