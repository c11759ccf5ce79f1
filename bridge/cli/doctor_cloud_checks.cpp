#include <curl/curl.h>

#include <memory>

#include "cli/doctor_checks.h"
#include "cli/doctor_clients.h"

namespace teichaku::cli {
namespace {

// The fixed texts of the test notice. The payload guard admits only whitelisted items
// (no free text reaches Garoon), so both are given to it as its whitelist.
constexpr const char* kTestTitle = "teichaku-bridge 接続テスト";
constexpr const char* kTestBody = "導入時の点検（doctor）による試験通知です。操作は不要です。";

std::string unreachableTodo(const std::string& section) {
  return "[" + section +
         "] base_url とネットワーク・プロキシを確かめ、少し後でもう一度実行してください。";
}

// Garoon error codes: garoon-cybozu-api.md A1 "Error codes".
void reportGaroonLoginFailure(const config::Config& config, const std::string& code,
                              const Outcome& outcome, Checklist& list) {
  const std::string who = "Garoon にユーザー " + config.garoon.username;
  if (code == "FW00007" || code == "GRN_REST_API_00001" || code == "GRN_REST_API_00003") {
    list.fail(who + " でログインできません（" + code + "）。",
              "[garoon] username と password_file（または password_env）を確かめてください。");
  } else if (code == "FW00008") {
    list.fail(who + " は停止中です（FW00008）。",
              "cybozu.com 共通管理でこのユーザーを使用中にしてください。");
  } else if (code == "GRN_CMMN_00004" || code == "GRN_REST_API_00004" || code == "GRN_CMMN_00003") {
    list.fail(who + " は Garoon を使えません（" + code + "）。",
              "cybozu.com 共通管理 → ユーザー → 利用するサービスで Garoon を許可してください。");
  } else {
    list.fail(who + " でログインできません（" + (code.empty() ? outcome.messageId() : code) +
                  "）: " + outcome.message(),
              "[garoon] の設定と Garoon のエラー内容を確かめてください。");
  }
}

// The record the link in the test notice points to: the first configured app's record 1.
// A link is required and must be under the external notification's allowed URLs, which
// for the bridge are kintone record links — so the test also proves that setting.
std::optional<garoon::GuardedUrl> testLink(const config::Config& config,
                                           const garoon::PayloadGuard& guard) {
  if (config.kintone.apps.empty()) {
    return std::nullopt;
  }
  return guard.recordUrl(std::to_string(config.kintone.apps.begin()->second.appId), "1");
}

void sendTestNotice(const config::Config& config, garoon::GaroonClient& client,
                    const std::string& login, Checklist& list) {
  list.note("--notify-operator により、" + login +
            " に試験通知を 1 件送ります（doctor が行う唯一の書き込みです）。");
  auto found = client.garoonIdsByCode({login});
  if (found.outcome.isRetry()) {
    list.unreachable("Garoon に接続できません: " + found.outcome.message(),
                     unreachableTodo("garoon"));
    return;
  }
  if (!found.outcome.isOk() || found.value.count(login) == 0) {
    list.fail("Garoon にログイン名 " + login + " の利用者が見つかりません。",
              "--notify-operator には Garoon を使える担当者のログイン名を指定してください。");
    return;
  }
  garoon::PayloadGuard guard(config.kintone.baseUrl, {kTestTitle, kTestBody});
  auto link = testLink(config, guard);
  if (!link) {
    list.fail("試験通知のリンクを作れません。", "[kintone.apps.*] を 1 つ以上設定してください。");
    return;
  }
  garoon::NotificationInput input;
  input.app = config.garoon.notificationAppCode;
  // The same key on every run: a second test updates the first notice (A2).
  input.notificationKey = "teichaku-doctor-test-" + login;
  input.operation = garoon::NotificationOperation::kAdd;
  input.url = *link;
  input.title = guard.text().centre(kTestTitle);
  input.body = guard.text().centre(kTestBody);
  input.destinations = {garoon::Ref::code(login)};
  auto sent = client.upsertNotification(input, {});
  if (sent.outcome.isOk()) {
    list.pass("外部通知コード '" + config.garoon.notificationAppCode + "' で " + login +
              " に試験通知を送りました。Garoon の通知一覧に届いたか確かめてください。");
  } else if (sent.outcome.isRetry()) {
    list.unreachable("Garoon に接続できません: " + sent.outcome.message(),
                     unreachableTodo("garoon"));
  } else if (sent.errorCode == "GRN_REST_API_00202") {
    list.fail("Garoon が外部通知コード '" + config.garoon.notificationAppCode +
                  "' またはリンクの URL を受け付けませんでした（GRN_REST_API_00202）。",
              "Garoon のシステム設定 → 通知 → 外部通知で、このコードの外部通知を作り「API」に"
              "チェックし、許可する URL に " +
                  config.kintone.baseUrl + "/k/ を加えてください。");
  } else if (sent.errorCode == "GRN_CMMN_00005") {
    list.fail(
        "ユーザー " + config.garoon.username + " はこの外部通知を送れません（GRN_CMMN_00005）。",
        "Garoon の外部通知の設定で、このユーザーに通知の送信を許可してください。");
  } else {
    list.fail("試験通知を送れませんでした（" +
                  (sent.errorCode.empty() ? sent.outcome.messageId() : sent.errorCode) +
                  "）: " + sent.outcome.message(),
              "Garoon の外部通知の設定（コード、「API」、許可する URL）を確かめてください。");
  }
}

}  // namespace

void checkGaroon(const config::Config& config, const std::string& notifyOperator, Checklist& list) {
  if (!config.garoon.enabled) {
    list.section("Garoon");
    list.note("[garoon] が無効（enabled = false）のため点検しません。");
    return;
  }
  list.section("Garoon（" + config.garoon.baseUrl + "）");
  std::unique_ptr<garoon::GaroonClient> client;
  try {
    client = makeDoctorGaroonClient(config);
  } catch (const std::exception& e) {
    list.fail("Garoon への接続を準備できません: " + std::string(e.what()),
              "[garoon] base_url と password_file を直してください。");
    return;
  }
  // A read of the bridge's own user proves the login (A4 base/users).
  auto self = client->usersByCodes({config.garoon.username});
  if (self.outcome.isRetry()) {
    list.unreachable(
        "Garoon に接続できません（" + self.outcome.messageId() + "）: " + self.outcome.message(),
        unreachableTodo("garoon"));
    return;
  }
  if (!self.outcome.isOk()) {
    reportGaroonLoginFailure(config, self.errorCode, self.outcome, list);
    return;
  }
  list.pass("Garoon にユーザー " + config.garoon.username + " でログインできました。");
  if (config.garoon.notificationAppCode.empty()) {
    list.fail("外部通知コード（[garoon] notification_app_code）が空です。",
              "Garoon のシステム設定 → 通知 → 外部通知で作ったコードを書いてください。");
    return;
  }
  list.pass("外部通知コード '" + config.garoon.notificationAppCode + "' が設定されています。");
  if (notifyOperator.empty()) {
    list.note(
        "このコードが Garoon に登録され「API」が有効かは、書き込まずには確かめられません"
        "（Garoon には外部通知の設定を読む API がありません）。--notify-operator LOGIN を"
        "付けると、その人に試験通知を 1 件送って確かめます。");
    return;
  }
  sendTestNotice(config, *client, notifyOperator, list);
}

void checkCybozu(const config::Config& config, Checklist& list) {
  list.section("cybozu.com User API");
  if (!config.cybozu.enabled) {
    list.note("[cybozu] が無効（enabled = false）のため点検しません。");
    return;
  }
  std::unique_ptr<cybozu::CybozuUserClient> client;
  try {
    client = makeDoctorCybozuClient(config);
  } catch (const std::exception& e) {
    list.fail("User API への接続を準備できません: " + std::string(e.what()),
              "[cybozu] base_url と admin_password_file を直してください。");
    return;
  }
  // One GET of the administrator's own user (B2 #1, codes[0]).
  auto users = client->getUsers({config.cybozu.adminLogin});
  if (users.outcome.isRetry()) {
    list.unreachable("User API（" + config.cybozu.baseUrl + "）に接続できません（" +
                         users.outcome.messageId() + "）: " + users.outcome.message(),
                     unreachableTodo("cybozu"));
    return;
  }
  if (!users.outcome.isOk()) {
    const std::string& code = users.errorCode;
    list.fail("User API に " + config.cybozu.adminLogin + " で接続できません（" +
                  (code.empty() ? users.outcome.messageId() : code) +
                  "）: " + users.outcome.message(),
              "[cybozu] admin_login と admin_password_file を確かめてください（CB_WA01 はパスワード"
              "違い、CB_AU01 は認証情報なし）。");
    return;
  }
  if (users.value.empty()) {
    list.fail("User API で管理者 " + config.cybozu.adminLogin + " が見つかりません。",
              "[cybozu] admin_login に cybozu.com のログイン名を書いてください。");
    return;
  }
  list.pass("User API に管理者 " + config.cybozu.adminLogin + " で接続できました。");
  list.note(
      "共通管理者の権限（ユーザー・組織の書き込み）は書き込まずには確かめられません。"
      "cybozu.com 共通管理で、このユーザーが Administrators グループにいるか確かめてください。");
}

void checkTls(const config::Config& config, Checklist& list) {
  list.section("TLS");
  std::string ca;
  if (!config.kintone.caFile.empty()) {
    ca = config.kintone.caFile + "（[kintone] ca_file）";
  } else {
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    if (info != nullptr && info->cainfo != nullptr) {
      ca = std::string(info->cainfo) + "（システムの既定）";
    } else if (info != nullptr && info->capath != nullptr) {
      ca = std::string(info->capath) + "（システムの既定）";
    } else {
      ca = "TLS ライブラリの既定";
    }
  }
  list.pass("証明書の検証は常に有効です（無効にする設定はありません）。CA: " + ca);
}

}  // namespace teichaku::cli
