#include "kintone/classify.h"

#include <rapidjson/document.h>

#include <array>
#include <string_view>

namespace teichaku::kintone {

namespace {

struct KintoneError {
  std::string code;
  std::string message;
  std::string id;
  bool isJson = false;
};

KintoneError parseErrorBody(const HttpResponse& response) {
  KintoneError error;
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    error.isJson = true;
    auto readString = [&doc](const char* key, std::string& out) {
      auto member = doc.FindMember(key);
      if (member != doc.MemberEnd() && member->value.IsString()) {
        out.assign(member->value.GetString(), member->value.GetStringLength());
      }
    };
    readString("code", error.code);
    readString("message", error.message);
    readString("id", error.id);
  }
  // 429 also names the code in a header (kintone-api.md §6.1).
  if (const std::string* header = response.header("x-cybozu-error");
      header != nullptr && error.code.empty()) {
    error.code = *header;
  }
  return error;
}

std::string describe(long status, const KintoneError& error) {
  std::string text = "HTTP " + std::to_string(status);
  if (!error.code.empty()) {
    text += ", " + error.code;
  }
  if (!error.message.empty()) {
    text += ": " + error.message;
  }
  if (!error.id.empty()) {
    text += "（エラーID " + error.id + "）";
  }
  if (!error.isJson) {
    text += "（応答本文が JSON ではありません）";
  }
  return text;
}

Classification make(Outcome outcome, const KintoneError& error, const HttpResponse& response) {
  return {std::move(outcome), error.code, response.status, response.retryAfter};
}

Classification unknownOutcome(bool idempotent, const std::string& retryId, const std::string& what,
                              const HttpResponse& response, const KintoneError& error) {
  if (idempotent) {
    return make(Outcome::retry(retryId, what + "。再試行します。"), error, response);
  }
  return make(Outcome::fail("KINTONE_OUTCOME_UNKNOWN",
                            what + "。書き込みが反映されたか不明なため、自動では再送しません。"),
              error, response);
}

Classification classifyTransport(const HttpResponse& response, bool idempotent) {
  KintoneError none;
  const std::string detail = response.errorDetail.empty() ? "" : "（" + response.errorDetail + "）";
  switch (response.error) {
    case TransportError::kConnect:
      // Nothing reached the server, so even a non-idempotent request is safe to send again.
      return make(Outcome::retry("KINTONE_CONNECT_FAILED", "kintone に接続できません" + detail),
                  none, response);
    case TransportError::kTimeout:
      return unknownOutcome(idempotent, "KINTONE_TIMEOUT",
                            "kintone の応答がタイムアウトしました" + detail, response, none);
    case TransportError::kNetwork:
    case TransportError::kCancelled:
      return unknownOutcome(idempotent, "KINTONE_NETWORK_ERROR",
                            "kintone との通信が途中で切れました" + detail, response, none);
    case TransportError::kTls:
      return make(Outcome::fail(
                      "KINTONE_TLS_FAILED",
                      "kintone との TLS 接続を確立できません（証明書を確認してください）" + detail),
                  none, response);
    case TransportError::kResponseTooLarge:
      return make(Outcome::fail("KINTONE_RESPONSE_TOO_LARGE",
                                "kintone の応答が上限サイズを超えたため中断しました"),
                  none, response);
    case TransportError::kRejected:
      return make(Outcome::fail("KINTONE_REQUEST_REJECTED", "リクエストを送信できません" + detail),
                  none, response);
    case TransportError::kNone:
      break;
  }
  return make(Outcome::ok(), none, response);
}

}  // namespace

bool isRetryableKintoneCode(const std::string& code) {
  static constexpr std::array<std::string_view, 5> kRetryable{"GAIA_TO04", "GAIA_TM12", "GAIA_RE18",
                                                              "GAIA_DA02", "GAIA_LT01"};
  for (std::string_view retryable : kRetryable) {
    if (code == retryable) {
      return true;
    }
  }
  return false;
}

Classification classify(const HttpResponse& response, bool idempotent) {
  if (response.error != TransportError::kNone) {
    return classifyTransport(response, idempotent);
  }
  const long status = response.status;
  if (status >= 200 && status < 300) {
    return {Outcome::ok(), {}, status, response.retryAfter};
  }
  const KintoneError error = parseErrorBody(response);
  const std::string text = describe(status, error);
  if (status == 429) {
    return make(Outcome::retry("KINTONE_RATE_LIMITED",
                               "kintone の同時リクエスト数の上限です（" + text + "）"),
                error, response);
  }
  // Busy codes: kintone refused the request as a whole, so a replay is safe for any method.
  if (isRetryableKintoneCode(error.code)) {
    return make(Outcome::retry("KINTONE_BUSY", "kintone が一時的に処理できません（" + text + "）"),
                error, response);
  }
  if (status >= 300 && status < 400) {
    return make(Outcome::fail("KINTONE_UNEXPECTED_REDIRECT",
                              "kintone がリダイレクトを返しました。リダイレクトには従いません（" +
                                  text + "）"),
                error, response);
  }
  // Input errors that kintone reports with a 5xx status (GAIA_SI01 is 520, CB_IJ01 seen as
  // 500; kintone-api.md §6.2): replaying the same body cannot succeed.
  if (error.code == "GAIA_SI01" || error.code == "CB_IJ01") {
    return make(
        Outcome::fail("KINTONE_BAD_REQUEST", "kintone が入力を受け付けません（" + text + "）"),
        error, response);
  }
  if (status == 408 || status >= 500) {
    return unknownOutcome(idempotent, "KINTONE_SERVER_ERROR",
                          "kintone のサーバーエラーです（" + text + "）", response, error);
  }
  if (status == 401) {
    return make(
        Outcome::fail("KINTONE_AUTH_FAILED", "kintone の認証に失敗しました（" + text + "）"), error,
        response);
  }
  if (status == 403) {
    return make(
        Outcome::fail("KINTONE_PERMISSION_DENIED", "kintone の権限がありません（" + text + "）"),
        error, response);
  }
  if (status == 404) {
    return make(Outcome::fail("KINTONE_NOT_FOUND", "kintone に対象がありません（" + text + "）"),
                error, response);
  }
  if (status == 409) {
    return make(Outcome::fail("KINTONE_CONFLICT",
                              "kintone 上で先に更新されています（revision 不一致: " + text + "）"),
                error, response);
  }
  if (status >= 400) {
    return make(Outcome::fail("KINTONE_BAD_REQUEST",
                              "kintone がリクエストを受け付けません（" + text + "）"),
                error, response);
  }
  return make(
      Outcome::fail("KINTONE_UNEXPECTED_STATUS", "kintone から想定外の応答です（" + text + "）"),
      error, response);
}

Classification classifyUnreadableBody(long status, bool idempotent) {
  HttpResponse response;
  response.status = status;
  return unknownOutcome(idempotent, "KINTONE_BAD_RESPONSE",
                        "kintone の応答を読み取れません（HTTP " + std::to_string(status) + "）",
                        response, KintoneError{});
}

}  // namespace teichaku::kintone
