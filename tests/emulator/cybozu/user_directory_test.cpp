#include "emulator/cybozu/user_directory.h"

#include <gtest/gtest.h>

#include <thread>

namespace teichaku::emulator::cybozu {
namespace {

DirectoryOptions options() {
  DirectoryOptions o;
  o.adminPassword = "admin-pass";
  return o;
}

UserInput newUser(const std::string& code, const std::string& password = "pw-12345678") {
  UserInput input;
  input.code = code;
  input.name = "表示名";
  input.password = password;
  return input;
}

OrganizationInput newOrg(const std::string& code, const std::string& parent = "") {
  OrganizationInput input;
  input.code = code;
  input.name = code + "課";
  input.parentCode = parent;
  return input;
}

TEST(UserDirectory, BuiltInAdministratorUsesTheStartPassword) {
  UserDirectory directory(options());
  EXPECT_TRUE(directory.checkPassword("Administrator", "admin-pass"));
  EXPECT_FALSE(directory.checkPassword("Administrator", "wrong"));
  EXPECT_TRUE(directory.isAdministrator("Administrator"));
  const auto admin = directory.userByCode("Administrator");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->services.count("kintone"), 1u);
  EXPECT_EQ(admin->services.count("garoon"), 1u);
}

TEST(UserDirectory, PasswordIsStoredOnlyAsSaltedHash) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addUsers({newUser("a", "same-pass"), newUser("b", "same-pass")}));
  const auto a = directory.userByCode("a");
  const auto b = directory.userByCode("b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->password.digest.find("same-pass"), std::string::npos);
  EXPECT_EQ(a->password.digest.size(), 32u);  // SHA-256 output
  // Different salts make equal passwords hash differently.
  EXPECT_NE(a->password.digest, b->password.digest);
  EXPECT_TRUE(directory.checkPassword("a", "same-pass"));
  EXPECT_FALSE(directory.checkPassword("a", "same-pasS"));
}

TEST(UserDirectory, SuspendedUserCannotAuthenticate) {
  UserDirectory directory(options());
  auto input = newUser("suspended");
  input.valid = false;
  ASSERT_FALSE(directory.addUsers({input}));
  EXPECT_EQ(directory.authenticate("suspended", "pw-12345678"), AuthResult::kInactive);
  EXPECT_EQ(directory.authenticate("suspended", "bad"), AuthResult::kUnknownUserOrPassword);
  EXPECT_EQ(directory.authenticate("nobody", "pw-12345678"), AuthResult::kUnknownUserOrPassword);
}

// garoon-cybozu-api.md A1 "Identifiers": Garoon IDs are not cybozu.com IDs.
TEST(UserDirectory, GaroonAndCybozuIdsAreDisjointAndJoinedByCode) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addUsers({newUser("sato")}));
  const auto sato = directory.userByCode("sato");
  ASSERT_TRUE(sato);
  EXPECT_EQ(sato->id, "2");           // Administrator is 1
  EXPECT_EQ(sato->garoonId, "1002");  // Administrator is 1001
  EXPECT_EQ(directory.userByGaroonId("1002")->code, "sato");
  EXPECT_FALSE(directory.userByGaroonId("2"));
}

TEST(UserDirectory, BatchIsAllOrNothing) {
  UserDirectory directory(options());
  const auto error = directory.addUsers({newUser("ok"), newUser("ok")});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->field, "users[1].code");
  EXPECT_FALSE(directory.userByCode("ok"));
  EXPECT_TRUE(directory.changes().empty());
}

// U-users/update-users-departments: the list replaces all memberships.
TEST(UserDirectory, OrganizationMembershipsAreReplacedWhole) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addOrganizations({newOrg("a"), newOrg("b")}));
  ASSERT_FALSE(directory.addUsers({newUser("u")}));
  ASSERT_FALSE(directory.setUserOrganizations({{"u", {{"a", ""}, {"b", ""}}}}));
  ASSERT_FALSE(directory.setUserOrganizations({{"u", {{"b", ""}}}}));
  EXPECT_TRUE(directory.usersOfOrganization("a").empty());
  ASSERT_EQ(directory.usersOfOrganization("b").size(), 1u);
  ASSERT_FALSE(directory.setUserOrganizations({{"u", {}}}));
  EXPECT_TRUE(directory.usersOfOrganization("b").empty());
}

// U-organizations/delete-organizations: deleting a parent deletes its children.
TEST(UserDirectory, DeletingParentOrganizationCascades) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addOrganizations(
      {newOrg("root"), newOrg("child", "root"), newOrg("leaf", "child"), newOrg("other")}));
  ASSERT_FALSE(directory.addUsers({newUser("u")}));
  ASSERT_FALSE(directory.setUserOrganizations({{"u", {{"leaf", ""}, {"other", ""}}}}));
  ASSERT_FALSE(directory.deleteOrganizations({"root"}));
  const auto remaining = directory.organizations();
  ASSERT_EQ(remaining.size(), 1u);
  EXPECT_EQ(remaining[0].code, "other");
  ASSERT_EQ(directory.userByCode("u")->organizations.size(), 1u);
}

TEST(UserDirectory, ParentMustExistAndNoCycles) {
  UserDirectory directory(options());
  EXPECT_TRUE(directory.addOrganizations({newOrg("child", "missing")}));
  ASSERT_FALSE(directory.addOrganizations({newOrg("a"), newOrg("b", "a")}));
  OrganizationInput cycle;
  cycle.code = "a";
  cycle.parentCode = "b";
  EXPECT_TRUE(directory.updateOrganizations({cycle}));
}

TEST(UserDirectory, UserCodeChangeKeepsMemberships) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addOrganizations({newOrg("a")}));
  ASSERT_FALSE(directory.addUsers({newUser("old")}));
  ASSERT_FALSE(directory.setUserOrganizations({{"old", {{"a", ""}}}}));
  ASSERT_FALSE(directory.changeUserCodes({{"old", "new"}}));
  EXPECT_FALSE(directory.userByCode("old"));
  ASSERT_EQ(directory.usersOfOrganization("a").size(), 1u);
  EXPECT_EQ(directory.usersOfOrganization("a")[0].code, "new");
  EXPECT_TRUE(directory.checkPassword("new", "pw-12345678"));
}

TEST(UserDirectory, GroupMembershipsAndBuiltIns) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addUsers({newUser("u"), newUser("v")}));
  GroupInput group;
  group.code = "staff";
  group.name = "職員";
  group.type = "static";
  ASSERT_FALSE(directory.addGroups({group}));
  ASSERT_FALSE(directory.setGroupUsers("staff", {"u", "v"}));
  ASSERT_FALSE(directory.setUserGroups("v", {}));
  ASSERT_EQ(directory.usersOfGroup("staff").size(), 1u);
  EXPECT_EQ(directory.usersOfGroup("staff")[0].code, "u");
  EXPECT_EQ(directory.usersOfGroup("everyone").size(), 3u);
  EXPECT_TRUE(directory.setUserGroups("u", {"everyone"}));  // dynamic
  EXPECT_TRUE(directory.deleteGroups({"Administrators"}));
  ASSERT_FALSE(directory.setGroupUsers("Administrators", {"Administrator", "u"}));
  EXPECT_TRUE(directory.isAdministrator("u"));
  EXPECT_FALSE(directory.isAdministrator("v"));
}

TEST(UserDirectory, ResetKeepsOnlyBuiltIns) {
  UserDirectory directory(options());
  ASSERT_FALSE(directory.addUsers({newUser("u")}));
  directory.reset();
  EXPECT_EQ(directory.users().size(), 1u);
  EXPECT_TRUE(directory.changes().empty());
  EXPECT_TRUE(directory.checkPassword("Administrator", "admin-pass"));
}

TEST(UserDirectory, ConcurrentWritersAllLand) {
  UserDirectory directory(options());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&directory, t] {
      for (int i = 0; i < 10; ++i) {
        EXPECT_FALSE(
            directory.addUsers({newUser("t" + std::to_string(t) + "-" + std::to_string(i))}));
        EXPECT_TRUE(directory.checkPassword("Administrator", "admin-pass"));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(directory.users().size(), 41u);
  EXPECT_EQ(directory.changes().size(), 40u);
}

}  // namespace
}  // namespace teichaku::emulator::cybozu
