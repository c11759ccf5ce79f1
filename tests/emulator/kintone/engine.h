#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kintone/errors.h"
#include "kintone/record_codec.h"
#include "kintone/state.h"
#include "kintone/webhooks.h"
#include "query/query.h"
#include "service.h"

// The kintone emulator's request handling, one member function per API. Internal to
// KintoneService, which owns the lock; everything here runs under it.
namespace teichaku::emulator::kintone {

struct EngineOptions {
  std::string adminPassword;
  std::string basicUser;  // empty = no Basic authentication in front
  std::string basicPassword;
  std::string domainUrl = "https://example.cybozu.com";  // for webhook "url" fields
  int deployDelayMs = 200;
  int cursorTtlSeconds = 600;     // 10 minutes (DOC:create-cursor)
  int maxCursors = 10;            // per domain (kintone-api.md §2)
  int uploadTtlSeconds = 259200;  // 3 days for unattached uploads (kintone-api.md §2)
  // records.json DELETE is a bulk API and sends no webhook (kintone-api.md §7); set to
  // emit DELETE_RECORD when exactly one id is deleted (the UI's single delete).
  bool deleteWebhookForSingleId = false;
  // Password check against the shared cybozu.com user directory when it is linked in;
  // fills the user's display name. Users from the seed's "users" list are checked first.
  std::function<bool(const std::string& login, const std::string& password, std::string& name)>
      directoryLogin;
};

struct Principal {
  bool token = false;
  Actor actor;
  std::vector<ApiToken> tokens;
};

struct Call {
  std::string method;
  std::string api;  // "records.json", "app/form/fields.json", ...
  bool preview = false;
  std::optional<std::uint64_t> guestSpace;
  const rapidjson::Value* params = nullptr;
  const Principal* principal = nullptr;
  const Request* raw = nullptr;  // null inside bulkRequest
  bool inBulk = false;
};

struct PendingWebhook {
  std::string url;
  std::string type;
  std::string body;
};

class Engine {
 public:
  explicit Engine(EngineOptions options);

  EngineOptions& options() { return options_; }
  State& state() { return state_; }
  std::vector<User>& users() { return users_; }
  void reset();
  // Seeds apps and users from the config/seed JSON (README "Seed format").
  void seed(const rapidjson::Value& root, bool includeApps = true);

  // Authenticates the HTTP request; throws KintoneError.
  Principal authenticate(const Request& request) const;
  // Runs one API call; throws KintoneError. Webhooks produced are appended to `webhooks`.
  Response dispatch(Call& call);
  std::vector<PendingWebhook> takeWebhooks();
  // Applies finished deploys, expires cursors and stale uploads; starts a request.
  void tick();

 private:
  App& appFor(const Call& call, unsigned permission, const char* param = "app");
  App& findApp(const Call& call, std::uint64_t id);
  void authorize(const Call& call, const App& app, unsigned permission) const;
  query::MapSchema schemaFor(const App& app) const;
  query::EvalContext evalContext(const Call& call) const;
  WriteContext writeContext(App& app, const Call& call);
  void queueRecordWebhook(const App& app, const char* type, const StoredRecord& record);
  void queueWebhook(const App& app, const char* type, const std::string& body);
  std::uint64_t addApp(const rapidjson::Value& spec);

  // records_api.cpp
  Response getRecord(Call& call);
  Response getRecords(Call& call);
  Response addRecord(Call& call);
  Response addRecords(Call& call);
  Response updateRecord(Call& call);
  Response updateRecords(Call& call);
  Response deleteRecords(Call& call);
  // Target by "id" or "updateKey"; nullptr when missing and allowMissing.
  RecordPtr* findRecord(App& app, const rapidjson::Value& target, std::uint64_t* idOut,
                        bool allowMissing);
  RecordPtr applyUpdate(App& app, Call& call, const rapidjson::Value& item,
                        const std::string& prefix);
  void writeRecordFields(std::string& out, const StoredRecord& record,
                         const std::vector<std::string>& fields) const;
  // cursor_api.cpp
  Response createCursor(Call& call);
  Response getCursor(Call& call);
  Response deleteCursor(Call& call);
  Response bulkRequest(Call& call);
  // apps_api.cpp
  Response getApp(Call& call);
  Response getApps(Call& call);
  Response createApp(Call& call);
  Response getSetting(Call& call, const char* kind);
  Response putSetting(Call& call, const char* kind);
  Response changeFields(Call& call);
  Response deploy(Call& call);
  Response deployStatus(Call& call);
  Response getSettings(Call& call);
  // extras_api.cpp
  Response uploadFile(Call& call);
  Response downloadFile(Call& call);
  Response getComments(Call& call);
  Response addComment(Call& call);
  Response deleteComment(Call& call);
  Response updateStatus(Call& call);
  Response updateStatuses(Call& call);
  Response updateAssignees(Call& call);
  // `single`: PUT record/status.json outside bulkRequest (the only case with a webhook).
  std::uint64_t changeStatus(App& app, Call& call, const rapidjson::Value& item,
                             const std::string& prefix, bool single);

  EngineOptions options_;
  State state_;
  std::vector<User> users_;
  std::vector<PendingWebhook> webhooks_;
  UniqueIndex unique_;
};

Response jsonResponse(std::string body);
// Turns a query parse error into kintone's error body (CB_VA01 carries errors.query).
[[noreturn]] void failQuery(const query::ParseError& error);
// Reads a required unsigned id parameter; CB_VA01 "必須です。" when missing/invalid.
std::uint64_t requireId(const rapidjson::Value& params, const char* name);

}  // namespace teichaku::emulator::kintone
