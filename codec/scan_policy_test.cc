// Tests for JudgeName and ScanAllowList: the order of the allow and deny
// lists, names reached behind another module's attributes, and the user's
// list. Which names CPython's own pickles need allowed is pinned by
// cli/scan_corpus_test.cc.
#include "brine/codec/scan_policy.h"

#include <string>

#include "gtest/gtest.h"

namespace brine {
namespace {

ScanVerdict VerdictOf(std::string_view module, std::string_view qualname, const ScanAllowList* user = nullptr) {
  return JudgeName(module, qualname, user).verdict;
}

TEST(ScanPolicyTest, BuiltInAllowListIsExact) {
  EXPECT_EQ(VerdictOf("collections", "OrderedDict"), ScanVerdict::kAllowed);
  EXPECT_EQ(JudgeName("copyreg", "_reconstructor", nullptr).kind, AllowKind::kRebuildsFirstArgument);
  // The same object spelled through an attribute walk is not on the list.
  EXPECT_EQ(VerdictOf("numpy", "core.multiarray._reconstruct"), ScanVerdict::kUnknown);
  EXPECT_EQ(VerdictOf("collections", "OrderedDict.fromkeys"), ScanVerdict::kUnknown);
  EXPECT_EQ(JudgeName("os", "getcwd", nullptr).reason, "not on the allow list");
}

TEST(ScanPolicyTest, PublicMembersOfListedTypes) {
  EXPECT_EQ(VerdictOf("builtins", "list.append"), ScanVerdict::kAllowed);
  EXPECT_EQ(VerdictOf("builtins", "str.lower"), ScanVerdict::kAllowed);
  EXPECT_EQ(VerdictOf("builtins", "list._private"), ScanVerdict::kUnknown);
  EXPECT_EQ(VerdictOf("builtins", "list.append.x"), ScanVerdict::kUnknown);
  EXPECT_EQ(VerdictOf("builtins", "str.format"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("builtins", "list.__class__"), ScanVerdict::kDangerous);
}

TEST(ScanPolicyTest, DangerousNamesWherefindClassReachesThem) {
  EXPECT_EQ(JudgeName("os", "system", nullptr).reason, "runs a shell command");
  EXPECT_EQ(VerdictOf("subprocess", "Popen.__init__"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("pathlib", "os.system"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("os.path", "os.system"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("reprlib", "builtins.exec"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("tempfile", "_shutil.rmtree"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("asyncio", "subprocess.create_subprocess_shell"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("builtins", "object.__getattribute__"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("numpy", "lib.npyio.load"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("_io", "FileIO"), ScanVerdict::kDangerous);
  EXPECT_EQ(VerdictOf("pathlib", "PosixPath.touch"), ScanVerdict::kDangerous);
}

TEST(ScanPolicyTest, UserListAllowsModulesAndNamesButNotDangers) {
  ScanAllowList user;
  ASSERT_TRUE(user.Add("mypackage").ok());
  ASSERT_TRUE(user.Add("other.Task").ok());
  EXPECT_EQ(VerdictOf("mypackage.models", "Task", &user), ScanVerdict::kAllowed);
  EXPECT_EQ(VerdictOf("mypackage", "models.Task.run", &user), ScanVerdict::kAllowed);
  EXPECT_EQ(VerdictOf("other", "Task.method", &user), ScanVerdict::kAllowed);
  EXPECT_EQ(VerdictOf("other", "Taskforce", &user), ScanVerdict::kUnknown);
  EXPECT_EQ(VerdictOf("mypackagex", "Task", &user), ScanVerdict::kUnknown);
  EXPECT_EQ(VerdictOf("mypackage", "os.system", &user), ScanVerdict::kDangerous);
}

TEST(ScanPolicyTest, AllowFileTextAndErrors) {
  ScanAllowList user;
  EXPECT_TRUE(user.AddFileText("# mine\nmypackage.models  # models\n\n  other\n").ok());
  EXPECT_TRUE(user.Allows("mypackage.models.Task"));
  EXPECT_TRUE(user.Allows("other"));
  EXPECT_FALSE(user.Allows("mypackage"));
  absl::Status bad = user.AddFileText("ok\nnot valid\n");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.message()).find("line 2"), std::string::npos) << bad;
  EXPECT_FALSE(user.Add("a..b").ok());
  EXPECT_FALSE(user.Add("").ok());
  EXPECT_FALSE(user.Add("1abc").ok());
}

}  // namespace
}  // namespace brine
