// Authentication, transport and error shape (kintone-api.md §1, §6).
#include "emulator_fixture.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorAuthTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
  }
};

// §1.2: no credentials -> 401 CB_AU01.
TEST_F(EmulatorAuthTest, MissingCredentialsIsCbAu01) {
  auto r = call("GET", "/k/v1/records.json?app=1", {}, {}, false);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "CB_AU01");
}

// §1.2: wrong password -> 401 CB_WA01.
TEST_F(EmulatorAuthTest, WrongPasswordIsCbWa01) {
  auto r =
      call("GET", "/k/v1/records.json?app=1", {},
           {{"X-Cybozu-Authorization", "QWRtaW5pc3RyYXRvcjp3cm9uZw=="}});  // Administrator:wrong
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "CB_WA01");
}

// §1.2: a token of another app -> 400 GAIA_IA02.
TEST_F(EmulatorAuthTest, TokenOfAnotherAppIsGaiaIa02) {
  auto r = call("GET", "/k/v1/records.json?app=1", {}, {{"X-Cybozu-API-Token", "other-token"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "GAIA_IA02");
}

// §1.2: a token without the permission -> 403 GAIA_NO01.
TEST_F(EmulatorAuthTest, TokenWithoutPermissionIsGaiaNo01) {
  auto r = call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"t"}}})",
                {{"X-Cybozu-API-Token", "viewer-token"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "GAIA_NO01");
  auto read = call("GET", "/k/v1/records.json?app=1", {}, {{"X-Cybozu-API-Token", "viewer-token"}});
  EXPECT_EQ(read.status, 200);
}

// §1.2 (DOC:auth): several tokens comma-separated, at most 9.
TEST_F(EmulatorAuthTest, CommaSeparatedTokensUpToNine) {
  auto two = call("GET", "/k/v1/records.json?app=1", {},
                  {{"X-Cybozu-API-Token", "other-token,viewer-token"}});
  EXPECT_EQ(two.status, 200);
  std::string ten = "viewer-token";
  for (int i = 0; i < 9; ++i) {
    ten += ",viewer-token";
  }
  auto tooMany = call("GET", "/k/v1/records.json?app=1", {}, {{"X-Cybozu-API-Token", ten}});
  EXPECT_EQ(tooMany.status, 400);
}

// §1.2: API tokens act as "Administrator".
TEST_F(EmulatorAuthTest, TokenWritesAreAttributedToAdministrator) {
  auto r = call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"t"}}})",
                {{"X-Cybozu-API-Token", "writer-token"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto get = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(get.str("/record/作成者/value/code"), "Administrator");
}

// §1.4 + §6.1: concurrency headers on every response; error body {id, code, message}.
TEST_F(EmulatorAuthTest, ErrorBodyShapeAndConcurrencyHeaders) {
  auto r = call("GET", "/k/v1/record.json?app=1&id=99999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "GAIA_RE01");
  EXPECT_EQ(r.str("/message"), "指定したレコード（id: 99999）が見つかりません。");
  EXPECT_EQ(r.str("/id").size(), 20u);
  EXPECT_EQ(r.header("x-concurrencylimit-limit"), "100");
  EXPECT_EQ(r.header("x-concurrencylimit-running"), "1");
  auto ok = call("GET", "/k/v1/records.json?app=1");
  EXPECT_EQ(ok.header("x-concurrencylimit-limit"), "100");
}

// §1.2: POST + X-HTTP-Method-Override: GET runs the GET API, not addRecords.
TEST_F(EmulatorAuthTest, MethodOverrideRunsTheNamedMethod) {
  auto r = call("POST", "/k/v1/records.json", R"({"app":1,"query":"limit 1"})",
                {{"X-HTTP-Method-Override", "GET"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json.HasMember("records"));
  EXPECT_FALSE(r.json.HasMember("ids"));
}

// §1.3: GET parameters in a JSON body, and name[i] arrays in the query string.
TEST_F(EmulatorAuthTest, GetParametersFromBodyOrQueryArrays) {
  call("POST", "/k/v1/record.json",
       R"({"app":1,"record":{"title":{"value":"t"},"num":{"value":"5"}}})");
  auto body = call("GET", "/k/v1/records.json", R"({"app":1,"fields":["num"]})");
  ASSERT_EQ(body.status, 200) << body.body;
  EXPECT_EQ(body.str("/records/0/num/value"), "5");
  EXPECT_EQ(body.str("/records/0/title"), "<missing>");
  auto query = call("GET", "/k/v1/records.json?app=1&fields%5B0%5D=title&fields%5B1%5D=num");
  ASSERT_EQ(query.status, 200) << query.body;
  EXPECT_EQ(query.str("/records/0/title/value"), "t");
  EXPECT_EQ(query.str("/records/0/num/value"), "5");
  EXPECT_EQ(query.str("/records/0/key"), "<missing>");
}

// §1.1: guest-space apps only through /k/guest/{id}/v1, and only their own space.
TEST_F(EmulatorAuthTest, GuestSpaceRules) {
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=3").code(), "GAIA_IL23");
  EXPECT_EQ(call("GET", "/k/guest/7/v1/records.json?app=3").status, 200);
  auto wrong = call("GET", "/k/guest/7/v1/records.json?app=1");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.code(), "CB_NO02");
}

// §1.2: Basic authentication in front of kintone when configured.
TEST_F(EmulatorAuthTest, BasicAuthInFront) {
  seed(R"({"basic":{"user":"b","password":"p"}})");
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1").status, 401);
  auto r = call("GET", "/k/v1/records.json?app=1", {}, {{"Authorization", "Basic Yjpw"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace teichaku::emulator::testing
