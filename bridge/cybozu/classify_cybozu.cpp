#include "cybozu/classify_cybozu.h"

#include <rapidjson/document.h>

#include <utility>

namespace teichaku::cybozu {

namespace {

using garoon::Verdict;

constexpr std::size_t kMaxMessageBytes = 300;
constexpr std::size_t kMaxFieldErrors = 5;

std::string describe(long status, const CybozuErrorBody& error) {
  std::string text = "HTTP " + std::to_string(status);
  if (!error.code.empty()) {
    text += ", " + error.code;
  }
  if (!error.message.empty()) {
    text += ": " + error.message.substr(0, kMaxMessageBytes);
  }
  for (std::size_t i = 0; i < error.fieldErrors.size() && i < kMaxFieldErrors; ++i) {
    text += " / " + error.fieldErrors[i].substr(0, kMaxMessageBytes);
  }
  if (!error.id.empty()) {
    text += "（エラーID " + error.id + "）";
  }
  if (!error.isJson) {
    text += "（応答本文が JSON ではありません）";
  }
  return text;
}

Verdict make(Outcome outcome, const CybozuErrorBody& error, const kintone::HttpResponse& response) {
  return {std::move(outcome), error.code, response.retryAfter};
}

Verdict unknownOutcome(bool idempotent, const char* retryId, const std::string& what,
                       const CybozuErrorBody& error, const kintone::HttpResponse& response) {
  if (idempotent) {
    return make(Outcome::retry(retryId, what + "。再試行します。"), error, response);
  }
  return make(Outcome::fail("CYBOZU_OUTCOME_UNKNOWN",
                            what + "。cybozu.com に反映されたか不明なため、自動では再送しません。"),
              error, response);
}

Verdict classifyTransport(const kintone::HttpResponse& response, bool idempotent) {
  using kintone::TransportError;
  const CybozuErrorBody none;
  const std::string detail = response.errorDetail.empty() ? "" : "（" + response.errorDetail + "）";
  switch (response.error) {
    case TransportError::kConnect:
      return make(Outcome::retry("CYBOZU_CONNECT_FAILED", "cybozu.com に接続できません" + detail),
                  none, response);
    case TransportError::kTimeout:
      return unknownOutcome(idempotent, "CYBOZU_TIMEOUT",
                            "cybozu.com の応答がタイムアウトしました" + detail, none, response);
    case TransportError::kNetwork:
    case TransportError::kCancelled:
      return unknownOutcome(idempotent, "CYBOZU_NETWORK_ERROR",
                            "cybozu.com との通信が途中で切れました" + detail, none, response);
    case TransportError::kTls:
      return make(
          Outcome::fail(
              "CYBOZU_TLS_FAILED",
              "cybozu.com との TLS 接続を確立できません（証明書を確認してください）" + detail),
          none, response);
    case TransportError::kResponseTooLarge:
      return make(Outcome::fail("CYBOZU_RESPONSE_TOO_LARGE",
                                "cybozu.com の応答が上限サイズを超えたため中断しました"),
                  none, response);
    case TransportError::kRejected:
      return make(Outcome::fail("CYBOZU_REQUEST_REJECTED", "リクエストを送信できません" + detail),
                  none, response);
    case TransportError::kNone:
      break;
  }
  return make(Outcome::ok(), none, response);
}

}  // namespace

CybozuErrorBody parseCybozuError(const kintone::HttpResponse& response) {
  CybozuErrorBody error;
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    error.isJson = true;
    auto read = [&doc](const char* key, std::string& out) {
      auto member = doc.FindMember(key);
      if (member != doc.MemberEnd() && member->value.IsString()) {
        out.assign(member->value.GetString(), member->value.GetStringLength());
      }
    };
    read("code", error.code);
    read("id", error.id);
    read("message", error.message);
    auto errors = doc.FindMember("errors");
    if (errors != doc.MemberEnd() && errors->value.IsObject()) {
      for (const auto& field : errors->value.GetObject()) {
        std::string line = field.name.GetString();
        auto messages =
            field.value.IsObject() ? field.value.FindMember("messages") : field.value.MemberEnd();
        if (field.value.IsObject() && messages != field.value.MemberEnd() &&
            messages->value.IsArray()) {
          for (const auto& message : messages->value.GetArray()) {
            if (message.IsString()) {
              line += std::string(": ") + message.GetString();
            }
          }
        }
        error.fieldErrors.push_back(std::move(line));
      }
    }
  }
  // [swift] reads X-Cybozu-Error on any non-200 (B1).
  if (const std::string* header = response.header("x-cybozu-error");
      header != nullptr && error.code.empty()) {
    error.code = *header;
  }
  return error;
}

Verdict classifyCybozu(const kintone::HttpResponse& response, bool idempotent) {
  if (response.error != kintone::TransportError::kNone) {
    return classifyTransport(response, idempotent);
  }
  const long status = response.status;
  if (status >= 200 && status < 300) {
    return {Outcome::ok(), {}, response.retryAfter};
  }
  const CybozuErrorBody error = parseCybozuError(response);
  const std::string text = describe(status, error);
  // No User API rate limit is documented (B1, UNCONFIRMED); 429 and 503 are the platform's
  // "later", refused before any work, so replayed for any method.
  if (status == 429) {
    return make(Outcome::retry("CYBOZU_RATE_LIMITED",
                               "cybozu.com の同時リクエスト数の上限です（" + text + "）"),
                error, response);
  }
  if (status == 503) {
    return make(
        Outcome::retry("CYBOZU_UNAVAILABLE", "cybozu.com が一時的に利用できません（" + text + "）"),
        error, response);
  }
  if (status >= 300 && status < 400) {
    return make(
        Outcome::fail(
            "CYBOZU_UNEXPECTED_REDIRECT",
            "cybozu.com がリダイレクトを返しました。リダイレクトには従いません（" + text + "）"),
        error, response);
  }
  // Before 2021-03 a missing code came back as 520 "不正なリクエストです" [U-upd-2021-03];
  // a named CB_ error on 5xx is about the input, and the same body cannot succeed.
  if (status >= 500 && error.code.rfind("CB_", 0) == 0) {
    return make(
        Outcome::fail("CYBOZU_BAD_REQUEST", "cybozu.com が入力を受け付けません（" + text + "）"),
        error, response);
  }
  if (status == 408 || status >= 500) {
    return unknownOutcome(idempotent, "CYBOZU_SERVER_ERROR",
                          "cybozu.com のサーバーエラーです（" + text + "）", error, response);
  }
  if (status == 401) {
    return make(
        Outcome::fail("CYBOZU_AUTH_FAILED",
                      "cybozu.com の認証に失敗しました。共通管理者のログイン名とパスワードを"
                      "確認してください（" +
                          text + "）"),
        error, response);
  }
  if (status == 403) {
    return make(Outcome::fail("CYBOZU_PERMISSION_DENIED",
                              "cybozu.com の共通管理者権限がありません（" + text + "）"),
                error, response);
  }
  if (status == 404) {
    return make(Outcome::fail("CYBOZU_NOT_FOUND", "cybozu.com に対象がありません（" + text + "）"),
                error, response);
  }
  if (error.code == "CB_VA01") {
    return make(Outcome::fail("CYBOZU_VALIDATION_FAILED",
                              "cybozu.com が入力内容を受け付けません（" + text + "）"),
                error, response);
  }
  if (status >= 400) {
    return make(Outcome::fail("CYBOZU_BAD_REQUEST",
                              "cybozu.com がリクエストを受け付けません（" + text + "）"),
                error, response);
  }
  return make(
      Outcome::fail("CYBOZU_UNEXPECTED_STATUS", "cybozu.com から想定外の応答です（" + text + "）"),
      error, response);
}

Verdict classifyCybozuUnreadableBody(long status, bool idempotent) {
  const std::string what =
      "cybozu.com の応答を読み取れません（HTTP " + std::to_string(status) + "）";
  if (idempotent) {
    return {Outcome::retry("CYBOZU_BAD_RESPONSE", what + "。再試行します。"), {}, std::nullopt};
  }
  return {Outcome::fail("CYBOZU_OUTCOME_UNKNOWN",
                        what + "。cybozu.com に反映されたか不明なため、自動では再送しません。"),
          {},
          std::nullopt};
}

garoon::ResponseClassifier cybozuClassifier() {
  return {classifyCybozu, classifyCybozuUnreadableBody};
}

}  // namespace teichaku::cybozu
