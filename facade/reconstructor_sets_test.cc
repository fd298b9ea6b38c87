// Built-in reconstructor sets through the registry: on by default, switched
// off or on by name, off under a restricting policy until switched on,
// behind the user's own registrations, and encoding in every mode.
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"
#include "brine/tests/python_runner.h"
#include "brine/types/datetime.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// CPython's pickle of datetime.date(2024, 3, 1) at `protocol`.
std::string DatePickle(int protocol) {
  absl::StatusOr<std::string> hex = RunPythonStdout(absl::StrCat(
      "import datetime, pickle\n"
      "print(pickle.dumps(datetime.date(2024, 3, 1), ", protocol, ").hex(), end='')\n"));
  EXPECT_TRUE(hex.ok()) << hex.status();
  return absl::HexStringToBytes(hex.value_or(""));
}

std::string ShowWith(const Registry& registry, const std::string& pickle) {
  absl::StatusOr<Document> document = Decode(pickle, registry);
  if (!document.ok()) return std::string(document.status().message());
  return Repr(document->root()).value_or("<repr failed>");
}

constexpr char kRebuilt[] = "datetime.date(2024, 3, 1)";
constexpr char kOpaque[] = "datetime.date(b'\\x07\\xe8\\x03\\x01')";

TEST(ReconstructorSetsTest, OnByDefault) {
  Registry registry;
  EXPECT_TRUE(registry.ReconstructorSetActive("datetime"));
  EXPECT_EQ(ShowWith(registry, DatePickle(2)), kRebuilt);
}

TEST(ReconstructorSetsTest, SwitchedOffByName) {
  Registry registry;
  ASSERT_TRUE(registry.SetReconstructorSetMode("datetime", Registry::SetMode::kOff).ok());
  EXPECT_EQ(ShowWith(registry, DatePickle(3)), kOpaque);
  EXPECT_EQ(registry.SetReconstructorSetMode("no such set", Registry::SetMode::kOff).code(),
            absl::StatusCode::kNotFound);
}

TEST(ReconstructorSetsTest, StrictPolicyRefusesUntilSwitchedOn) {
  Registry registry;
  registry.set_policy(GlobalPolicy::Strict());
  EXPECT_FALSE(registry.ReconstructorSetActive("datetime"));
  absl::StatusOr<Document> refused = Decode(DatePickle(2), registry);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(registry.SetReconstructorSetMode("datetime", Registry::SetMode::kOn).ok());
  EXPECT_EQ(ShowWith(registry, DatePickle(2)), kRebuilt);
}

TEST(ReconstructorSetsTest, UserRegistrationComesFirst) {
  Registry registry;
  ASSERT_TRUE(registry
                  .AddReconstructor("datetime", "date",
                                    [](Heap& heap, const Reconstruction&) -> absl::StatusOr<Value> {
                                      return heap.NewStr("mine");
                                    })
                  .ok());
  EXPECT_EQ(ShowWith(registry, DatePickle(4)), "'mine'");
}

TEST(ReconstructorSetsTest, SetNamesAndNamesAreUnique) {
  Registry registry;
  EXPECT_EQ(registry.AddReconstructorSet({"datetime", "again"}).code(),
            absl::StatusCode::kAlreadyExists);
  ReconstructorSet clash{"other", "takes datetime.date"};
  clash.reconstructors.push_back({"datetime", "date", nullptr});
  EXPECT_EQ(registry.AddReconstructorSet(std::move(clash)).code(),
            absl::StatusCode::kAlreadyExists);
}

TEST(ReconstructorSetsTest, EncodesInEveryModeAndAtEveryProtocol) {
  for (int protocol = 0; protocol <= 5; ++protocol) {
    Registry registry;
    ASSERT_TRUE(registry.SetReconstructorSetMode("datetime", Registry::SetMode::kOff).ok());
    Heap heap;
    absl::StatusOr<std::string> bytes =
        Encode(MakeBuiltinNative(heap, Date{2024, 3, 1}), registry, {.protocol = protocol});
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_EQ(absl::BytesToHexString(*bytes), absl::BytesToHexString(DatePickle(protocol)))
        << "protocol " << protocol;
  }
}

}  // namespace
}  // namespace brine
