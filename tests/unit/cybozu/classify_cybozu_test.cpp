#include "cybozu/classify_cybozu.h"

#include <gtest/gtest.h>

#include "cybozu/user_api_requests.h"
#include "garoon/password_headers.h"

// Error shape {"code","id","message","errors"}: garoon-cybozu-api.md B1 "Error shape".
namespace teichaku::cybozu {
namespace {

kintone::HttpResponse response(long status, std::string body = {}) {
  kintone::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(ClassifyCybozu, ValidationErrorsNameTheFieldPaths) {
  const auto verdict = classifyCybozu(
      response(400, R"({"code":"CB_VA01","id":"abc","message":"入力内容が正しくありません。",)"
                    R"("errors":{"users[3].code":{"messages":["必須です。"]}}})"),
      false);
  EXPECT_TRUE(verdict.outcome.isFail());
  EXPECT_EQ(verdict.outcome.messageId(), "CYBOZU_VALIDATION_FAILED");
  EXPECT_EQ(verdict.errorCode, "CB_VA01");
  EXPECT_NE(verdict.outcome.message().find("users[3].code: 必須です。"), std::string::npos);
  EXPECT_NE(verdict.outcome.message().find("エラーID abc"), std::string::npos);
}

TEST(ClassifyCybozu, AuthPermissionAndNotFound) {
  EXPECT_EQ(classifyCybozu(response(401, R"({"code":"CB_WA01"})"), true).outcome.messageId(),
            "CYBOZU_AUTH_FAILED");
  EXPECT_EQ(classifyCybozu(response(403, R"({"code":"CB_NO02"})"), true).outcome.messageId(),
            "CYBOZU_PERMISSION_DENIED");
  EXPECT_EQ(classifyCybozu(response(404, R"({"code":"CB_IL02"})"), true).outcome.messageId(),
            "CYBOZU_NOT_FOUND");
}

TEST(ClassifyCybozu, RetryRules) {
  EXPECT_TRUE(classifyCybozu(response(429), false).outcome.isRetry());
  EXPECT_TRUE(classifyCybozu(response(503), false).outcome.isRetry());
  EXPECT_TRUE(classifyCybozu(response(500), true).outcome.isRetry());
  EXPECT_EQ(classifyCybozu(response(500), false).outcome.messageId(), "CYBOZU_OUTCOME_UNKNOWN");
  // Before 2021-03, a missing code was 520 "不正なリクエストです" [U-upd-2021-03].
  const auto illegal = classifyCybozu(response(520, R"({"code":"CB_IL02"})"), true);
  EXPECT_TRUE(illegal.outcome.isFail());
  EXPECT_EQ(illegal.outcome.messageId(), "CYBOZU_BAD_REQUEST");
  kintone::HttpResponse connect;
  connect.error = kintone::TransportError::kConnect;
  EXPECT_TRUE(classifyCybozu(connect, false).outcome.isRetry());
}

// B1 "GET params": codes[0]=…&codes[1]=…, percent-encoded.
TEST(UserApiRequests, ArrayParametersAndAdminHeader) {
  UserApiRequests requests("https://example.cybozu.com",
                           garoon::passwordHeaders({"Administrator", "cybozu"}, std::nullopt),
                           "teichaku-bridge");
  const auto get = requests.get("users", {"a#1", "b"}, 100, 200);
  EXPECT_EQ(get.url,
            "https://example.cybozu.com/v1/users.json?codes%5B0%5D=a%231&codes%5B1%5D=b"
            "&size=100&offset=200");
  ASSERT_NE(get.header("X-Cybozu-Authorization"), nullptr);
  EXPECT_EQ(*get.header("X-Cybozu-Authorization"), "QWRtaW5pc3RyYXRvcjpjeWJvenU=");
  EXPECT_TRUE(get.idempotent);
  const auto put = requests.write(kintone::HttpMethod::kPut, "userOrganizations", "{}", true);
  EXPECT_EQ(put.url, "https://example.cybozu.com/v1/userOrganizations.json");
  ASSERT_NE(put.header("Content-Type"), nullptr);
}

}  // namespace
}  // namespace teichaku::cybozu
