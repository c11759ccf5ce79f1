#include "cybozu/user_api_payloads.h"

#include <gtest/gtest.h>

// Golden bodies written by hand from garoon-cybozu-api.md B2 (paths and bodies) and B3
// (user fields).
namespace teichaku::cybozu {
namespace {

TEST(UsersBody, AddCarriesCodePasswordNameAndOnlyTheFieldsSet) {
  UserInput user;
  user.code = "staff-01";
  user.password = "Initial-Pass-1";
  user.name = "職員 一";
  user.email = "staff-01@example.jp";
  EXPECT_EQ(usersBody({user}),
            R"({"users":[{"code":"staff-01","password":"Initial-Pass-1","name":"職員 一",)"
            R"("email":"staff-01@example.jp"}]})");
}

TEST(UsersBody, UpdateWithoutPasswordLeavesItOut) {
  UserInput user;
  user.code = "staff-01";
  user.valid = false;
  EXPECT_EQ(usersBody({user}), R"({"users":[{"code":"staff-01","valid":false}]})");
}

TEST(UserApiBodies, Lists) {
  EXPECT_EQ(codesBody({"a", "b"}), R"({"codes":["a","b"]})");
  EXPECT_EQ(codeChangesBody({{"old", "new"}}),
            R"({"codes":[{"currentCode":"old","newCode":"new"}]})");
  // B2 #13: parentCode null = root; B2 #14: description always sent (omitted becomes "").
  EXPECT_EQ(organizationsBody({{"root", "本部", std::nullopt, ""}, {"c", "子", "root", "d"}}),
            R"({"organizations":[{"code":"root","name":"本部","parentCode":null,"description":""},)"
            R"({"code":"c","name":"子","parentCode":"root","description":"d"}]})");
  // B2 #7: orgCode, titleCode only when there is a title; [] = no organization.
  EXPECT_EQ(userOrganizationsBody({{"u1", {{"org-a", ""}, {"org-b", "lead"}}}, {"u2", {}}}),
            R"({"userOrganizations":[{"code":"u1","organizations":[{"orgCode":"org-a"},)"
            R"({"orgCode":"org-b","titleCode":"lead"}]},{"code":"u2","organizations":[]}]})");
  EXPECT_EQ(userServicesBody({{"u1", {"kintone", "garoon"}}, {"u2", {}}}),
            R"({"users":[{"code":"u1","services":["kintone","garoon"]},)"
            R"({"code":"u2","services":[]}]})");
}

TEST(UserApiReaders, ReadUserWithNullsAndStringOrganizationId) {
  rapidjson::Document doc;
  doc.Parse(R"({"id":"12","code":"staff-01","name":"n","valid":false,"surName":null,)"
            R"("email":"e@example.jp","primaryOrganization":"9","ctime":"2019-04-01T00:33:58Z"})");
  const auto user = readUser(doc);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->id, "12");
  EXPECT_FALSE(user->valid);
  EXPECT_FALSE(user->surName);
  EXPECT_EQ(user->email, "e@example.jp");
  EXPECT_EQ(user->primaryOrganization, "9");
  doc.Parse(R"({"id":"12"})");
  EXPECT_FALSE(readUser(doc));
}

TEST(UserApiServices, KnownServicesAreTheDocumentedFive) {
  for (const char* service : {"kintone", "garoon", "office", "mailwise", "secure_access"}) {
    EXPECT_TRUE(isKnownService(service)) << service;
  }
  EXPECT_FALSE(isKnownService("Garoon"));
  EXPECT_FALSE(isKnownService(""));
}

}  // namespace
}  // namespace teichaku::cybozu
