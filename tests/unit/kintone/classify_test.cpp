#include "kintone/classify.h"

#include <gtest/gtest.h>

// Sources for each row: kintone-api.md §2 (429/GAIA_TO04), §6.1 (non-JSON 503), §6.2 (codes),
// §8 (retryable codes TM12/RE18/DA02/LT01; retry 5xx only for idempotent requests),
// reliability.md §3.4 (which requests may be replayed).
namespace teichaku::kintone {
namespace {

struct Row {
  const char* name;
  TransportError error;
  long status;
  const char* body;
  bool idempotent;
  OutcomeKind kind;
  const char* messageId;
  const char* code;
};

HttpResponse responseFor(const Row& row) {
  HttpResponse response;
  response.error = row.error;
  response.status = row.status;
  response.body = row.body;
  return response;
}

constexpr const char* kTO04 =
    R"({"code":"GAIA_TO04","id":"x1","message":"APIの同時リクエスト数が上限を超えています。"})";

const Row kRows[] = {
    {"ok", TransportError::kNone, 200, "{}", false, OutcomeKind::kOk, "", ""},
    {"concurrency 429", TransportError::kNone, 429, kTO04, false, OutcomeKind::kRetry,
     "KINTONE_RATE_LIMITED", "GAIA_TO04"},
    {"cursor limit", TransportError::kNone, 400, R"({"code":"GAIA_TM12","message":"m"})", false,
     OutcomeKind::kRetry, "KINTONE_BUSY", "GAIA_TM12"},
    {"db lock RE18", TransportError::kNone, 400, R"({"code":"GAIA_RE18"})", false,
     OutcomeKind::kRetry, "KINTONE_BUSY", "GAIA_RE18"},
    {"db lock DA02", TransportError::kNone, 400, R"({"code":"GAIA_DA02"})", false,
     OutcomeKind::kRetry, "KINTONE_BUSY", "GAIA_DA02"},
    {"db lock LT01", TransportError::kNone, 500, R"({"code":"GAIA_LT01"})", false,
     OutcomeKind::kRetry, "KINTONE_BUSY", "GAIA_LT01"},
    {"503 text idempotent", TransportError::kNone, 503, "Service Unavailable", true,
     OutcomeKind::kRetry, "KINTONE_SERVER_ERROR", ""},
    {"503 text POST", TransportError::kNone, 503, "Service Unavailable", false, OutcomeKind::kFail,
     "KINTONE_OUTCOME_UNKNOWN", ""},
    {"500 truncated json", TransportError::kNone, 500, R"({"code":"CB_)", true, OutcomeKind::kRetry,
     "KINTONE_SERVER_ERROR", ""},
    {"520 duplicate subtable row", TransportError::kNone, 520, R"({"code":"GAIA_SI01"})", true,
     OutcomeKind::kFail, "KINTONE_BAD_REQUEST", "GAIA_SI01"},
    {"408 idempotent", TransportError::kNone, 408, "", true, OutcomeKind::kRetry,
     "KINTONE_SERVER_ERROR", ""},
    {"validation", TransportError::kNone, 400,
     R"({"code":"CB_VA01","message":"入力内容が正しくありません。"})", true, OutcomeKind::kFail,
     "KINTONE_BAD_REQUEST", "CB_VA01"},
    {"limit over 500", TransportError::kNone, 400, R"({"code":"GAIA_QU01"})", true,
     OutcomeKind::kFail, "KINTONE_BAD_REQUEST", "GAIA_QU01"},
    {"not logged in", TransportError::kNone, 401, R"({"code":"CB_AU01"})", true, OutcomeKind::kFail,
     "KINTONE_AUTH_FAILED", "CB_AU01"},
    {"token not allowed", TransportError::kNone, 403, R"({"code":"GAIA_NO01"})", true,
     OutcomeKind::kFail, "KINTONE_PERMISSION_DENIED", "GAIA_NO01"},
    {"record missing", TransportError::kNone, 404, R"({"code":"GAIA_RE01"})", true,
     OutcomeKind::kFail, "KINTONE_NOT_FOUND", "GAIA_RE01"},
    {"stale revision", TransportError::kNone, 409, R"({"code":"GAIA_CO02"})", true,
     OutcomeKind::kFail, "KINTONE_CONFLICT", "GAIA_CO02"},
    {"redirect", TransportError::kNone, 302, "", true, OutcomeKind::kFail,
     "KINTONE_UNEXPECTED_REDIRECT", ""},
    {"connect failed POST", TransportError::kConnect, 0, "", false, OutcomeKind::kRetry,
     "KINTONE_CONNECT_FAILED", ""},
    {"timeout GET", TransportError::kTimeout, 0, "", true, OutcomeKind::kRetry, "KINTONE_TIMEOUT",
     ""},
    {"timeout POST", TransportError::kTimeout, 0, "", false, OutcomeKind::kFail,
     "KINTONE_OUTCOME_UNKNOWN", ""},
    {"reset GET", TransportError::kNetwork, 0, "", true, OutcomeKind::kRetry,
     "KINTONE_NETWORK_ERROR", ""},
    {"reset POST", TransportError::kNetwork, 0, "", false, OutcomeKind::kFail,
     "KINTONE_OUTCOME_UNKNOWN", ""},
    {"tls", TransportError::kTls, 0, "", true, OutcomeKind::kFail, "KINTONE_TLS_FAILED", ""},
    {"too large", TransportError::kResponseTooLarge, 200, "", true, OutcomeKind::kFail,
     "KINTONE_RESPONSE_TOO_LARGE", ""},
};

TEST(ClassifyTest, Table) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    Classification c = classify(responseFor(row), row.idempotent);
    EXPECT_EQ(c.outcome.kind(), row.kind);
    EXPECT_EQ(c.outcome.messageId(), row.messageId);
    EXPECT_EQ(c.kintoneCode, row.code);
  }
}

TEST(ClassifyTest, CodeFromHeaderWhenBodyIsNotJson) {
  HttpResponse response;
  response.status = 429;
  response.body = "Too Many Requests";
  response.headers = {{"x-cybozu-error", "GAIA_TO04"}};
  EXPECT_EQ(classify(response, false).kintoneCode, "GAIA_TO04");
}

TEST(ClassifyTest, MessageNamesStatusCodeAndKintoneMessage) {
  HttpResponse response;
  response.status = 400;
  response.body = R"({"code":"CB_VA01","id":"abc","message":"入力内容が正しくありません。"})";
  const std::string message = classify(response, true).outcome.message();
  EXPECT_NE(message.find("HTTP 400"), std::string::npos);
  EXPECT_NE(message.find("CB_VA01"), std::string::npos);
  EXPECT_NE(message.find("入力内容が正しくありません。"), std::string::npos);
}

TEST(ClassifyTest, RetryAfterIsPassedOn) {
  HttpResponse response;
  response.status = 429;
  response.retryAfter = std::chrono::seconds(7);
  EXPECT_EQ(classify(response, true).retryAfter, std::chrono::seconds(7));
}

TEST(ClassifyTest, UnreadableSuccessBody) {
  EXPECT_TRUE(classifyUnreadableBody(200, true).outcome.isRetry());
  EXPECT_EQ(classifyUnreadableBody(200, false).outcome.messageId(), "KINTONE_OUTCOME_UNKNOWN");
}

}  // namespace
}  // namespace teichaku::kintone
