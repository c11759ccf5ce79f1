#include "emulator/garoon/garoon_test_fixture.h"

// Each test names the section of /work/shared/reference/garoon-cybozu-api.md it checks.
namespace teichaku::emulator::garoon {
namespace {

using testing::makeRequest;

TEST_F(GaroonServiceTest, OwnsGaroonApiPathsOnly) {
  EXPECT_TRUE(service_->owns(makeRequest("GET", "/g/api/v1/base/users")));
  EXPECT_FALSE(service_->owns(makeRequest("GET", "/v1/users.json")));
  EXPECT_FALSE(service_->owns(makeRequest("GET", "/k/v1/records.json")));
}

// A1 "Authentication": the documented example header for Administrator:cybozu.
TEST_F(GaroonServiceTest, AcceptsDocumentedPasswordHeader) {
  auto request = makeRequest("GET", "/g/api/v1/base/users", "", "");
  request.headers["x-cybozu-authorization"] = "QWRtaW5pc3RyYXRvcjpjeWJvenU=";
  EXPECT_EQ(service_->handle(request).status, 200);
}

// A1 error table: 401 GRN_REST_API_00003 without credentials, 00001 for a bad
// header, FW00007 wrong password, FW00008 suspended user.
TEST_F(GaroonServiceTest, AuthenticationFailures) {
  const auto none = service_->handle(makeRequest("GET", "/g/api/v1/base/users", "", ""));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(errorCode(none), "GRN_REST_API_00003");

  auto garbled = makeRequest("GET", "/g/api/v1/base/users", "", "");
  garbled.headers["x-cybozu-authorization"] = "bm9jb2xvbg==";  // base64("nocolon")
  EXPECT_EQ(errorCode(service_->handle(garbled)), "GRN_REST_API_00001");

  const auto wrong =
      service_->handle(makeRequest("GET", "/g/api/v1/base/users", "", "staff1", "bad"));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(errorCode(wrong), "FW00007");

  cybozu::UserInput suspend;
  suspend.code = "staff1";
  suspend.valid = false;
  ASSERT_FALSE(directory_->updateUsers({suspend}));
  const auto inactive = call("GET", "/g/api/v1/base/users", "", "staff1");
  EXPECT_EQ(inactive.status, 401);
  EXPECT_EQ(errorCode(inactive), "FW00008");
}

// A1 error table: 403 GRN_CMMN_00004, user may not use the application.
TEST_F(GaroonServiceTest, UserWithoutGaroonLicenceIsRefused) {
  const auto response = call("GET", "/g/api/v1/base/users", "", "kintoneonly");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(errorCode(response), "GRN_CMMN_00004");
}

// A1 error response shape {"error":{"errorCode","message",...}} and the request
// errors: 400 00101 unknown path, 405 00102 method, 415 00103 type, 400 00105 JSON.
TEST_F(GaroonServiceTest, RequestShapeErrors) {
  const auto unknown = call("GET", "/g/api/v1/nothing/here");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(errorCode(unknown), "GRN_REST_API_00101");
  const auto json = testing::parse(unknown.body);
  EXPECT_TRUE(json["error"]["message"].IsString());

  const auto method = call("PUT", "/g/api/v1/notification/items", "{}");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(errorCode(method), "GRN_REST_API_00102");

  auto noType = makeRequest("POST", "/g/api/v1/schedule/events", "{}", "bridge", "pw-bridge");
  noType.headers.erase("content-type");
  const auto type = service_->handle(noType);
  EXPECT_EQ(type.status, 415);
  EXPECT_EQ(errorCode(type), "GRN_REST_API_00103");

  const auto badJson = call("POST", "/g/api/v1/schedule/events", "{oops");
  EXPECT_EQ(badJson.status, 400);
  EXPECT_EQ(errorCode(badJson), "GRN_REST_API_00105");
}

// A1 "Pagination": limit 1-1000, offset >= 0; out of range -> 400.
TEST_F(GaroonServiceTest, LimitOutOfRangeIsRejected) {
  EXPECT_EQ(get("/g/api/v1/base/users", {{"limit", "1000"}}, "bridge").status, 200);
  EXPECT_EQ(errorCode(get("/g/api/v1/base/users", {{"limit", "1001"}}, "bridge")),
            "GRN_REST_API_00211");
  EXPECT_EQ(errorCode(get("/g/api/v1/base/users", {{"limit", "-1"}}, "bridge")),
            "GRN_REST_API_00210");
  EXPECT_EQ(errorCode(get("/g/api/v1/base/users", {{"offset", "x"}}, "bridge")),
            "GRN_REST_API_00202");
}

}  // namespace
}  // namespace teichaku::emulator::garoon
