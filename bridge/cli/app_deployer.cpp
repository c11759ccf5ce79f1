#include "cli/app_deployer.h"

#include <rapidjson/document.h>
#include <toml++/toml.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace teichaku::cli {
namespace {

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("ファイル " + path + " を読めません。");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool isLookup(const rapidjson::Value& field) {
  return field.IsObject() && field.HasMember("lookup") && field["lookup"].IsObject();
}

std::string optionsOf(const rapidjson::Value& field) {
  std::string out;
  if (field.HasMember("options") && field["options"].IsObject()) {
    for (auto it = field["options"].MemberBegin(); it != field["options"].MemberEnd(); ++it) {
      out += std::string(it->name.GetString()) + "\n";
    }
  }
  return out;
}

}  // namespace

std::vector<AppDefinition> loadAppDefinitions(const std::string& appsToml) {
  toml::table doc;
  try {
    doc = toml::parse_file(appsToml);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(appsToml + ":" + std::to_string(e.source().begin.line) + ":" +
                             std::to_string(e.source().begin.column) +
                             ": TOMLの書き方が正しくありません。");
  }
  std::vector<AppDefinition> apps;
  const toml::array* list = doc["apps"].as_array();
  if (list == nullptr) {
    throw std::runtime_error(appsToml + ": [[apps]] がありません。");
  }
  const std::filesystem::path dir = std::filesystem::path(appsToml).parent_path();
  for (const auto& node : *list) {
    const toml::table* t = node.as_table();
    if (t == nullptr || !(*t)["key"].is_string() || !(*t)["name"].is_string() ||
        !(*t)["file"].is_string()) {
      throw std::runtime_error(appsToml + ":" + std::to_string(node.source().begin.line) +
                               ": [[apps]] には key、name、file が必要です。");
    }
    apps.push_back({(*t)["key"].value_or(std::string()), (*t)["name"].value_or(std::string()),
                    (dir / (*t)["file"].value_or(std::string())).string()});
  }
  return apps;
}

AppDeployer::AppDeployer(kintone::KintoneClient& client, std::map<std::string, std::string> appIds,
                         std::ostream& out, std::ostream& err)
    : client_(client), appIds_(std::move(appIds)), out_(out), err_(err) {}

bool AppDeployer::ensureApp(const AppDefinition& app, std::string& id) {
  id = appIds_.at(app.key);
  auto form = client_.getFormFields(id, true);
  if (form.outcome.isOk()) {
    return true;
  }
  if (form.outcome.messageId() != "KINTONE_NOT_FOUND") {
    err_ << "エラー: アプリ " << app.key << "（アプリID " << id << "）を読めません（"
         << form.outcome.messageId() << ": " << form.outcome.message() << "）。\n";
    return false;
  }
  auto created = client_.addPreviewApp(app.name);
  if (!created.outcome.isOk()) {
    err_ << "エラー: アプリ「" << app.name << "」を作成できません（" << created.outcome.messageId()
         << ": " << created.outcome.message() << "）。\n";
    return false;
  }
  std::string newId = created.json["app"].GetString();
  out_ << "  アプリ「" << app.name << "」を作成しました（アプリID " << newId << "）。\n";
  if (newId != id) {
    ++idMismatches_;
    err_ << "注意: 設定ファイルでは [kintone.apps." << app.key << "] app_id = " << id
         << " ですが、作成したアプリのIDは " << newId << " です。設定ファイルを " << newId
         << " に直し、このアプリのAPIトークンを作成してください。\n";
  }
  appIds_[app.key] = newId;
  id = newId;
  return true;
}

bool AppDeployer::addFields(const std::string& appKey, const std::string& id,
                            const std::string& fieldsFile, bool lookups) {
  rapidjson::Document wanted;
  wanted.Parse(readText(fieldsFile).c_str());
  if (wanted.HasParseError() || !wanted.IsObject() || !wanted.HasMember("properties")) {
    err_ << "エラー: " << fieldsFile << " は properties を持つ JSON ではありません。\n";
    return false;
  }
  auto form = client_.getFormFields(id, true);
  if (!form.outcome.isOk()) {
    err_ << "エラー: アプリ " << appKey << " のフィールドを読めません（" << form.outcome.messageId()
         << "）。\n";
    return false;
  }
  const rapidjson::Value& existing = form.json["properties"];
  rapidjson::Document missing(rapidjson::kObjectType);
  auto& a = missing.GetAllocator();
  for (auto it = wanted["properties"].MemberBegin(); it != wanted["properties"].MemberEnd(); ++it) {
    const std::string code = it->name.GetString();
    if (isLookup(it->value) != lookups) {
      continue;
    }
    if (existing.HasMember(it->name)) {
      const rapidjson::Value& have = existing[it->name];
      const std::string wantType = it->value["type"].GetString();
      const std::string haveType = have.HasMember("type") ? have["type"].GetString() : "";
      if (wantType != haveType) {
        ++differences_;
        out_ << "  差異: " << appKey << " のフィールド「" << code << "」は " << haveType
             << " ですが、定義では " << wantType << " です（変更していません）。\n";
      } else if (optionsOf(it->value) != optionsOf(have)) {
        ++differences_;
        out_ << "  差異: " << appKey << " のフィールド「" << code
             << "」の選択肢が定義と違います（変更していません）。\n";
      }
      continue;
    }
    rapidjson::Value field(it->value, a);
    if (isLookup(field)) {
      rapidjson::Value& related = field["lookup"]["relatedApp"];
      const std::string sourceKey = related.HasMember("code") ? related["code"].GetString() : "";
      auto source = appIds_.find(sourceKey);
      if (source == appIds_.end()) {
        err_ << "エラー: " << fieldsFile << " のルックアップ「" << code << "」の参照先 "
             << sourceKey << " が設定ファイルの [kintone.apps] にありません。\n";
        return false;
      }
      related.RemoveMember("code");
      related["app"].SetString(source->second.c_str(), a);
    }
    missing.AddMember(rapidjson::Value(code.c_str(), a), field, a);
  }
  if (missing.MemberCount() == 0) {
    return true;
  }
  auto added = client_.addPreviewFormFields(id, missing);
  if (!added.outcome.isOk()) {
    err_ << "エラー: アプリ " << appKey << " にフィールドを追加できません（"
         << added.outcome.messageId() << ": " << added.outcome.message() << "）。\n";
    return false;
  }
  out_ << "  " << appKey << ": フィールドを " << missing.MemberCount() << " 件追加しました。\n";
  return true;
}

bool AppDeployer::deployAndWait(const std::vector<std::string>& ids) {
  std::vector<kintone::DeployTarget> targets;
  for (const auto& id : ids) {
    targets.push_back({id, std::nullopt});
  }
  auto deployed = client_.deployApps(targets);
  if (!deployed.outcome.isOk()) {
    err_ << "エラー: アプリの運用環境への反映を始められません（" << deployed.outcome.messageId()
         << "）。\n";
    return false;
  }
  // Deploy runs in the background on kintone; poll its status (kintone-api.md §3.3).
  for (int attempt = 0; attempt < 120; ++attempt) {
    auto status = client_.getDeployStatus(ids);
    if (!status.outcome.isOk()) {
      err_ << "エラー: 反映の状況を読めません（" << status.outcome.messageId() << "）。\n";
      return false;
    }
    bool done = true;
    for (const auto& app : status.json["apps"].GetArray()) {
      const std::string s = app["status"].GetString();
      if (s == "FAIL" || s == "CANCEL") {
        err_ << "エラー: アプリID " << app["app"].GetString() << " の反映が " << s
             << " になりました。\n";
        return false;
      }
      done = done && s == "SUCCESS";
    }
    if (done) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  err_ << "エラー: アプリの反映が1分たっても終わりません。kintone "
          "の画面で状況を確認してください。\n";
  return false;
}

ExitCode AppDeployer::deploy(const std::vector<AppDefinition>& apps) {
  std::vector<std::string> ids;
  for (const auto& app : apps) {
    if (appIds_.count(app.key) == 0) {
      err_ << "エラー: 設定ファイルに [kintone.apps." << app.key << "] がありません。\n";
      return ExitCode::kConfigError;
    }
  }
  for (bool lookups : {false, true}) {
    ids.clear();
    for (const auto& app : apps) {
      std::string id;
      if (!lookups && !ensureApp(app, id)) {
        return ExitCode::kRuntimeFailure;
      }
      id = appIds_.at(app.key);
      if (!addFields(app.key, id, app.fieldsFile, lookups)) {
        return ExitCode::kRuntimeFailure;
      }
      ids.push_back(id);
    }
    if (!deployAndWait(ids)) {
      return ExitCode::kRuntimeFailure;
    }
  }
  if (differences_ > 0 || idMismatches_ > 0) {
    err_ << "差異が " << differences_ + idMismatches_
         << " 件あります。上の内容を確認し、kintone の画面か設定ファイルで直してください。\n";
    return ExitCode::kNeedsOperator;
  }
  out_ << "アプリの定義を確認しました。足りないアプリとフィールドを作成し、反映しました。\n";
  return ExitCode::kOk;
}

}  // namespace teichaku::cli
