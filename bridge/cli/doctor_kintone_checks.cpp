#include <memory>

#include "cli/doctor_checks.h"
#include "cli/doctor_clients.h"
#include "mapping/schema_adapters.h"

namespace teichaku::cli {
namespace {

// kintone has no API that lists what an API token may do (DOC:auth,
// https://cybozu.dev/ja/kintone/docs/rest-api/overview/authentication/ ; reference
// kintone-api.md §1.2): only a write would show whether add / edit / delete work.
constexpr const char* kTokenDocUrl =
    "https://cybozu.dev/ja/kintone/docs/rest-api/overview/authentication/";

std::string appLabel(const config::KintoneApp& app) {
  return "kintone アプリ " + app.name + "（app_id " + std::to_string(app.appId) + "）";
}

std::string tokenTodo(const config::KintoneApp& app) {
  return "kintone でアプリ " + std::to_string(app.appId) +
         " の「設定 → API トークン」を開き、トークンを確かめて [kintone.apps." + app.name +
         "] api_token_file に書き、「アプリを更新」を押してください（新しいトークンは更新までは"
         "使えません）。";
}

// What a failed request means for the operator. Codes: kintone-api.md §1.2 and §6.2.
void reportFailure(const config::KintoneApp& app, const std::string& action,
                   const kintone::JsonResult& result, Checklist& list) {
  const std::string& code = result.kintoneCode;
  const std::string label = appLabel(app);
  if (code == "GAIA_IA01" || code == "CB_WA01" || code == "CB_AU01") {
    list.fail(label + ": API トークンが受け付けられませんでした（" + code + "）。", tokenTodo(app));
  } else if (code == "GAIA_IA02") {
    list.fail(label + ": 設定された API トークンは別のアプリのものです（GAIA_IA02）。",
              tokenTodo(app));
  } else if (code == "GAIA_NO01") {
    list.fail(
        label + ": API トークンに" + action + "の権限がありません（GAIA_NO01）。",
        "アプリの「設定 → API トークン」で「レコード閲覧」に加え、ブリッジが書き込むアプリでは"
        "「レコード追加」「レコード編集」にチェックし、「アプリを更新」を押してください。");
  } else if (code == "GAIA_AP01") {
    list.fail(
        label + ": アプリが見つかりません（GAIA_AP01）。",
        "[kintone.apps." + app.name +
            "] app_id をアプリの URL（/k/番号/）の番号に直すか、apps deploy でアプリを作ってください。");
  } else {
    list.fail(label + ": " + action + "に失敗しました（" +
                  (code.empty() ? result.outcome.messageId() : code) +
                  "）: " + result.outcome.message(),
              "kintone のエラー内容を確かめ、アプリの設定と API トークンを見直してください。");
  }
}

void reportUnreachable(const kintone::JsonResult& result, const config::Config& config,
                       Checklist& list) {
  list.unreachable("kintone（" + config.kintone.baseUrl + "）に接続できません（" +
                       result.outcome.messageId() + "）: " + result.outcome.message(),
                   "[kintone] base_url、ネットワーク、プロキシ（proxy）、CA（ca_file）を確かめ、"
                   "少し後でもう一度実行してください。");
}

void checkSchema(const config::KintoneApp& app, const mapping::Mapping& mapping,
                 const rapidjson::Value& form, Checklist& list) {
  const mapping::AppMapping* mapped = mapping.app(app.name);
  if (mapped == nullptr) {
    list.note(appLabel(app) + ": マッピング（" + mapping.file +
              "）にこのアプリの定義がないため、フォームの照合はしません。");
    return;
  }
  config::ConfigErrors errors = mapping::checkAgainstSchema(mapping, *mapped, form);
  if (errors.empty()) {
    list.pass(appLabel(app) + ": マッピングの " + std::to_string(mapped->fields.size()) +
              " 項目がすべてフォームにあります。");
    return;
  }
  for (const auto& error : errors) {
    list.fail(appLabel(app) + ": " + error.message,
              "kintone のフォームにフィールドを追加する（teichaku-bridge apps deploy）か、"
              "マッピング " +
                  error.file + ":" + std::to_string(error.line) + " を直してください。");
  }
}

}  // namespace

void checkKintoneApps(const config::Config& config, const mapping::Mapping* mapping,
                      const std::set<std::string>& usableApps, Checklist& list) {
  list.section("kintone（" + config.kintone.baseUrl + "）");
  std::unique_ptr<kintone::KintoneClient> client;
  try {
    client = makeDoctorKintoneClient(config, usableApps);
  } catch (const std::exception& e) {
    list.fail("kintone への接続を準備できません: " + std::string(e.what()),
              "[kintone] の設定（base_url、Basic 認証、クライアント証明書）を直してください。");
    return;
  }
  for (const auto& [name, app] : config.kintone.apps) {
    if (usableApps.count(name) == 0) {
      list.note(appLabel(app) + ": API トークンを読めないため点検を省きました（上の ✘ を参照）。");
      continue;
    }
    const std::string id = std::to_string(app.appId);
    kintone::JsonResult form = client->getFormFields(id);
    if (form.outcome.isRetry()) {
      reportUnreachable(form, config, list);
      list.note("残りの kintone アプリの点検を省きました。");
      return;
    }
    if (!form.outcome.isOk()) {
      reportFailure(app, "フォーム設定の読み出し", form, list);
      continue;
    }
    list.pass(appLabel(app) + ": API トークンが受け付けられました（フォーム設定を読めます）。");
    // One record id only: proves the view permission without reading any value.
    kintone::JsonResult records = client->getRecords(id, "limit 1", {"$id"});
    if (records.outcome.isRetry()) {
      reportUnreachable(records, config, list);
      list.note("残りの kintone アプリの点検を省きました。");
      return;
    }
    if (records.outcome.isOk()) {
      list.pass(appLabel(app) + ": レコード閲覧の権限があります。");
    } else {
      reportFailure(app, "レコード閲覧", records, list);
    }
    if (mapping != nullptr) {
      checkSchema(app, *mapping, form.json, list);
    }
  }
  list.note(
      std::string(
          "API トークンの「レコード追加」「レコード編集」「レコード削除」「アプリ管理」の権限は、"
          "書き込まずには確かめられません（kintone には API トークンの権限を一覧する API "
          "がありません: ") +
      kTokenDocUrl +
      "）。共有・書き戻し・タスク作成に使うアプリでは、各アプリの「設定 → API トークン」で"
      "追加と編集にチェックがあるか目で確かめてください。");
}

}  // namespace teichaku::cli
