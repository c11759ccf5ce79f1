#include "kintone/engine.h"

#include <Poco/Base64Decoder.h>

#include <sstream>

#include "core/json.h"
#include "kintone/time_format.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

std::string base64Decode(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  std::string out;
  char c;
  while (decoder.get(c)) {
    out.push_back(c);
  }
  return out;
}

std::string trim(const std::string& s) {
  auto begin = s.find_first_not_of(" \t");
  auto end = s.find_last_not_of(" \t");
  return begin == std::string::npos ? std::string() : s.substr(begin, end - begin + 1);
}

// System fields every app has (kintone-api.md §4); codes are the Japanese defaults.
constexpr std::pair<const char*, const char*> kSystemFields[] = {
    {"レコード番号", "RECORD_NUMBER"}, {"作成者", "CREATOR"},
    {"作成日時", "CREATED_TIME"},      {"更新者", "MODIFIER"},
    {"更新日時", "UPDATED_TIME"},      {"ステータス", "STATUS"},
    {"作業者", "STATUS_ASSIGNEE"},     {"カテゴリー", "CATEGORY"},
};

std::shared_ptr<const rapidjson::Document> copyOrDefault(const Value* source,
                                                         rapidjson::Type fallback) {
  auto doc = std::make_shared<rapidjson::Document>();
  if (source != nullptr) {
    doc->CopyFrom(*source, doc->GetAllocator());
  } else {
    doc->SetObject();
    if (fallback == rapidjson::kArrayType) {
      doc->SetArray();
    }
  }
  return doc;
}

unsigned parsePermissions(const Value* list) {
  unsigned permissions = 0;
  if (list == nullptr || !list->IsArray()) {
    return kView;
  }
  for (const auto& p : list->GetArray()) {
    std::string_view name = p.IsString() ? p.GetString() : "";
    permissions |= name == "view"       ? kView
                   : name == "add"      ? kAdd
                   : name == "edit"     ? kEdit
                   : name == "delete"   ? kDelete
                   : name == "settings" ? kSettings
                                        : 0u;
  }
  return permissions;
}

}  // namespace

Response jsonResponse(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

std::uint64_t requireId(const Value& params, const char* name) {
  auto id = json::asInt(json::member(params, name));
  if (!id) {
    failInput(name, "必須です。");
  }
  if (*id < 0) {
    failInput(name, "最小でも0以上です。");
  }
  return static_cast<std::uint64_t>(*id);
}

Engine::Engine(EngineOptions options) : options_(std::move(options)) {}

void Engine::reset() {
  state_ = State{};
  webhooks_.clear();
  unique_ = UniqueIndex{};
}

namespace {

std::shared_ptr<const rapidjson::Document> withSystemFields(const Value* fields,
                                                            bool statusEnabled) {
  auto doc = std::make_shared<rapidjson::Document>();
  doc->SetObject();
  auto& a = doc->GetAllocator();
  for (const auto& [code, type] : kSystemFields) {
    bool present = false;
    if (fields != nullptr && fields->IsObject()) {
      for (const auto& m : fields->GetObject()) {
        const Value* t = json::member(m.value, "type");
        present =
            present || (t != nullptr && t->IsString() && t->GetString() == std::string_view(type));
      }
    }
    if (present) {
      continue;
    }
    Value property(rapidjson::kObjectType);
    property.AddMember("type", Value(type, a), a);
    property.AddMember("code", Value(code, a), a);
    property.AddMember("label", Value(code, a), a);
    std::string_view t(type);
    if (t == "STATUS" || t == "STATUS_ASSIGNEE" || t == "CATEGORY") {
      property.AddMember("enabled", t != "CATEGORY" && statusEnabled, a);
    }
    doc->AddMember(Value(code, a), property, a);
  }
  if (fields != nullptr && fields->IsObject()) {
    for (const auto& m : fields->GetObject()) {
      Value property(m.value, a);
      if (!property.HasMember("code")) {
        property.AddMember("code", Value(m.name, a), a);
      }
      doc->AddMember(Value(m.name, a), property, a);
    }
  }
  return doc;
}

}  // namespace

std::uint64_t Engine::addApp(const Value& spec) {
  App app;
  app.id = static_cast<std::uint64_t>(
      json::asInt(json::member(spec, "id")).value_or(static_cast<std::int64_t>(state_.nextAppId)));
  state_.nextAppId = std::max(state_.nextAppId, app.id + 1);
  app.code = json::asString(json::member(spec, "code")).value_or("");
  if (auto space = json::asInt(json::member(spec, "spaceId"))) {
    app.spaceId = static_cast<std::uint64_t>(*space);
  }
  app.guestSpace = json::asBool(json::member(spec, "guest")).value_or(false);
  app.createdAt = formatDateTime(nowEpochSeconds());
  AppSettings settings;
  settings.name =
      json::asString(json::member(spec, "name")).value_or("app" + std::to_string(app.id));
  settings.status = copyOrDefault(json::member(spec, "status"), rapidjson::kObjectType);
  bool statusEnabled = json::asBool(json::member(*settings.status, "enable")).value_or(false);
  settings.fields = withSystemFields(json::member(spec, "fields"), statusEnabled);
  settings.layout = copyOrDefault(json::member(spec, "layout"), rapidjson::kArrayType);
  settings.views = copyOrDefault(json::member(spec, "views"), rapidjson::kObjectType);
  app.live = settings;
  app.preview = settings;
  if (const Value* tokens = json::member(spec, "tokens"); tokens != nullptr && tokens->IsArray()) {
    for (const auto& t : tokens->GetArray()) {
      app.tokens.push_back({json::asString(json::member(t, "token")).value_or(""), app.id,
                            parsePermissions(json::member(t, "permissions"))});
    }
  }
  if (const Value* hooks = json::member(spec, "webhooks"); hooks != nullptr && hooks->IsArray()) {
    for (const auto& h : hooks->GetArray()) {
      Webhook webhook{json::asString(json::member(h, "url")).value_or(""), {}};
      if (const Value* events = json::member(h, "events"); events != nullptr && events->IsArray()) {
        for (const auto& e : events->GetArray()) {
          webhook.events.insert(e.GetString());
        }
      }
      app.webhooks.push_back(std::move(webhook));
    }
  }
  std::uint64_t id = app.id;
  App& stored = state_.apps[id] = std::move(app);
  if (const Value* records = json::member(spec, "records");
      records != nullptr && records->IsArray()) {
    unique_ = UniqueIndex{};  // seeded records are checked for unique values like API writes
    WriteContext context{
        stored, state_, {"Administrator", "Administrator"}, nowEpochSeconds(), &unique_, 0, {}};
    rapidjson::SizeType index = 0;
    for (const auto& input : records->GetArray()) {
      KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
      std::uint64_t recordId = stored.nextRecordId;
      auto fields = buildNewRecord(context, &input, recordId,
                                   "records[" + std::to_string(index++) + "]", errors);
      if (!errors.errors.empty()) {
        throw errors;
      }
      stored.records[recordId] = makeRecord(recordId, 1, std::move(fields));
      ++stored.nextRecordId;
    }
  }
  return id;
}

void Engine::seed(const Value& root, bool includeApps) {
  if (const Value* users = json::member(root, "users"); users != nullptr && users->IsArray()) {
    for (const auto& u : users->GetArray()) {
      users_.push_back({json::asString(json::member(u, "code")).value_or(""),
                        json::asString(json::member(u, "name")).value_or(""),
                        json::asString(json::member(u, "password")).value_or("")});
    }
  }
  if (const Value* apps = json::member(root, "apps");
      includeApps && apps != nullptr && apps->IsArray()) {
    for (const auto& spec : apps->GetArray()) {
      addApp(spec);
    }
  }
}

Principal Engine::authenticate(const Request& request) const {
  if (!options_.basicUser.empty()) {
    const std::string* basic = request.header("authorization");
    std::string expected = options_.basicUser + ":" + options_.basicPassword;
    if (basic == nullptr || basic->rfind("Basic ", 0) != 0 ||
        base64Decode(basic->substr(6)) != expected) {
      // A real tenant answers from the web server before kintone; JSON keeps clients simple.
      fail(401, "CB_WA01", "Basic認証に失敗しました。");
    }
  }
  Principal principal;
  // Precedence: password, then API token (kintone-api.md §1.2).
  if (const std::string* password = request.header("x-cybozu-authorization")) {
    std::string decoded = base64Decode(*password);
    auto colon = decoded.find(':');
    std::string login = decoded.substr(0, colon);
    std::string secret = colon == std::string::npos ? "" : decoded.substr(colon + 1);
    if (login == "Administrator" && !options_.adminPassword.empty() &&
        secret == options_.adminPassword) {
      principal.actor = {"Administrator", "Administrator"};
      return principal;
    }
    for (const auto& user : users_) {
      if (user.code == login && !user.password.empty() && user.password == secret) {
        principal.actor = {user.code, user.name};
        return principal;
      }
    }
    if (std::string name; options_.directoryLogin && options_.directoryLogin(login, secret, name)) {
      principal.actor = {login, name};
      return principal;
    }
    fail(401, "CB_WA01",
         "ユーザーのパスワード認証に失敗しました。「X-Cybozu-"
         "Authorization」ヘッダーの値が正しくありません。");
  }
  if (const std::string* tokens = request.header("x-cybozu-api-token")) {
    std::vector<std::string> values;
    std::stringstream list(*tokens);
    for (std::string token; std::getline(list, token, ',');) {
      values.push_back(trim(token));
    }
    if (values.size() > 9) {
      // 10+ tokens is an error (DOC:auth); the exact code is unconfirmed.
      fail(400, "CB_VA01", "APIトークンは9個まで指定できます。");
    }
    principal.token = true;
    principal.actor = {"Administrator", "Administrator"};  // DOC:auth attribution
    for (const auto& value : values) {
      bool known = false;
      for (const auto& [id, app] : state_.apps) {
        for (const auto& token : app.tokens) {
          if (token.token == value) {
            principal.tokens.push_back(token);
            known = true;
          }
        }
      }
      if (!known) {
        // Unknown token: response unconfirmed (kintone-api.md §1.2); chosen like a bad password.
        fail(401, "GAIA_IA01", "APIトークンが不正です。");
      }
    }
    return principal;
  }
  fail(401, "CB_AU01", "ログインしてください。");
}

void Engine::authorize(const Call& call, const App& app, unsigned permission) const {
  if (!call.principal->token) {
    return;  // password users have every right in this emulator (README)
  }
  bool forApp = false;
  for (const auto& token : call.principal->tokens) {
    if (token.app == app.id) {
      forApp = true;
      if ((token.permissions & permission) == permission) {
        return;
      }
    }
  }
  if (!forApp) {
    fail(400, "GAIA_IA02",
         "APIトークンに対応するアプリが、リクエストで指定されたアプリと一致しません。");
  }
  fail(403, "GAIA_NO01", "このAPIトークンでは、指定したAPIを実行できません。");
}

App& Engine::findApp(const Call& call, std::uint64_t id) {
  auto it = state_.apps.find(id);
  if (it == state_.apps.end() || (!it->second.deployed && !call.preview)) {
    fail(404, "GAIA_AP01",
         "指定したアプリ（id: " + std::to_string(id) +
             "）が見つかりません。削除されている可能性があります。");
  }
  App& app = it->second;
  // Guest-space apps only through /k/guest/{id}/v1 (kintone-api.md §1.1).
  if (app.guestSpace && !call.guestSpace) {
    fail(400, "GAIA_IL23",
         "ゲストスペース内のアプリを操作する場合は、リクエストの送信先を「/k/guest/"
         "（ゲストスペースのID）/v1/...」にします。");
  }
  if (call.guestSpace && (!app.guestSpace || app.spaceId != call.guestSpace)) {
    fail(403, "CB_NO02", "権限がありません。");
  }
  return app;
}

App& Engine::appFor(const Call& call, unsigned permission, const char* param) {
  App& app = findApp(call, requireId(*call.params, param));
  authorize(call, app, permission);
  return app;
}

query::MapSchema Engine::schemaFor(const App& app) const {
  query::MapSchema schema;
  auto addField = [&](const std::string& code, const Value& property, const std::string& table) {
    auto type =
        query::fieldTypeFromString(json::asString(json::member(property, "type")).value_or(""));
    if (!type) {
      return;
    }
    std::vector<std::string> options;
    if (const Value* o = json::member(property, "options"); o != nullptr && o->IsObject()) {
      for (const auto& m : o->GetObject()) {
        options.emplace_back(m.name.GetString());
      }
    }
    schema.add(code, *type, table, std::move(options));
  };
  for (const auto& m : app.live.fields->GetObject()) {
    addField(m.name.GetString(), m.value, "");
    if (const Value* inner = json::member(m.value, "fields");
        inner != nullptr && inner->IsObject()) {
      for (const auto& f : inner->GetObject()) {
        addField(f.name.GetString(), f.value, m.name.GetString());
      }
    }
  }
  return schema;
}

query::EvalContext Engine::evalContext(const Call& call) const {
  query::EvalContext context;
  context.nowEpochSeconds = nowEpochSeconds();
  context.loginUser = call.principal->actor.code;
  return context;
}

WriteContext Engine::writeContext(App& app, const Call& call) {
  return WriteContext{app, state_, call.principal->actor, nowEpochSeconds(), &unique_, 0, {}};
}

void Engine::queueWebhook(const App& app, const char* type, const std::string& body) {
  for (const auto& hook : app.webhooks) {
    if (hook.events.empty() || hook.events.count(type) != 0) {
      webhooks_.push_back({hook.url, type, body});
    }
  }
}

void Engine::queueRecordWebhook(const App& app, const char* type, const StoredRecord& record) {
  if (app.webhooks.empty()) {
    return;
  }
  // Payload of ADD_RECORD / UPDATE_RECORD / UPDATE_STATUS (kintone-api.md §7).
  std::string id = std::to_string(app.id);
  std::string body =
      "{\"id\":\"" + randomErrorId() + "\",\"type\":\"" + type + "\",\"app\":{\"id\":\"" + id +
      "\",\"name\":" + json::serialize(Value(rapidjson::StringRef(app.live.name.c_str()))) +
      "},\"record\":" + record.json + ",\"recordTitle\":\"\",\"url\":\"" + options_.domainUrl +
      "/k/" + id + "/show#record=" + std::to_string(record.id) + "\"}";
  queueWebhook(app, type, body);
}

std::vector<PendingWebhook> Engine::takeWebhooks() {
  std::vector<PendingWebhook> out;
  out.swap(webhooks_);
  return out;
}

void Engine::tick() {
  unique_ = UniqueIndex{};
  auto now = Clock::now();
  for (auto& [id, app] : state_.apps) {
    if (app.deployDoneAt && now >= *app.deployDoneAt) {
      app.live = app.preview;
      app.liveRevision = app.revision;
      app.deployed = true;
      app.deployDoneAt.reset();
    }
  }
  for (auto it = state_.cursors.begin(); it != state_.cursors.end();) {
    bool expired = now - it->second.lastUsed > std::chrono::seconds(options_.cursorTtlSeconds);
    it = expired ? state_.cursors.erase(it) : std::next(it);
  }
  auto wall = std::chrono::system_clock::now();
  for (auto it = state_.uploads.begin(); it != state_.uploads.end();) {
    bool expired = wall - it->second.uploadedAt > std::chrono::seconds(options_.uploadTtlSeconds);
    it = expired ? state_.uploads.erase(it) : std::next(it);
  }
}

Response Engine::dispatch(Call& call) {
  const std::string& m = call.method;
  const std::string& api = call.api;
  if (!call.preview) {
    if (api == "record.json" && m == "GET")
      return getRecord(call);
    if (api == "record.json" && m == "POST")
      return addRecord(call);
    if (api == "record.json" && m == "PUT")
      return updateRecord(call);
    if (api == "records.json") {
      if (m == "GET")
        return getRecords(call);
      if (m == "POST")
        return addRecords(call);
      if (m == "PUT")
        return updateRecords(call);
      if (m == "DELETE")
        return deleteRecords(call);
    }
    if (api == "records/cursor.json") {
      if (m == "POST")
        return createCursor(call);
      if (m == "GET")
        return getCursor(call);
      if (m == "DELETE")
        return deleteCursor(call);
    }
    if (api == "bulkRequest.json" && m == "POST" && !call.inBulk)
      return bulkRequest(call);
    if (api == "file.json" && m == "POST" && !call.inBulk)
      return uploadFile(call);
    if (api == "file.json" && m == "GET" && !call.inBulk)
      return downloadFile(call);
    if (api == "record/comments.json" && m == "GET")
      return getComments(call);
    if (api == "record/comment.json" && m == "POST")
      return addComment(call);
    if (api == "record/comment.json" && m == "DELETE")
      return deleteComment(call);
    if (api == "record/status.json" && m == "PUT")
      return updateStatus(call);
    if (api == "records/status.json" && m == "PUT")
      return updateStatuses(call);
    if (api == "record/assignees.json" && m == "PUT")
      return updateAssignees(call);
    if (api == "app.json" && m == "GET")
      return getApp(call);
    if (api == "apps.json" && m == "GET")
      return getApps(call);
  } else {
    if (api == "app.json" && m == "POST")
      return createApp(call);
    if (api == "app/form/fields.json" && m != "GET")
      return changeFields(call);
    if (api == "app/deploy.json" && m == "POST")
      return deploy(call);
    if (api == "app/deploy.json" && m == "GET")
      return deployStatus(call);
    if (api == "app/form/layout.json" && m == "PUT")
      return putSetting(call, "layout");
    if (api == "app/views.json" && m == "PUT")
      return putSetting(call, "views");
    if (api == "app/status.json" && m == "PUT")
      return putSetting(call, "status");
  }
  if (m == "GET") {
    if (api == "app/form/fields.json")
      return getSetting(call, "fields");
    if (api == "app/form/layout.json")
      return getSetting(call, "layout");
    if (api == "app/views.json")
      return getSetting(call, "views");
    if (api == "app/status.json")
      return getSetting(call, "status");
    if (api == "app/settings.json")
      return getSettings(call);
  }
  fail(404, "CB_NF01", "指定したAPIは存在しません。");
}

}  // namespace teichaku::emulator::kintone
