#include "kintone/state_store.h"

#include <stdexcept>

#include "core/json.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("state store: ") + sqlite3_errmsg(db));
  }
  return Statement(raw);
}

void bindText(sqlite3_stmt* s, int index, const std::string& text) {
  sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void step(sqlite3* db, sqlite3_stmt* s) {
  if (sqlite3_step(s) != SQLITE_DONE) {
    throw std::runtime_error(std::string("state store: ") + sqlite3_errmsg(db));
  }
  sqlite3_reset(s);
}

std::string column(sqlite3_stmt* s, int index) {
  const auto* text = sqlite3_column_text(s, index);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(s, index)));
}

void writeSettings(json::Writer& w, const AppSettings& settings) {
  w.StartObject();
  json::kv(w, "name", settings.name);
  json::key(w, "fields");
  settings.fields->Accept(w);
  json::key(w, "layout");
  settings.layout->Accept(w);
  json::key(w, "views");
  settings.views->Accept(w);
  json::key(w, "status");
  settings.status->Accept(w);
  w.EndObject();
}

std::shared_ptr<const rapidjson::Document> docOf(const Value& source) {
  auto doc = std::make_shared<rapidjson::Document>();
  doc->CopyFrom(source, doc->GetAllocator());
  return doc;
}

AppSettings readSettings(const Value& v) {
  AppSettings settings;
  settings.name = v["name"].GetString();
  settings.fields = docOf(v["fields"]);
  settings.layout = docOf(v["layout"]);
  settings.views = docOf(v["views"]);
  settings.status = docOf(v["status"]);
  return settings;
}

// Everything of an app except its records (which get one row each).
std::string appJson(const App& app) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::kv(w, "code", app.code);
  json::key(w, "spaceId");
  app.spaceId ? static_cast<void>(w.Uint64(*app.spaceId)) : static_cast<void>(w.Null());
  json::key(w, "guest");
  w.Bool(app.guestSpace);
  json::key(w, "deployed");
  w.Bool(app.deployed || app.deployDoneAt.has_value());
  json::kv(w, "createdAt", app.createdAt);
  json::key(w, "live");
  writeSettings(w, app.deployDoneAt ? app.preview : app.live);
  json::key(w, "preview");
  writeSettings(w, app.preview);
  json::key(w, "revision");
  w.Uint64(app.revision);
  json::key(w, "liveRevision");
  w.Uint64(app.deployDoneAt ? app.revision : app.liveRevision);
  json::key(w, "nextRecordId");
  w.Uint64(app.nextRecordId);
  json::key(w, "nextCommentId");
  w.Uint64(app.nextCommentId);
  json::key(w, "tokens");
  w.StartArray();
  for (const auto& t : app.tokens) {
    w.StartObject();
    json::kv(w, "token", t.token);
    json::key(w, "permissions");
    w.Uint(t.permissions);
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "webhooks");
  w.StartArray();
  for (const auto& h : app.webhooks) {
    w.StartObject();
    json::kv(w, "url", h.url);
    json::key(w, "events");
    w.StartArray();
    for (const auto& e : h.events) {
      json::str(w, e);
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "comments");
  w.StartArray();
  for (const auto& [record, list] : app.comments) {
    for (const auto& c : list) {
      w.StartObject();
      json::key(w, "record");
      w.Uint64(record);
      json::key(w, "id");
      w.Uint64(c.id);
      json::kv(w, "text", c.text);
      json::kv(w, "createdAt", c.createdAt);
      json::kv(w, "creatorCode", c.creatorCode);
      json::kv(w, "creatorName", c.creatorName);
      json::kv(w, "mentions", c.mentionsJson);
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

App readApp(std::uint64_t id, const Value& v) {
  App app;
  app.id = id;
  app.code = v["code"].GetString();
  if (v["spaceId"].IsUint64()) {
    app.spaceId = v["spaceId"].GetUint64();
  }
  app.guestSpace = v["guest"].GetBool();
  app.deployed = v["deployed"].GetBool();
  app.createdAt = v["createdAt"].GetString();
  app.live = readSettings(v["live"]);
  app.preview = readSettings(v["preview"]);
  app.revision = v["revision"].GetUint64();
  app.liveRevision = v["liveRevision"].GetUint64();
  app.nextRecordId = v["nextRecordId"].GetUint64();
  app.nextCommentId = v["nextCommentId"].GetUint64();
  for (const auto& t : v["tokens"].GetArray()) {
    app.tokens.push_back({t["token"].GetString(), id, t["permissions"].GetUint()});
  }
  for (const auto& h : v["webhooks"].GetArray()) {
    Webhook hook{h["url"].GetString(), {}};
    for (const auto& e : h["events"].GetArray()) {
      hook.events.insert(e.GetString());
    }
    app.webhooks.push_back(std::move(hook));
  }
  for (const auto& c : v["comments"].GetArray()) {
    app.comments[c["record"].GetUint64()].push_back(
        {c["id"].GetUint64(), c["text"].GetString(), c["createdAt"].GetString(),
         c["creatorCode"].GetString(), c["creatorName"].GetString(), c["mentions"].GetString()});
  }
  return app;
}

}  // namespace

StateStore::StateStore(const std::string& directory) {
  std::string path = directory + "/kintone.sqlite";
  sqlite3* raw = nullptr;
  int rc = sqlite3_open(path.c_str(), &raw);
  db_.reset(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error("状態ファイル " + path + " を開けません。");
  }
  exec("PRAGMA journal_mode=WAL");
  exec(
      "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS apps(id INTEGER PRIMARY KEY, json TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS records(app INTEGER NOT NULL, id INTEGER NOT NULL,"
      " revision INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(app, id));"
      "CREATE TABLE IF NOT EXISTS files(key TEXT PRIMARY KEY, attached INTEGER NOT NULL,"
      " name TEXT NOT NULL, content_type TEXT NOT NULL, uploaded_at INTEGER NOT NULL,"
      " bytes BLOB NOT NULL);");
}

void StateStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown";
    sqlite3_free(error);
    throw std::runtime_error("state store: " + message);
  }
}

void StateStore::save(const State& state) {
  exec("BEGIN IMMEDIATE");
  try {
    exec("DELETE FROM meta; DELETE FROM apps; DELETE FROM records; DELETE FROM files;");
    auto meta = prepare(db_.get(), "INSERT INTO meta VALUES(?, ?)");
    for (const auto& [key, value] :
         {std::pair<const char*, std::uint64_t>{"nextAppId", state.nextAppId},
          {"nextRowId", state.nextRowId},
          {"nextFileId", state.nextFileId}}) {
      bindText(meta.get(), 1, key);
      sqlite3_bind_int64(meta.get(), 2, static_cast<sqlite3_int64>(value));
      step(db_.get(), meta.get());
    }
    auto app = prepare(db_.get(), "INSERT INTO apps VALUES(?, ?)");
    auto record = prepare(db_.get(), "INSERT INTO records VALUES(?, ?, ?, ?)");
    for (const auto& [id, a] : state.apps) {
      sqlite3_bind_int64(app.get(), 1, static_cast<sqlite3_int64>(id));
      bindText(app.get(), 2, appJson(a));
      step(db_.get(), app.get());
      for (const auto& [recordId, r] : a.records) {
        sqlite3_bind_int64(record.get(), 1, static_cast<sqlite3_int64>(id));
        sqlite3_bind_int64(record.get(), 2, static_cast<sqlite3_int64>(recordId));
        sqlite3_bind_int64(record.get(), 3, static_cast<sqlite3_int64>(r->revision));
        bindText(record.get(), 4, r->json);
        step(db_.get(), record.get());
      }
    }
    auto file = prepare(db_.get(), "INSERT INTO files VALUES(?, ?, ?, ?, ?, ?)");
    for (const auto* map : {&state.uploads, &state.downloads}) {
      for (const auto& [key, f] : *map) {
        bindText(file.get(), 1, key);
        sqlite3_bind_int(file.get(), 2, map == &state.downloads ? 1 : 0);
        bindText(file.get(), 3, f.name);
        bindText(file.get(), 4, f.contentType);
        sqlite3_bind_int64(
            file.get(), 5,
            std::chrono::duration_cast<std::chrono::seconds>(f.uploadedAt.time_since_epoch())
                .count());
        sqlite3_bind_blob(file.get(), 6, f.bytes->data(), static_cast<int>(f.bytes->size()),
                          SQLITE_TRANSIENT);
        step(db_.get(), file.get());
      }
    }
    exec("COMMIT");
  } catch (const std::runtime_error&) {
    exec("ROLLBACK");
    throw;
  }
}

bool StateStore::load(State& state) {
  State loaded;
  auto meta = prepare(db_.get(), "SELECT key, value FROM meta");
  bool any = false;
  while (sqlite3_step(meta.get()) == SQLITE_ROW) {
    any = true;
    std::string key = column(meta.get(), 0);
    auto value = static_cast<std::uint64_t>(sqlite3_column_int64(meta.get(), 1));
    (key == "nextAppId"   ? loaded.nextAppId
     : key == "nextRowId" ? loaded.nextRowId
                          : loaded.nextFileId) = value;
  }
  if (!any) {
    return false;
  }
  auto apps = prepare(db_.get(), "SELECT id, json FROM apps");
  while (sqlite3_step(apps.get()) == SQLITE_ROW) {
    auto id = static_cast<std::uint64_t>(sqlite3_column_int64(apps.get(), 0));
    rapidjson::Document doc;
    json::parse(column(apps.get(), 1), doc);
    loaded.apps[id] = readApp(id, doc);
  }
  auto records = prepare(db_.get(), "SELECT app, id, revision, json FROM records");
  while (sqlite3_step(records.get()) == SQLITE_ROW) {
    auto app = static_cast<std::uint64_t>(sqlite3_column_int64(records.get(), 0));
    auto id = static_cast<std::uint64_t>(sqlite3_column_int64(records.get(), 1));
    auto revision = static_cast<std::uint64_t>(sqlite3_column_int64(records.get(), 2));
    rapidjson::Document fields;
    json::parse(column(records.get(), 3), fields);
    loaded.apps[app].records[id] = makeRecord(id, revision, std::move(fields));
  }
  auto files =
      prepare(db_.get(), "SELECT key, attached, name, content_type, uploaded_at, bytes FROM files");
  while (sqlite3_step(files.get()) == SQLITE_ROW) {
    const auto* blob = static_cast<const char*>(sqlite3_column_blob(files.get(), 5));
    auto size = static_cast<std::size_t>(sqlite3_column_bytes(files.get(), 5));
    StoredFile f{
        column(files.get(), 2), column(files.get(), 3),
        std::make_shared<const std::string>(blob == nullptr ? "" : std::string(blob, size)),
        std::chrono::system_clock::time_point(
            std::chrono::seconds(sqlite3_column_int64(files.get(), 4)))};
    (sqlite3_column_int(files.get(), 1) != 0 ? loaded.downloads
                                             : loaded.uploads)[column(files.get(), 0)] =
        std::move(f);
  }
  state = std::move(loaded);
  return true;
}

}  // namespace teichaku::emulator::kintone
