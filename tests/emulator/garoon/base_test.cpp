#include "emulator/garoon/garoon_test_fixture.h"

// Each test names the section of /work/shared/reference/garoon-cybozu-api.md it checks.
namespace teichaku::emulator::garoon {
namespace {

using testing::parse;

// A4 + A1 "Identifiers": Garoon ids, not cybozu.com ids; only Garoon users listed.
TEST_F(GaroonServiceTest, BaseUsersUseGaroonIds) {
  const auto json = parse(call("GET", "/g/api/v1/base/users").body);
  ASSERT_EQ(json["users"].Size(), 4u);  // Administrator, bridge, staff1, staff2
  EXPECT_STREQ(json["users"][1]["id"].GetString(), "1002");
  EXPECT_STREQ(json["users"][1]["code"].GetString(), "bridge");
  EXPECT_EQ(directory_->userByCode("bridge")->id, "2");  // the User API id differs
  EXPECT_FALSE(json["hasNext"].GetBool());
}

// A4: `name` matches display name or login name.
TEST_F(GaroonServiceTest, BaseUsersFilterByName) {
  const auto json = parse(get("/g/api/v1/base/users", {{"name", "staff"}}, "bridge").body);
  ASSERT_EQ(json["users"].Size(), 2u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "staff1");
}

// A1 "Pagination" caveat: pages may be short while hasNext is true.
TEST_F(GaroonServiceTest, ShortPagesKeepHasNext) {
  GaroonConfig config;
  config.shortPageItems = 1;
  configure(config);
  auto json = parse(get("/g/api/v1/base/users", {{"limit", "3"}}, "bridge").body);
  ASSERT_EQ(json["users"].Size(), 1u);
  EXPECT_TRUE(json["hasNext"].GetBool());
  json = parse(get("/g/api/v1/base/users", {{"limit", "3"}, {"offset", "3"}}, "bridge").body);
  ASSERT_EQ(json["users"].Size(), 1u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "staff2");
  EXPECT_FALSE(json["hasNext"].GetBool());
}

// A4 "users of an org" by Garoon organization id; unknown -> 520 GRN_CMMN_00106.
TEST_F(GaroonServiceTest, OrganizationUsers) {
  const auto orgs = parse(call("GET", "/g/api/v1/base/organizations").body);
  ASSERT_EQ(orgs["organizations"].Size(), 1u);
  EXPECT_STREQ(orgs["organizations"][0]["id"].GetString(), "501");
  const auto json = parse(call("GET", "/g/api/v1/base/organizations/501/users").body);
  ASSERT_EQ(json["users"].Size(), 1u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "staff2");
  const auto missing = call("GET", "/g/api/v1/base/organizations/1/users");
  EXPECT_EQ(missing.status, 520);
  EXPECT_EQ(errorCode(missing), "GRN_CMMN_00106");
}

}  // namespace
}  // namespace teichaku::emulator::garoon
