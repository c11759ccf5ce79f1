#include "garoon/classify_garoon.h"

#include <gtest/gtest.h>

// Error shape {"error":{"errorCode","message"}} and codes: garoon-cybozu-api.md A1
// ("Error response" and the error-code table).
namespace teichaku::garoon {
namespace {

kintone::HttpResponse response(long status, std::string body = {}) {
  kintone::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string grn(const std::string& code) {
  return R"({"error":{"errorCode":")" + code + R"(","message":"m"}})";
}

TEST(ClassifyGaroon, SuccessIsOk) {
  EXPECT_TRUE(classifyGaroon(response(200, "{}"), false).outcome.isOk());
  EXPECT_TRUE(classifyGaroon(response(204), false).outcome.isOk());
}

TEST(ClassifyGaroon, ConcurrencyLimitAndUnavailableAreRetriedForAnyMethod) {
  auto limited = classifyGaroon(response(429, grn("GRN_REST_API_00104")), false);
  EXPECT_TRUE(limited.outcome.isRetry());
  EXPECT_EQ(limited.outcome.messageId(), "GAROON_RATE_LIMITED");
  EXPECT_EQ(limited.errorCode, "GRN_REST_API_00104");
  auto unavailable = classifyGaroon(response(503), false);
  EXPECT_TRUE(unavailable.outcome.isRetry());
  EXPECT_EQ(unavailable.outcome.messageId(), "GAROON_UNAVAILABLE");
}

TEST(ClassifyGaroon, ServerErrorsAreRetriedOnlyWhenIdempotent) {
  auto idempotent = classifyGaroon(response(500), true);
  EXPECT_TRUE(idempotent.outcome.isRetry());
  EXPECT_EQ(idempotent.outcome.messageId(), "GAROON_SERVER_ERROR");
  auto once = classifyGaroon(response(502), false);
  EXPECT_TRUE(once.outcome.isFail());
  EXPECT_EQ(once.outcome.messageId(), "GAROON_OUTCOME_UNKNOWN");
}

TEST(ClassifyGaroon, TransportErrors) {
  kintone::HttpResponse connect;
  connect.error = kintone::TransportError::kConnect;
  EXPECT_TRUE(classifyGaroon(connect, false).outcome.isRetry());  // nothing was sent
  kintone::HttpResponse timeout;
  timeout.error = kintone::TransportError::kTimeout;
  EXPECT_TRUE(classifyGaroon(timeout, true).outcome.isRetry());
  EXPECT_EQ(classifyGaroon(timeout, false).outcome.messageId(), "GAROON_OUTCOME_UNKNOWN");
  kintone::HttpResponse tls;
  tls.error = kintone::TransportError::kTls;
  EXPECT_EQ(classifyGaroon(tls, true).outcome.messageId(), "GAROON_TLS_FAILED");
}

TEST(ClassifyGaroon, ClientErrorsFailWithTheGaroonCode) {
  auto auth = classifyGaroon(response(401, grn("GRN_REST_API_00003")), true);
  EXPECT_EQ(auth.outcome.messageId(), "GAROON_AUTH_FAILED");
  EXPECT_EQ(auth.errorCode, "GRN_REST_API_00003");
  EXPECT_NE(auth.outcome.message().find("GRN_REST_API_00003"), std::string::npos);
  EXPECT_EQ(classifyGaroon(response(403, grn("GRN_CMMN_00004")), true).outcome.messageId(),
            "GAROON_PERMISSION_DENIED");
  EXPECT_EQ(classifyGaroon(response(404, grn("GRN_SCHD_13001")), true).outcome.messageId(),
            "GAROON_NOT_FOUND");
  auto invalid = classifyGaroon(response(400, grn("GRN_REST_API_00224")), true);
  EXPECT_TRUE(invalid.outcome.isFail());
  EXPECT_EQ(invalid.outcome.messageId(), "GAROON_BAD_REQUEST");
  // 520 GRN_CMMN_00106 "organization not found": about the input, not retried.
  auto organization = classifyGaroon(response(520, grn("GRN_CMMN_00106")), true);
  EXPECT_TRUE(organization.outcome.isFail());
  EXPECT_EQ(organization.outcome.messageId(), "GAROON_NOT_FOUND");
}

TEST(ClassifyGaroon, ErrorCodeFromHeaderWhenTheBodyHasNone) {
  auto r = response(401, "<html>login</html>");
  r.headers.push_back({"x-cybozu-error", "GRN_REST_API_00001"});
  const auto verdict = classifyGaroon(r, true);
  EXPECT_EQ(verdict.errorCode, "GRN_REST_API_00001");
  EXPECT_NE(verdict.outcome.message().find("JSON ではありません"), std::string::npos);
}

TEST(ClassifyGaroon, UnreadableSuccessBody) {
  EXPECT_TRUE(classifyGaroonUnreadableBody(200, true).outcome.isRetry());
  EXPECT_EQ(classifyGaroonUnreadableBody(200, false).outcome.messageId(), "GAROON_OUTCOME_UNKNOWN");
}

}  // namespace
}  // namespace teichaku::garoon
