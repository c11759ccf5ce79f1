// App creation, form settings, deploy (kintone-api.md §3.3).
#include "core/json.h"
#include "kintone/engine.h"
#include "kintone/time_format.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

void rejectTokens(const Call& call) {
  // apps.json and preview/app.json do not accept API tokens (kintone-api.md §1.2).
  if (call.principal->token) {
    fail(403, "GAIA_NO01", "このAPIトークンでは、指定したAPIを実行できません。");
  }
}

void checkSettingsRevision(const Call& call, const App& app) {
  auto expected = json::asInt(json::member(*call.params, "revision"));
  if (expected && *expected != -1 && static_cast<std::uint64_t>(*expected) != app.revision) {
    fail(409, "GAIA_CO03",
         "指定したrevisionは最新ではありません。ほかのユーザーがアプリの設定を変更した可能性があり"
         "ます。");
  }
}

void writeApp(json::Writer& w, const App& app) {
  w.StartObject();
  json::kv(w, "appId", std::to_string(app.id));
  json::kv(w, "code", app.code);
  json::kv(w, "name", app.live.name);
  json::kv(w, "description", "");
  json::key(w, "spaceId");
  app.spaceId ? json::str(w, std::to_string(*app.spaceId)) : static_cast<void>(w.Null());
  json::key(w, "threadId");
  app.spaceId ? json::str(w, std::to_string(*app.spaceId)) : static_cast<void>(w.Null());
  json::kv(w, "createdAt", app.createdAt);
  json::key(w, "creator");
  w.StartObject();
  json::kv(w, "code", "Administrator");
  json::kv(w, "name", "Administrator");
  w.EndObject();
  json::kv(w, "modifiedAt", app.createdAt);
  json::key(w, "modifier");
  w.StartObject();
  json::kv(w, "code", "Administrator");
  json::kv(w, "name", "Administrator");
  w.EndObject();
  w.EndObject();
}

bool isSystemType(std::string_view type) {
  return type == "RECORD_NUMBER" || type == "CREATOR" || type == "CREATED_TIME" ||
         type == "MODIFIER" || type == "UPDATED_TIME" || type == "STATUS" ||
         type == "STATUS_ASSIGNEE" || type == "CATEGORY";
}

std::shared_ptr<rapidjson::Document> mutableCopy(
    const std::shared_ptr<const rapidjson::Document>& d) {
  auto copy = std::make_shared<rapidjson::Document>();
  copy->CopyFrom(*d, copy->GetAllocator());
  return copy;
}

}  // namespace

Response Engine::getApp(Call& call) {
  App& app = appFor(call, kView, "id");
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  writeApp(w, app);
  return jsonResponse(buffer.GetString());
}

Response Engine::getApps(Call& call) {
  rejectTokens(call);
  auto limit = json::asInt(json::member(*call.params, "limit")).value_or(100);
  auto offset = json::asInt(json::member(*call.params, "offset")).value_or(0);
  if (limit < 1 || limit > 100) {
    failInput("limit", "100以下である必要があります。");
  }
  const Value* ids = json::member(*call.params, "ids");
  const Value* codes = json::member(*call.params, "codes");
  const Value* spaceIds = json::member(*call.params, "spaceIds");
  auto name = json::asString(json::member(*call.params, "name"));
  auto listed = [](const Value* list, const std::string& value) {
    if (list == nullptr || !list->IsArray()) {
      return true;
    }
    for (const auto& v : list->GetArray()) {
      if (json::asString(&v) == value) {
        return true;
      }
    }
    return false;
  };
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::key(w, "apps");
  w.StartArray();
  std::int64_t index = 0;
  std::int64_t written = 0;
  for (const auto& [id, app] : state_.apps) {
    // Filters of apps.json; `name` is a partial match (OBS:tf).
    bool wanted = listed(ids, std::to_string(id)) && listed(codes, app.code) &&
                  listed(spaceIds, app.spaceId ? std::to_string(*app.spaceId) : "") &&
                  (!name || app.live.name.find(*name) != std::string::npos);
    if (!app.deployed || !wanted || index++ < offset || written >= limit) {
      continue;
    }
    writeApp(w, app);
    ++written;
  }
  w.EndArray();
  w.EndObject();
  return jsonResponse(buffer.GetString());
}

Response Engine::createApp(Call& call) {
  rejectTokens(call);
  auto name = json::asString(json::member(*call.params, "name"));
  if (!name || name->empty()) {
    failInput("name", "必須です。");
  }
  if (name->size() > 64 * 3) {
    failInput("name", "64文字より短くなければなりません。");
  }
  rapidjson::Document spec(rapidjson::kObjectType);
  spec.AddMember("name", json::stringValue(*name, spec.GetAllocator()), spec.GetAllocator());
  if (auto space = json::asInt(json::member(*call.params, "space"))) {
    spec.AddMember("spaceId", *space, spec.GetAllocator());
    spec.AddMember("guest", call.guestSpace.has_value(), spec.GetAllocator());
  }
  std::uint64_t id = addApp(spec);
  // Pre-live until deployed: invisible to app(s).json (kintone-api.md §3.3).
  state_.apps[id].deployed = false;
  return jsonResponse("{\"app\":\"" + std::to_string(id) + "\",\"revision\":\"1\"}");
}

Response Engine::getSetting(Call& call, const char* kind) {
  App& app = appFor(call, kView);
  const AppSettings& settings = call.preview ? app.preview : app.live;
  std::string revision = std::to_string(call.preview ? app.revision : app.liveRevision);
  std::string_view k(kind);
  std::string body;
  if (k == "fields") {
    body = "{\"properties\":" + json::serialize(*settings.fields);
  } else if (k == "layout") {
    body = "{\"layout\":" + json::serialize(*settings.layout);
  } else if (k == "views") {
    body = "{\"views\":" + json::serialize(*settings.views);
  } else {
    const Value& status = *settings.status;
    bool enabled = json::asBool(json::member(status, "enable")).value_or(false);
    const Value* states = json::member(status, "states");
    const Value* actions = json::member(status, "actions");
    body = std::string("{\"enable\":") + (enabled ? "true" : "false") +
           ",\"states\":" + (states != nullptr ? json::serialize(*states) : "null") +
           ",\"actions\":" + (actions != nullptr ? json::serialize(*actions) : "null");
  }
  return jsonResponse(body + ",\"revision\":\"" + revision + "\"}");
}

Response Engine::getSettings(Call& call) {
  App& app = appFor(call, kView);
  const AppSettings& settings = call.preview ? app.preview : app.live;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::kv(w, "name", settings.name);
  json::kv(w, "description", "");
  json::kv(w, "theme", "WHITE");
  json::key(w, "enableComments");
  w.Bool(true);
  json::kv(w, "revision", std::to_string(call.preview ? app.revision : app.liveRevision));
  w.EndObject();
  return jsonResponse(buffer.GetString());
}

Response Engine::putSetting(Call& call, const char* kind) {
  App& app = appFor(call, kSettings);
  checkSettingsRevision(call, app);
  std::string_view k(kind);
  if (k == "status") {
    auto status = mutableCopy(app.preview.status);
    auto& a = status->GetAllocator();
    for (const char* name : {"enable", "states", "actions"}) {
      if (const Value* v = json::member(*call.params, name)) {
        status->RemoveMember(name);
        status->AddMember(rapidjson::StringRef(name), Value(*v, a), a);
      }
    }
    bool enabled = json::asBool(json::member(*status, "enable")).value_or(false);
    auto fields = mutableCopy(app.preview.fields);
    for (auto& m : fields->GetObject()) {
      auto type = json::asString(json::member(m.value, "type")).value_or("");
      if (type == "STATUS" || type == "STATUS_ASSIGNEE") {
        m.value["enabled"].SetBool(enabled);
      }
    }
    app.preview.status = status;
    app.preview.fields = fields;
  } else {
    const char* param = k == "layout" ? "layout" : "views";
    const Value* v = json::member(*call.params, param);
    if (v == nullptr) {
      failInput(param, "必須です。");
    }
    auto copy = std::make_shared<rapidjson::Document>();
    copy->CopyFrom(*v, copy->GetAllocator());
    (k == "layout" ? app.preview.layout : app.preview.views) = copy;
  }
  ++app.revision;
  return jsonResponse("{\"revision\":\"" + std::to_string(app.revision) + "\"}");
}

Response Engine::changeFields(Call& call) {
  App& app = appFor(call, kSettings);
  checkSettingsRevision(call, app);
  auto fields = mutableCopy(app.preview.fields);
  auto& a = fields->GetAllocator();
  if (call.method == "DELETE") {
    const Value* codes = json::member(*call.params, "fields");
    if (codes == nullptr || !codes->IsArray()) {
      failInput("fields", "必須です。");
    }
    for (const auto& code : codes->GetArray()) {
      const Value* property = json::member(*fields, code.GetString());
      if (property == nullptr ||
          isSystemType(json::asString(json::member(*property, "type")).value_or(""))) {
        failInput("fields", std::string("指定されたフィールド（") + code.GetString() +
                                "）が見つかりません。");
      }
      fields->RemoveMember(code.GetString());
    }
  } else {
    const Value* properties = json::member(*call.params, "properties");
    if (properties == nullptr || !properties->IsObject()) {
      failInput("properties", "必須です。");
    }
    KintoneError errors{400, "CB_VA01", kInvalidInput, {}};
    for (const auto& m : properties->GetObject()) {
      std::string key = m.name.GetString();
      std::string code = json::asString(json::member(m.value, "code")).value_or(key);
      std::string type = json::asString(json::member(m.value, "type")).value_or("");
      std::string errorKey = "properties." + key;
      if (call.method == "POST") {
        if (code != key) {
          errors.add(errorKey + ".code", "フィールドコードとキーが一致しません。");
        } else if (isSystemType(type) || type.empty()) {
          errors.add(errorKey + ".type", "指定できないフィールドタイプです。");
        } else if (fields->HasMember(key.c_str())) {
          errors.add(errorKey + ".code", "フィールドコードが重複しています。");
        } else {
          fields->AddMember(Value(key.c_str(), a), Value(m.value, a), a);
        }
        continue;
      }
      // PUT: key = current code; omitted attributes are unchanged (DOC:update-form-fields).
      auto existing = fields->FindMember(key.c_str());
      if (existing == fields->MemberEnd()) {
        errors.add(errorKey, "指定されたフィールド（" + key + "）が見つかりません。");
        continue;
      }
      Value updated(existing->value, a);
      for (const auto& attribute : m.value.GetObject()) {
        updated.RemoveMember(attribute.name.GetString());
        updated.AddMember(Value(attribute.name, a), Value(attribute.value, a), a);
      }
      fields->RemoveMember(key.c_str());
      fields->AddMember(Value(code.c_str(), a), updated, a);
    }
    if (!errors.errors.empty()) {
      throw errors;
    }
  }
  app.preview.fields = fields;
  ++app.revision;
  return jsonResponse("{\"revision\":\"" + std::to_string(app.revision) + "\"}");
}

Response Engine::deploy(Call& call) {
  const Value* apps = json::member(*call.params, "apps");
  if (apps == nullptr || !apps->IsArray() || apps->Empty() || apps->Size() > 300) {
    failInput("apps", "必須です。");
  }
  bool revert = json::asBool(json::member(*call.params, "revert")).value_or(false);
  std::vector<App*> targets;
  // All-or-nothing across apps: check every app before changing any (kintone-api.md §3.3).
  for (const auto& item : apps->GetArray()) {
    App& app = findApp(call, requireId(item, "app"));
    authorize(call, app, kSettings);
    auto expected = json::asInt(json::member(item, "revision"));
    if (expected && *expected != -1 && static_cast<std::uint64_t>(*expected) != app.revision) {
      fail(409, "GAIA_CO03",
           "指定したrevisionは最新ではありません。ほかのユーザーがアプリの設定を変更した可能性があ"
           "ります。");
    }
    targets.push_back(&app);
  }
  for (App* app : targets) {
    if (revert) {
      app->preview = app->live;
      app->revision = app->liveRevision;
    } else {
      app->deployDoneAt = Clock::now() + std::chrono::milliseconds(options_.deployDelayMs);
    }
  }
  return jsonResponse("{}");
}

Response Engine::deployStatus(Call& call) {
  const Value* apps = json::member(*call.params, "apps");
  if (apps == nullptr || !apps->IsArray()) {
    failInput("apps", "必須です。");
  }
  std::string out = "{\"apps\":[";
  bool first = true;
  for (const auto& item : apps->GetArray()) {
    auto id = json::asInt(&item);
    if (!id) {
      failInput("apps", "数字でなければなりません。");
    }
    App& app = findApp(call, static_cast<std::uint64_t>(*id));
    authorize(call, app, kSettings);
    out += (first ? "" : ",") + std::string("{\"app\":\"") + std::to_string(app.id) +
           "\",\"status\":\"" + (app.deployDoneAt ? "PROCESSING" : "SUCCESS") + "\"}";
    first = false;
  }
  return jsonResponse(out + "]}");
}

}  // namespace teichaku::emulator::kintone
