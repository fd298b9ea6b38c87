// The "numpy" reconstructor set inside a Registry: Python values holding
// arrays, scalars and dtypes (pickled by Debian's numpy at protocols 0 to 5,
// testdata/numpy_set_cases.py) decode into Natives that print as CPython's
// repr() of the whole value, write JSON as tolist() would, and encode back
// to numpy's bytes.
#include "brine/types/numpy/numpy_set.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"
#include "brine/tests/python_runner.h"
#include "brine/value/json.h"
#include "brine/value/repr.h"
#include "gtest/gtest.h"

namespace brine::numpy {
namespace {

Value Field(Value dict, std::string_view key) {
  for (const auto& [k, v] : dict.as<Dict>()->items) {
    if (k.kind() == Kind::kStr && k.as<Str>()->utf8 == key) return v;
  }
  return Value::None();
}

TEST(NumpySet, ValuesHoldingNumpyObjects) {
  absl::StatusOr<ProcessResult> run =
      RunProcess({"/usr/bin/python3", "types/numpy/testdata/numpy_set_cases.py"});
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_EQ(run->exit_code, 0) << run->stderr_text;
  absl::StatusOr<Document> cases = Decode(run->stdout_text);
  ASSERT_TRUE(cases.ok()) << cases.status();
  Registry registry;
  ASSERT_TRUE(registry.ReconstructorSetActive("numpy"));
  int checked = 0, repr_equal = 0;
  for (Value c : cases->root().as<List>()->items) {
    const std::string where = absl::StrCat(std::string(Field(c, "name").as<Str>()->utf8),
                                           " protocol ", Field(c, "protocol").as_int());
    const int protocol = static_cast<int>(Field(c, "protocol").as_int());
    const std::string_view pickle = Field(c, "pickle").as<Bytes>()->data;
    absl::StatusOr<Document> doc = Decode(pickle, registry);
    ASSERT_TRUE(doc.ok()) << where << ": " << doc.status();

    absl::StatusOr<std::string> repr = Repr(doc->root());
    ASSERT_TRUE(repr.ok()) << where << ": " << repr.status();
    EXPECT_EQ(*repr, Field(c, "repr").as<Str>()->utf8) << where;
    repr_equal += *repr == Field(c, "repr").as<Str>()->utf8;

    absl::StatusOr<std::string> json = ToJson(doc->root());
    absl::StatusOr<Document> plain_doc =
        Decode(*Encode(Field(c, "plain"), {.protocol = 4}), registry);
    ASSERT_TRUE(json.ok() && plain_doc.ok()) << where;
    EXPECT_EQ(*json, *ToJson(plain_doc->root())) << where;

    absl::StatusOr<std::string> written = Encode(doc->root(), registry, {.protocol = protocol});
    ASSERT_TRUE(written.ok()) << where << ": " << written.status();
    EXPECT_EQ(*written, pickle) << where;
    ++checked;
  }
  std::cout << checked << " pickles of values holding numpy objects: repr equal " << repr_equal
            << "\n";
}

TEST(NumpySet, TypedAccessAndSwitchingTheSetOff) {
  absl::StatusOr<ProcessResult> run =
      RunProcess({"/usr/bin/python3", "-c",
                  "import numpy, pickle, sys\n"
                  "sys.stdout.buffer.write(pickle.dumps(numpy.arange(3), protocol=4))\n"});
  ASSERT_TRUE(run.ok() && run->exit_code == 0);
  Registry registry;
  absl::StatusOr<Document> on = Decode(run->stdout_text, registry, {.borrow_input = true});
  ASSERT_TRUE(on.ok()) << on.status();
  const NdArray* array = NativeAs<NdArray>(on->root());
  ASSERT_NE(array, nullptr);
  EXPECT_EQ(*array->At<int64_t>({2}), 2);
  EXPECT_GE(array->data.data(), run->stdout_text.data());  // a view of the input

  ASSERT_TRUE(registry.SetReconstructorSetMode("numpy", Registry::SetMode::kOff).ok());
  absl::StatusOr<Document> off = Decode(run->stdout_text, registry);
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_EQ(off->root().kind(), Kind::kReduce);
  absl::StatusOr<std::string> written = Encode(off->root(), registry, {.protocol = 4});
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, run->stdout_text);
}

}  // namespace
}  // namespace brine::numpy
