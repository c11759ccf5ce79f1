#include "daemon_world.h"

#include <Poco/Base64Encoder.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "seed/centres.h"
#include "seed/generator.h"

namespace teichaku::e2e {
namespace {

const std::array<std::pair<const char*, const char*>, 6> kApps{{{"cases", "101"},
                                                                {"support_records", "102"},
                                                                {"tasks", "103"},
                                                                {"shares", "104"},
                                                                {"staff", "105"},
                                                                {"reports", "106"}}};
constexpr const char* kCasesApp = "101";
constexpr const char* kSharesApp = "104";
constexpr const char* kBridgeGaroonPassword = "pw-bridge-garoon";

std::string hexSecret() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 40; ++i) {
    out += "0123456789abcdef"[random() % 16];
  }
  return out;
}

std::string envOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

rapidjson::Document parse(const std::string& text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  if (doc.HasParseError()) {
    throw std::runtime_error(what + ": not JSON: " + text.substr(0, 300));
  }
  return doc;
}

std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return out.str();
}

// A quoted TOML basic string (paths and secrets here hold no quotes or backslashes).
std::string q(const std::string& s) {
  return "\"" + s + "\"";
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StatementFinaliser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

DaemonWorld::DaemonWorld(WorldOptions options)
    : sourceDir_(envOr("TEICHAKU_SOURCE_DIR", TEICHAKU_SOURCE_DIR)),
      bridgeBinary_(TEICHAKU_BRIDGE_BINARY),
      emulatorBinary_(TEICHAKU_EMULATOR_BINARY),
      adminPassword_(hexSecret()),
      webhookSecret_(hexSecret()) {
  emulatorPort_ = freeLoopbackPort();
  daemonPort_ = freeLoopbackPort();
  emulatorUrl_ = "http://127.0.0.1:" + std::to_string(emulatorPort_);
  for (const auto& [key, id] : kApps) {
    tokens_[id] = hexSecret();
  }
  dir_.write("credentials/admin-password", adminPassword_);
  dir_.write("credentials/garoon-password", kBridgeGaroonPassword);
  dir_.write("credentials/webhook-secret", webhookSecret_);
  for (const auto& [key, id] : kApps) {
    dir_.write(std::string("credentials/token-") + key, tokens_.at(id));
  }
  std::filesystem::create_directories(dir_.path() / "data" / "keys");
  std::filesystem::create_directories(dir_.path() / "logs");
  writeEmulatorConfig(options);
  writeBridgeConfig(options);

  emulator_ = std::make_unique<ChildProcess>(
      emulatorBinary_,
      std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(emulatorPort_),
                               "--admin-password-file",
                               (dir_.path() / "credentials/admin-password").string(), "--config",
                               (dir_.path() / "emulator.toml").string()});
  for (int i = 0; i < 500 && httpCall("GET", emulatorUrl_ + "/__emulator/health").status != 200;
       ++i) {
    if (!emulator_->running()) {
      throw std::runtime_error("cybozu-emulator exited at start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  seedDirectory();
  cli({"key", "init", "--config", configFile_});
  cli({"apps", "deploy", "--config", configFile_, "--apps",
       sourceDir_ + "/samples/apps/apps.toml"});
}

DaemonWorld::~DaemonWorld() {
  daemon_.reset();
  if (emulator_) {
    emulator_->signal(SIGTERM);
    if (!emulator_->waitFor(5000)) {
      emulator_.reset();  // SIGKILL
    }
  }
}

std::string DaemonWorld::daemonUrl() const {
  return "http://127.0.0.1:" + std::to_string(daemonPort_);
}

void DaemonWorld::writeEmulatorConfig(const WorldOptions& options) {
  std::ostringstream t;
  t << "concurrencyLimit = 100\n[kintone]\ndeployDelayMs = 20\nwebhookRatePerMinute = "
    << options.webhookRatePerMinute << "\n";
  for (const auto& [key, id] : kApps) {
    t << "\n[[apps]]\nid = " << id << "\nname = " << q(key)
      << "\n[[apps.tokens]]\ntoken = " << q(tokens_.at(id))
      << "\npermissions = [\"view\", \"add\", \"edit\", \"delete\"]\n";
    if (options.webhooks && (std::string(id) == kSharesApp || std::string(id) == kCasesApp)) {
      t << "[[apps.webhooks]]\nurl = " << q(daemonUrl() + "/hooks/kintone/" + webhookSecret_)
        << "\nevents = [\"ADD_RECORD\", \"UPDATE_RECORD\"]\n";
    }
  }
  // The external notification an administrator registers for the bridge (Garoon system
  // administration; garoon-cybozu-api.md A2 "Prerequisite"), links to this kintone only.
  t << "\n[garoon]\n[[garoon.notificationApps]]\ncode = \"teichaku\"\nname = \"定着支援\"\n"
    << "allowedUrlPrefixes = [" << q(emulatorUrl_ + "/k/") << "]\nallowedSenders = [\"bridge\"]\n";
  dir_.write("emulator.toml", t.str());
}

void DaemonWorld::writeBridgeConfig(const WorldOptions& options) {
  const std::string d = dir_.path().string();
  std::ostringstream c;
  c << "[bridge]\ndata_dir = " << q(d + "/data")
    << "\nmapping_file = " << q(sourceDir_ + "/mappings/raito-plus.toml")
    << "\n\n[kintone]\nbase_url = " << q(emulatorUrl_)
    << "\nadmin_login = \"Administrator\"\nadmin_password_file = "
    << q(d + "/credentials/admin-password") << "\nmax_concurrency = 4\n";
  for (const auto& [key, id] : kApps) {
    c << "\n[kintone.apps." << key << "]\napp_id = " << id
      << "\napi_token_file = " << q(d + "/credentials/token-" + key) << "\n";
  }
  c << "\n[store]\nengine = \"sqlite\"\nkey_file = " << q(d + "/data/keys/mirror.keys")
    << "\n\n[logging]\nlevel = " << q(options.logLevel)
    << "\nconsole = false\nfile = " << q(d + "/logs/bridge.log")
    << "\n\n[garoon]\nenabled = true\nbase_url = " << q(emulatorUrl_)
    << "\nusername = \"bridge\"\npassword_file = " << q(d + "/credentials/garoon-password")
    << "\nnotification_app_code = \"teichaku\"\n\n[cybozu]\nenabled = true\nbase_url = "
    << q(emulatorUrl_) << "\nadmin_login = \"Administrator\"\nadmin_password_file = "
    << q(d + "/credentials/admin-password")
    << "\n\n[server]\nlisten = " << q("127.0.0.1:" + std::to_string(daemonPort_))
    << "\nwebhook_secret_file = " << q(d + "/credentials/webhook-secret")
    << "\n\n[schedule]\nincremental_poll_minutes = 1\noutbox_interval_seconds = 1\n";
  configFile_ = dir_.write("bridge.toml", c.str(), 0644);
}

// Every centre organisation; 東京 staff (two Garoon users), 神奈川 staff (three Garoon
// users and one with kintone only, who must get nothing); the bridge's Garoon account.
void DaemonWorld::seedDirectory() {
  std::string doc = R"({"organizations":[)";
  bool first = true;
  for (const auto& c : seed::centres()) {
    doc += (first ? "" : ",") + std::string(R"({"code":")") + std::string(c.organization) +
           R"(","name":")" + std::string(c.name) + R"("})";
    first = false;
  }
  doc += R"(],"users":[)";
  auto user = [](const std::string& code, const std::string& org, const std::string& password,
                 const char* service) {
    std::string u = R"({"code":")" + code + R"(","name":"職員 )" + code + R"(","password":")" +
                    password + R"(","services":[")" + service + R"("])";
    if (!org.empty()) {
      u += R"(,"organizations":[{"orgCode":")" + org + R"("}])";
    }
    return u + "}";
  };
  doc += user("bridge", "", kBridgeGaroonPassword, "garoon");
  for (const char* code : {"tk13-01", "tk13-02"}) {
    doc += "," + user(code, "teichaku-13", hexSecret(), "garoon");
  }
  for (const char* code : {"tk14-01", "tk14-02", "tk14-03"}) {
    doc += "," + user(code, "teichaku-14", hexSecret(), "garoon");
  }
  doc += "," + user("tk14-09", "teichaku-14", hexSecret(), "kintone");
  control("POST", "/__emulator/cybozu/seed", doc + "]}");
}

void DaemonWorld::cli(const std::vector<std::string>& args) {
  const int code = runToEnd(bridgeBinary_, args);
  if (code != 0) {
    throw std::runtime_error("teichaku-bridge " + args.at(0) + " exited " + std::to_string(code));
  }
}

std::string DaemonWorld::control(const std::string& method, const std::string& path,
                                 const std::string& body) {
  const HttpReply reply = httpCall(method, emulatorUrl_ + path, body);
  if (reply.status != 200) {
    throw std::runtime_error(path + ": HTTP " + std::to_string(reply.status) + " " + reply.body);
  }
  return reply.body;
}

std::string DaemonWorld::kintoneCall(const std::string& method, const std::string& path,
                                     const std::string& appId, const std::string& body) {
  const HttpReply reply =
      httpCall(method, emulatorUrl_ + path, body, {{"X-Cybozu-API-Token", tokens_.at(appId)}});
  if (reply.status != 200) {
    throw std::runtime_error(method + " " + path + ": HTTP " + std::to_string(reply.status) + " " +
                             reply.body.substr(0, 500));
  }
  return reply.body;
}

void DaemonWorld::startDaemon() {
  daemon_.reset();
  daemon_ = std::make_unique<ChildProcess>(
      bridgeBinary_, std::vector<std::string>{"run", "--config", configFile_});
}

bool DaemonWorld::waitReady(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!daemon_ || !daemon_->running()) {
      return false;
    }
    if (readyNow()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

bool DaemonWorld::readyNow() {
  return httpCall("GET", daemonUrl() + "/readyz", "", {}, 2000).status == 200;
}

void DaemonWorld::killDaemon() {
  if (daemon_) {
    daemon_->signal(SIGKILL);
    daemon_->wait();
  }
}

int DaemonWorld::stopDaemon() {
  daemon_->signal(SIGTERM);
  return daemon_->wait();
}

bool DaemonWorld::daemonRunning() {
  return daemon_ && daemon_->running();
}

std::vector<std::string> DaemonWorld::addTokyoCases(std::size_t count) {
  seed::SeedOptions options;
  options.cases = count;
  options.canary = kCanary;
  const seed::Dataset data = seed::generate(options);
  std::vector<std::string> numbers;
  // kintone adds at most 100 records a request (kintone-api.md §2).
  for (std::size_t first = 0; first < count; first += 100) {
    postCases(data, first, std::min(count, first + 100), numbers);
  }
  return numbers;
}

void DaemonWorld::postCases(const seed::Dataset& data, std::size_t first, std::size_t end,
                            std::vector<std::string>& numbers) {
  rapidjson::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  body.AddMember("app", rapidjson::StringRef(kCasesApp), a);
  rapidjson::Value records(rapidjson::kArrayType);
  for (std::size_t i = first; i < end; ++i) {
    rapidjson::Document c;
    c.Parse(data.of(seed::App::kCases).at(i).c_str());
    auto set = [&](const char* code, rapidjson::Value value) {
      c.RemoveMember(code);
      rapidjson::Value field(rapidjson::kObjectType);
      field.AddMember("value", value, c.GetAllocator());
      c.AddMember(rapidjson::Value(code, c.GetAllocator()), field, c.GetAllocator());
    };
    auto& ca = c.GetAllocator();
    // Staff logins of the seed are not in this directory; release dates would add
    // calendar events that this test does not count.
    for (const char* code : {"担当者", "刑期終了日", "仮釈放日"}) {
      c.RemoveMember(code);
    }
    const std::string number = "13-9" + std::to_string(100000 + i).substr(1);
    numbers.push_back(number);
    set("ケース番号", rapidjson::Value(number.c_str(), ca));
    set("管理センター", rapidjson::Value(kTokyo, ca));
    rapidjson::Value orgs(rapidjson::kArrayType);
    rapidjson::Value org(rapidjson::kObjectType);
    org.AddMember("code", "teichaku-13", ca);
    orgs.PushBack(org, ca);
    set("閲覧組織", std::move(orgs));
    set("個人情報使用同意日", rapidjson::Value("2026-01-05"));
    rapidjson::Value recipients(rapidjson::kArrayType);
    recipients.PushBack("保護観察所", ca);
    recipients.PushBack("他県の地域生活定着支援センター", ca);
    set("情報提供同意先", std::move(recipients));
    records.PushBack(rapidjson::Value(c, a), a);
  }
  body.AddMember("records", records, a);
  kintoneCall("POST", "/k/v1/records.json", kCasesApp, compact(body));
}

std::vector<std::string> DaemonWorld::addShares(const std::vector<std::string>& caseNumbers) {
  std::vector<std::string> ids;
  for (std::size_t first = 0; first < caseNumbers.size(); first += 100) {
    const std::size_t end = std::min(caseNumbers.size(), first + 100);
    postShares(std::vector<std::string>(caseNumbers.begin() + static_cast<std::ptrdiff_t>(first),
                                        caseNumbers.begin() + static_cast<std::ptrdiff_t>(end)),
               ids);
  }
  return ids;
}

void DaemonWorld::postShares(const std::vector<std::string>& caseNumbers,
                             std::vector<std::string>& ids) {
  std::string records;
  for (const auto& number : caseNumbers) {
    records +=
        (records.empty() ? "" : ",") + std::string(R"({"対象者番号":{"value":")") + number +
        R"("},"閲覧組織":{"value":[{"code":"teichaku-13"}]},"送信元センター":{"value":")" + kTokyo +
        R"("},"送信先センター":{"value":")" + kKanagawa +
        R"("},"共有種別":{"value":"事前共有"},"共有内容":{"value":"対象者レコードを共有します。"},)" +
        R"("送信先確認":{"value":["送信先センターを確認しました"]},"共有状況":{"value":"下書き"},)" +
        R"("送信者":{"value":[{"code":"tk13-01"}]}})";
  }
  const auto reply = parse(
      kintoneCall("POST", "/k/v1/records.json", kSharesApp,
                  std::string(R"({"app":)") + kSharesApp + R"(,"records":[)" + records + "]}"),
      "add shares");
  for (const auto& id : reply["ids"].GetArray()) {
    ids.emplace_back(id.GetString());
  }
}

void DaemonWorld::setText(const std::string& appId, const std::string& id, const std::string& code,
                          const std::string& value) {
  rapidjson::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  body.AddMember("app", rapidjson::Value(appId.c_str(), a), a);
  body.AddMember("id", rapidjson::Value(id.c_str(), a), a);
  rapidjson::Value field(rapidjson::kObjectType);
  field.AddMember("value", rapidjson::Value(value.c_str(), a), a);
  rapidjson::Value record(rapidjson::kObjectType);
  record.AddMember(rapidjson::Value(code.c_str(), a), field, a);
  body.AddMember("record", record, a);
  kintoneCall("PUT", "/k/v1/record.json", appId, compact(body));
}

rapidjson::Document DaemonWorld::record(const std::string& appId, const std::string& id) {
  auto reply = parse(kintoneCall("GET", "/k/v1/record.json?app=" + appId + "&id=" + id, appId, ""),
                     "get record");
  rapidjson::Document out;
  out.CopyFrom(reply["record"], out.GetAllocator());
  return out;
}

std::set<std::string> DaemonWorld::entityCodes(const rapidjson::Value& record, const char* code) {
  std::set<std::string> codes;
  for (const auto& e : record[code]["value"].GetArray()) {
    codes.emplace(e["code"].GetString());
  }
  return codes;
}

std::vector<GaroonRequest> DaemonWorld::garoonRequests() {
  const auto doc = parse(control("GET", "/__emulator/garoon/notifications"), "notifications");
  std::vector<GaroonRequest> out;
  for (const auto& r : doc["requests"].GetArray()) {
    GaroonRequest request;
    request.status = r["status"].GetInt();
    request.caller = r["caller"].GetString();
    request.body = r["body"].GetString();
    rapidjson::Document body;
    body.Parse(request.body.c_str());
    if (body.IsObject() && body.HasMember("notificationKey") &&
        body["notificationKey"].IsString()) {
      request.notificationKey = body["notificationKey"].GetString();
    }
    if (body.IsObject() && body.HasMember("destinations") && body["destinations"].IsArray()) {
      for (const auto& d : body["destinations"].GetArray()) {
        if (d.IsObject() && d.HasMember("code") && d["code"].IsString()) {
          request.destinationCodes.emplace(d["code"].GetString());
        }
      }
    }
    out.push_back(std::move(request));
  }
  return out;
}

std::map<std::string, std::vector<std::string>> DaemonWorld::garoonItems() {
  const auto doc = parse(control("GET", "/__emulator/garoon/notifications/items"), "items");
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& item : doc["items"].GetArray()) {
    auto& recipients = out[item["notificationKey"].GetString()];
    for (const auto& r : item["recipients"].GetArray()) {
      recipients.emplace_back(r.GetString());
    }
  }
  return out;
}

std::map<std::string, std::string> DaemonWorld::garoonUserCodes() {
  const HttpReply reply =
      httpCall("GET", emulatorUrl_ + "/g/api/v1/base/users?limit=1000", "",
               {{"X-Cybozu-Authorization", base64("Administrator:" + adminPassword_)}});
  const auto doc = parse(reply.body, "base/users");
  std::map<std::string, std::string> out;
  for (const auto& u : doc["users"].GetArray()) {
    out[u["id"].GetString()] = u["code"].GetString();
  }
  return out;
}

long DaemonWorld::routeCount(const std::string& route) {
  const auto doc = parse(control("GET", "/__emulator/log"), "log");
  const auto& routes = doc["routes"];
  auto it = routes.FindMember(route.c_str());
  return it == routes.MemberEnd() ? 0 : it->value.GetInt64();
}

std::string DaemonWorld::logProblems() const {
  std::ifstream in(dir_.path() / "logs" / "bridge.log");
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    if (line.find(" Warning ") != std::string::npos || line.find(" Error ") != std::string::npos ||
        line.find(" Critical ") != std::string::npos) {
      out += line + "\n";
    }
  }
  return out;
}

std::string DaemonWorld::integrityCheck() {
  sqlite3* raw = nullptr;
  const std::string path = (dir_.path() / "data" / "mirror.db").string();
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return "cannot open " + path;
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite3_busy_timeout(db.get(), 5000);
  sqlite3_stmt* rawStatement = nullptr;
  sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check", -1, &rawStatement, nullptr);
  std::unique_ptr<sqlite3_stmt, StatementFinaliser> statement(rawStatement);
  std::string result;
  while (statement && sqlite3_step(statement.get()) == SQLITE_ROW) {
    result += (result.empty() ? "" : "\n") +
              std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0)));
  }
  return result;
}

std::map<std::string, long> DaemonWorld::outboxStates() {
  sqlite3* raw = nullptr;
  const std::string path = (dir_.path() / "data" / "mirror.db").string();
  std::map<std::string, long> out;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    throw std::runtime_error("cannot open " + path);
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite3_busy_timeout(db.get(), 5000);
  sqlite3_stmt* rawStatement = nullptr;
  sqlite3_prepare_v2(db.get(), "SELECT state, COUNT(*) FROM outbox GROUP BY state", -1,
                     &rawStatement, nullptr);
  std::unique_ptr<sqlite3_stmt, StatementFinaliser> statement(rawStatement);
  while (statement && sqlite3_step(statement.get()) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0))] =
        sqlite3_column_int64(statement.get(), 1);
  }
  return out;
}

}  // namespace teichaku::e2e
