#include "garoon/classify_garoon.h"

#include <rapidjson/document.h>

#include <utility>

namespace teichaku::garoon {

namespace {

// Server messages are shown to an operator; a cap keeps a misbehaving proxy's page out.
constexpr std::size_t kMaxMessageBytes = 300;

std::string describe(long status, const GaroonErrorBody& error) {
  std::string text = "HTTP " + std::to_string(status);
  if (!error.errorCode.empty()) {
    text += ", " + error.errorCode;
  }
  if (!error.message.empty()) {
    text += ": " + error.message.substr(0, kMaxMessageBytes);
  }
  if (!error.isJson) {
    text += "（応答本文が JSON ではありません）";
  }
  return text;
}

Verdict make(Outcome outcome, const GaroonErrorBody& error, const kintone::HttpResponse& response) {
  return {std::move(outcome), error.errorCode, response.retryAfter};
}

// After a timeout or a dropped connection the request may or may not have taken effect.
Verdict unknownOutcome(bool idempotent, const char* retryId, const std::string& what,
                       const GaroonErrorBody& error, const kintone::HttpResponse& response) {
  if (idempotent) {
    return make(Outcome::retry(retryId, what + "。再試行します。"), error, response);
  }
  return make(Outcome::fail("GAROON_OUTCOME_UNKNOWN",
                            what + "。Garoon に反映されたか不明なため、自動では再送しません。"),
              error, response);
}

Verdict classifyTransport(const kintone::HttpResponse& response, bool idempotent) {
  using kintone::TransportError;
  const GaroonErrorBody none;
  const std::string detail = response.errorDetail.empty() ? "" : "（" + response.errorDetail + "）";
  switch (response.error) {
    case TransportError::kConnect:
      // Nothing reached the server, so any request may be sent again.
      return make(Outcome::retry("GAROON_CONNECT_FAILED", "Garoon に接続できません" + detail), none,
                  response);
    case TransportError::kTimeout:
      return unknownOutcome(idempotent, "GAROON_TIMEOUT",
                            "Garoon の応答がタイムアウトしました" + detail, none, response);
    case TransportError::kNetwork:
    case TransportError::kCancelled:
      return unknownOutcome(idempotent, "GAROON_NETWORK_ERROR",
                            "Garoon との通信が途中で切れました" + detail, none, response);
    case TransportError::kTls:
      return make(Outcome::fail(
                      "GAROON_TLS_FAILED",
                      "Garoon との TLS 接続を確立できません（証明書を確認してください）" + detail),
                  none, response);
    case TransportError::kResponseTooLarge:
      return make(Outcome::fail("GAROON_RESPONSE_TOO_LARGE",
                                "Garoon の応答が上限サイズを超えたため中断しました"),
                  none, response);
    case TransportError::kRejected:
      return make(Outcome::fail("GAROON_REQUEST_REJECTED", "リクエストを送信できません" + detail),
                  none, response);
    case TransportError::kNone:
      break;
  }
  return make(Outcome::ok(), none, response);
}

}  // namespace

GaroonErrorBody parseGaroonError(const kintone::HttpResponse& response) {
  GaroonErrorBody error;
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    error.isJson = true;
    auto inner = doc.FindMember("error");
    if (inner != doc.MemberEnd() && inner->value.IsObject()) {
      auto read = [&inner](const char* key, std::string& out) {
        auto member = inner->value.FindMember(key);
        if (member != inner->value.MemberEnd() && member->value.IsString()) {
          out.assign(member->value.GetString(), member->value.GetStringLength());
        }
      };
      read("errorCode", error.errorCode);
      read("message", error.message);
    }
  }
  if (const std::string* header = response.header("x-cybozu-error");
      header != nullptr && error.errorCode.empty()) {
    error.errorCode = *header;
  }
  return error;
}

Verdict classifyGaroon(const kintone::HttpResponse& response, bool idempotent) {
  if (response.error != kintone::TransportError::kNone) {
    return classifyTransport(response, idempotent);
  }
  const long status = response.status;
  if (status >= 200 && status < 300) {
    return {Outcome::ok(), {}, response.retryAfter};
  }
  const GaroonErrorBody error = parseGaroonError(response);
  const std::string text = describe(status, error);
  // 429 GRN_REST_API_00104: over the concurrent-request limit (A1 error table); refused as
  // a whole, so a replay is safe for any method. 503: the service says "later".
  if (status == 429 || error.errorCode == "GRN_REST_API_00104") {
    return make(Outcome::retry("GAROON_RATE_LIMITED",
                               "Garoon の同時リクエスト数の上限です（" + text + "）"),
                error, response);
  }
  if (status == 503) {
    return make(
        Outcome::retry("GAROON_UNAVAILABLE", "Garoon が一時的に利用できません（" + text + "）"),
        error, response);
  }
  if (status >= 300 && status < 400) {
    return make(Outcome::fail("GAROON_UNEXPECTED_REDIRECT",
                              "Garoon がリダイレクトを返しました。リダイレクトには従いません（" +
                                  text + "）"),
                error, response);
  }
  // 520 GRN_CMMN_00106 / 00107: organization / role not found (A1 error table). A named
  // Garoon error on 520 is an answer about the input, not a server fault.
  if (status == 520 && !error.errorCode.empty()) {
    return make(Outcome::fail("GAROON_NOT_FOUND", "Garoon に対象がありません（" + text + "）"),
                error, response);
  }
  if (status == 408 || status >= 500) {
    return unknownOutcome(idempotent, "GAROON_SERVER_ERROR",
                          "Garoon のサーバーエラーです（" + text + "）", error, response);
  }
  if (status == 401) {
    return make(
        Outcome::fail("GAROON_AUTH_FAILED",
                      "Garoon の認証に失敗しました。ログイン名とパスワードを確認してください（" +
                          text + "）"),
        error, response);
  }
  if (status == 403) {
    return make(Outcome::fail("GAROON_PERMISSION_DENIED",
                              "Garoon の権限またはライセンスがありません（" + text + "）"),
                error, response);
  }
  if (status == 404) {
    return make(Outcome::fail("GAROON_NOT_FOUND", "Garoon に対象がありません（" + text + "）"),
                error, response);
  }
  if (status >= 400) {
    return make(
        Outcome::fail("GAROON_BAD_REQUEST", "Garoon がリクエストを受け付けません（" + text + "）"),
        error, response);
  }
  return make(
      Outcome::fail("GAROON_UNEXPECTED_STATUS", "Garoon から想定外の応答です（" + text + "）"),
      error, response);
}

Verdict classifyGaroonUnreadableBody(long status, bool idempotent) {
  const std::string what = "Garoon の応答を読み取れません（HTTP " + std::to_string(status) + "）";
  if (idempotent) {
    return {Outcome::retry("GAROON_BAD_RESPONSE", what + "。再試行します。"), {}, std::nullopt};
  }
  return {Outcome::fail("GAROON_OUTCOME_UNKNOWN",
                        what + "。Garoon に反映されたか不明なため、自動では再送しません。"),
          {},
          std::nullopt};
}

ResponseClassifier garoonClassifier() {
  return {classifyGaroon, classifyGaroonUnreadableBody};
}

}  // namespace teichaku::garoon
