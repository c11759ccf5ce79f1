#include "emulator/cybozu/cybozu_user_service.h"

#include <gtest/gtest.h>

#include "emulator/cybozu/test_requests.h"

// Each test names the section of /work/shared/reference/garoon-cybozu-api.md it checks.
namespace teichaku::emulator::cybozu {
namespace {

using testing::makeRequest;
using testing::parse;

DirectoryOptions adminIsCybozu() {
  DirectoryOptions options;
  options.adminPassword = "cybozu";
  return options;
}

class CybozuUserServiceTest : public ::testing::Test {
 protected:
  CybozuUserServiceTest()
      : directory_(std::make_shared<UserDirectory>(adminIsCybozu())), service_(directory_) {}

  Response call(Request request) { return service_.handle(request); }
  Response seed(const std::string& body) {
    Response response;
    EXPECT_TRUE(
        service_.handleControl(makeRequest("POST", "/__emulator/cybozu/seed", body), response));
    return response;
  }
  static std::string errorCode(const Response& response) {
    return parse(response.body)["code"].GetString();
  }

  std::shared_ptr<UserDirectory> directory_;
  CybozuUserService service_;
};

TEST_F(CybozuUserServiceTest, OwnsOnlyV1Paths) {
  EXPECT_TRUE(service_.owns(makeRequest("GET", "/v1/users.json")));
  EXPECT_FALSE(service_.owns(makeRequest("GET", "/k/v1/records.json")));
  EXPECT_FALSE(service_.owns(makeRequest("GET", "/g/api/v1/base/users")));
}

// A1 "Authentication": Administrator:cybozu is QWRtaW5pc3RyYXRvcjpjeWJvenU=.
TEST_F(CybozuUserServiceTest, AcceptsTheDocumentedAuthorizationExample) {
  Request request = makeRequest("GET", "/v1/users.json", "", "");
  request.headers["x-cybozu-authorization"] = "QWRtaW5pc3RyYXRvcjpjeWJvenU=";
  EXPECT_EQ(call(request).status, 200);
}

// kintone-api.md "Authentication": missing -> 401 CB_AU01, wrong -> 401 CB_WA01.
TEST_F(CybozuUserServiceTest, RejectsMissingOrWrongCredentials) {
  const auto missing = call(makeRequest("GET", "/v1/users.json", "", ""));
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(errorCode(missing), "CB_AU01");
  const auto wrong = call(makeRequest("GET", "/v1/users.json", "", "Administrator", "nope"));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(errorCode(wrong), "CB_WA01");
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0], (std::pair<std::string, std::string>{"X-Cybozu-Error", "CB_WA01"}));
  Request garbled = makeRequest("GET", "/v1/users.json", "", "");
  garbled.headers["x-cybozu-authorization"] = "!!!not base64";
  EXPECT_EQ(call(garbled).status, 401);
}

// B2 #2 and B1 "Required privilege": writes answer {}; GETs need no privilege.
TEST_F(CybozuUserServiceTest, AdminAddsUsersAndAnyUserReads) {
  const auto added = call(makeRequest(
      "POST", "/v1/users.json",
      R"({"users":[{"code":"sato","name":"佐藤","password":"pw-sato-1","email":"s@example.jp"}]})"));
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.body, "{}");

  auto list = makeRequest("GET", "/v1/users.json", "", "sato", "pw-sato-1");
  list.query = {{"codes[0]", "sato"}};
  const auto response = call(list);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = parse(response.body);
  ASSERT_EQ(json["users"].Size(), 1u);
  const auto& user = json["users"][0];
  EXPECT_STREQ(user["id"].GetString(), "2");
  EXPECT_STREQ(user["code"].GetString(), "sato");
  EXPECT_TRUE(user["valid"].GetBool());
  EXPECT_STREQ(user["email"].GetString(), "s@example.jp");
  EXPECT_TRUE(user["surName"].IsNull());  // B3: null when unset
  EXPECT_FALSE(user.HasMember("password"));
}

// B1 "Required privilege" + kintone-api.md error table: 403 CB_NO02.
TEST_F(CybozuUserServiceTest, NonAdministratorCannotWrite) {
  seed(R"({"users":[{"code":"staff","name":"職員","password":"pw-staff-1"}]})");
  const auto response = call(makeRequest("DELETE", "/v1/users.json",
                                         R"({"codes":["Administrator"]})", "staff", "pw-staff-1"));
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(errorCode(response), "CB_NO02");
  EXPECT_TRUE(directory_->userByCode("Administrator"));
}

// B1 "Error shape": 400 CB_VA01 with errors keyed by item path.
TEST_F(CybozuUserServiceTest, ValidationErrorsNameTheField) {
  const auto response = call(makeRequest(
      "POST", "/v1/users.json",
      R"({"users":[{"code":"a","name":"A","password":"p"},{"name":"B","password":"p"}]})"));
  EXPECT_EQ(response.status, 400);
  const auto json = parse(response.body);
  EXPECT_STREQ(json["code"].GetString(), "CB_VA01");
  EXPECT_STREQ(json["message"].GetString(), "入力内容が正しくありません。");
  ASSERT_TRUE(json["errors"].HasMember("users[1].code"));
  EXPECT_STREQ(json["errors"]["users[1].code"]["messages"][0].GetString(), "必須です。");
  EXPECT_FALSE(directory_->userByCode("a"));  // nothing of the batch landed
}

// B3 "User input": code <= 128 characters (counted as characters, not bytes).
TEST_F(CybozuUserServiceTest, EnforcesDocumentedLengths) {
  std::string code128;
  for (int i = 0; i < 128; ++i) {
    code128 += "あ";
  }
  const auto ok =
      call(makeRequest("POST", "/v1/users.json",
                       R"({"users":[{"code":")" + code128 + R"(","name":"N","password":"p"}]})"));
  EXPECT_EQ(ok.status, 200) << ok.body;
  const auto tooLong =
      call(makeRequest("POST", "/v1/users.json",
                       R"({"users":[{"code":")" + code128 + R"(x","name":"N","password":"p"}]})"));
  EXPECT_EQ(tooLong.status, 400);
}

// B2 #2: at most 100 users per call.
TEST_F(CybozuUserServiceTest, RejectsMoreThan100Items) {
  std::string users;
  for (int i = 0; i < 101; ++i) {
    users += std::string(i ? "," : "") + R"({"code":"u)" + std::to_string(i) +
             R"(","name":"N","password":"p"})";
  }
  const auto response = call(makeRequest("POST", "/v1/users.json", R"({"users":[)" + users + "]}"));
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(parse(response.body)["errors"].HasMember("users"));
  EXPECT_EQ(directory_->users().size(), 1u);
}

// B2 #1: size 1-100, offset; sorted by id; ids and codes are exclusive.
TEST_F(CybozuUserServiceTest, GetUsersPagesBySizeAndOffset) {
  seed(R"({"users":[{"code":"a","name":"A","password":"p"},{"code":"b","name":"B","password":"p"},
                    {"code":"c","name":"C","password":"p"}]})");
  auto request = makeRequest("GET", "/v1/users.json");
  request.query = {{"size", "2"}, {"offset", "1"}};
  const auto json = parse(call(request).body);
  ASSERT_EQ(json["users"].Size(), 2u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "a");  // id 2 (Administrator is 1)
  EXPECT_STREQ(json["users"][1]["code"].GetString(), "b");
  request.query = {{"size", "101"}};
  EXPECT_EQ(call(request).status, 400);
  request.query = {{"ids[0]", "1"}, {"codes[0]", "a"}};
  EXPECT_EQ(call(request).status, 400);
}

// U-upd-2021-02: X-HTTP-Method-Override GET carries the parameters in the body.
TEST_F(CybozuUserServiceTest, OverriddenGetReadsParamsFromBody) {
  seed(
      R"({"users":[{"code":"a","name":"A","password":"p"},{"code":"b","name":"B","password":"p"}]})");
  const auto json = parse(call(makeRequest("GET", "/v1/users.json", R"({"codes":["b"]})")).body);
  ASSERT_EQ(json["users"].Size(), 1u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "b");
}

// B2 #7: userOrganizations replaces the whole list; B2 #6 reads it back.
TEST_F(CybozuUserServiceTest, UserOrganizationsReplaceWholeList) {
  seed(
      R"({"organizations":[{"code":"hq","name":"本部"},{"code":"br","name":"支所","parentCode":"hq"}],
           "titles":[{"code":"chief","name":"所長"}],
           "users":[{"code":"u","name":"U","password":"p","organizations":[{"orgCode":"hq"}]}]})");
  const auto put = call(makeRequest(
      "PUT", "/v1/userOrganizations.json",
      R"({"userOrganizations":[{"code":"u","organizations":[{"orgCode":"br","titleCode":"chief"}]}]})"));
  ASSERT_EQ(put.status, 200) << put.body;
  auto get = makeRequest("GET", "/v1/user/organizations.json");
  get.query = {{"code", "u"}};
  const auto json = parse(call(get).body);
  ASSERT_EQ(json["organizationTitles"].Size(), 1u);
  EXPECT_STREQ(json["organizationTitles"][0]["organization"]["code"].GetString(), "br");
  EXPECT_STREQ(json["organizationTitles"][0]["organization"]["parentCode"].GetString(), "hq");
  EXPECT_STREQ(json["organizationTitles"][0]["title"]["code"].GetString(), "chief");
}

// B2 #10/#11: services are replaced whole; [] removes all.
TEST_F(CybozuUserServiceTest, UserServicesReplaceWhole) {
  seed(R"({"users":[{"code":"u","name":"U","password":"p","services":["kintone","garoon"]}]})");
  ASSERT_EQ(call(makeRequest("PUT", "/v1/users/services.json",
                             R"({"users":[{"code":"u","services":["garoon"]}]})"))
                .status,
            200);
  auto get = makeRequest("GET", "/v1/users/services.json");
  get.query = {{"codes[0]", "u"}};
  auto json = parse(call(get).body);
  ASSERT_EQ(json["users"][0]["services"].Size(), 1u);
  EXPECT_STREQ(json["users"][0]["services"][0].GetString(), "garoon");
  ASSERT_EQ(call(makeRequest("PUT", "/v1/users/services.json",
                             R"({"users":[{"code":"u","services":[]}]})"))
                .status,
            200);
  json = parse(call(get).body);
  EXPECT_EQ(json["users"][0]["services"].Size(), 0u);
  EXPECT_EQ(call(makeRequest("PUT", "/v1/users/services.json",
                             R"({"users":[{"code":"u","services":["slack"]}]})"))
                .status,
            400);
}

// B2 #5: login-code change; the user keeps its id and can log in with the new code.
TEST_F(CybozuUserServiceTest, UserCodeChange) {
  seed(R"({"users":[{"code":"old","name":"U","password":"pw-u-1"}]})");
  const auto id = directory_->userByCode("old")->id;
  ASSERT_EQ(call(makeRequest("PUT", "/v1/users/codes.json",
                             R"({"codes":[{"currentCode":"old","newCode":"new"}]})"))
                .status,
            200);
  EXPECT_EQ(directory_->userByCode("new")->id, id);
  EXPECT_TRUE(directory_->checkPassword("new", "pw-u-1"));
}

// B2 #14: omitted fields keep their value except description, which becomes "".
TEST_F(CybozuUserServiceTest, OrganizationUpdateClearsOmittedDescription) {
  seed(R"({"organizations":[{"code":"hq","name":"本部","description":"説明"}]})");
  ASSERT_EQ(call(makeRequest("PUT", "/v1/organizations.json",
                             R"({"organizations":[{"code":"hq","localName":"HQ"}]})"))
                .status,
            200);
  const auto org = directory_->organizationByCode("hq");
  EXPECT_EQ(org->name, "本部");
  EXPECT_EQ(org->localName, "HQ");
  EXPECT_EQ(org->description, "");
}

// B2 #15: deleting a parent organization deletes its children.
TEST_F(CybozuUserServiceTest, OrganizationDeleteCascades) {
  seed(
      R"({"organizations":[{"code":"hq","name":"本部"},{"code":"br","name":"支所","parentCode":"hq"}]})");
  ASSERT_EQ(call(makeRequest("DELETE", "/v1/organizations.json", R"({"codes":["hq"]})")).status,
            200);
  const auto json = parse(call(makeRequest("GET", "/v1/organizations.json")).body);
  EXPECT_EQ(json["organizations"].Size(), 0u);
}

// B2 #22/#21: group membership is replaced whole; dynamic groups are refused.
TEST_F(CybozuUserServiceTest, GroupUsersReplaceWhole) {
  seed(R"({"groups":[{"code":"staff","name":"職員","type":"static"}],
           "users":[{"code":"a","name":"A","password":"p","groups":["staff"]},
                    {"code":"b","name":"B","password":"p"}]})");
  ASSERT_EQ(
      call(makeRequest("PUT", "/v1/group/users.json", R"({"code":"staff","users":["b"]})")).status,
      200);
  auto get = makeRequest("GET", "/v1/group/users.json");
  get.query = {{"code", "staff"}};
  const auto json = parse(call(get).body);
  ASSERT_EQ(json["users"].Size(), 1u);
  EXPECT_STREQ(json["users"][0]["code"].GetString(), "b");
  EXPECT_EQ(
      call(makeRequest("PUT", "/v1/group/users.json", R"({"code":"everyone","users":[]})")).status,
      400);
}

TEST_F(CybozuUserServiceTest, InvalidJsonAndUnknownPaths) {
  const auto badJson = call(makeRequest("POST", "/v1/users.json", "{not json"));
  EXPECT_EQ(badJson.status, 400);
  EXPECT_EQ(errorCode(badJson), "CB_IJ01");
  EXPECT_EQ(call(makeRequest("GET", "/v1/nothing.json")).status, 404);
  EXPECT_EQ(call(makeRequest("POST", "/v1/users/codes.json", "{}")).status, 405);
}

TEST_F(CybozuUserServiceTest, ChangeLogListsActionsAndCodesOnly) {
  seed(R"({"users":[{"code":"u","name":"秘密の名前","password":"p","email":"x@example.jp"}]})");
  Response response;
  ASSERT_TRUE(service_.handleControl(makeRequest("GET", "/__emulator/cybozu/changes"), response));
  const auto json = parse(response.body);
  ASSERT_EQ(json["changes"].Size(), 1u);
  EXPECT_STREQ(json["changes"][0]["action"].GetString(), "users.add");
  EXPECT_STREQ(json["changes"][0]["codes"][0].GetString(), "u");
  EXPECT_EQ(response.body.find("秘密の名前"), std::string::npos);
  EXPECT_EQ(response.body.find("x@example.jp"), std::string::npos);
  EXPECT_FALSE(service_.handleControl(makeRequest("GET", "/__emulator/garoon/x"), response));
}

TEST_F(CybozuUserServiceTest, SeedErrorsUseTheErrorShapeAndResetClears) {
  const auto bad = seed(R"({"users":[{"code":"u"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(errorCode(bad), "CB_VA01");
  seed(R"({"users":[{"code":"u","name":"U","password":"p"}]})");
  Response response;
  ASSERT_TRUE(service_.handleControl(makeRequest("POST", "/__emulator/cybozu/reset"), response));
  EXPECT_FALSE(directory_->userByCode("u"));
  EXPECT_TRUE(directory_->checkPassword("Administrator", "cybozu"));
}

}  // namespace
}  // namespace teichaku::emulator::cybozu
