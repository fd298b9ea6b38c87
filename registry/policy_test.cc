// The three global policies and their messages.
#include "brine/registry/policy.h"

#include "gtest/gtest.h"

namespace brine {
namespace {

TEST(PolicyTest, KeepOpaqueAllowsEverything) {
  EXPECT_TRUE(GlobalPolicy().Check("os", "system").ok());
  EXPECT_TRUE(GlobalPolicy::KeepOpaque().Check("pandas.core.frame", "DataFrame").ok());
}

TEST(PolicyTest, StrictRefusesWithTheName) {
  absl::Status status = GlobalPolicy::Strict().Check("os", "system");
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(),
            "global 'os.system' is forbidden (strict policy: nothing registered it)");
}

TEST(PolicyTest, AllowListByNameAndByModule) {
  GlobalPolicy policy =
      GlobalPolicy::AllowOnly({{"collections", "OrderedDict"}, {"numpy.core.multiarray", "*"}});
  EXPECT_TRUE(policy.Check("collections", "OrderedDict").ok());
  EXPECT_TRUE(policy.Check("numpy.core.multiarray", "_reconstruct").ok());
  EXPECT_FALSE(policy.Check("collections", "Counter").ok());
  EXPECT_FALSE(policy.Check("numpy", "ndarray").ok());  // the module must match exactly
  EXPECT_EQ(policy.Check("os", "system").message(),
            "global 'os.system' is forbidden (not registered and not in the allow list)");
}

}  // namespace
}  // namespace brine
