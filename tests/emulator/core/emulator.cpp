#include "core/emulator.h"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/json.h"
#include "kintone/kintone_service.h"
#include "kintone/time_format.h"
#ifdef TEICHAKU_EMULATOR_HAS_CYBOZU
#include "emulator/cybozu/cybozu_user_service.h"
#endif
#ifdef TEICHAKU_EMULATOR_HAS_GAROON
#include "emulator/garoon/garoon_service.h"
#endif

namespace teichaku::emulator {
namespace {

struct RunningGuard {
  explicit RunningGuard(std::atomic<int>& counter) : counter_(counter), value(++counter) {}
  ~RunningGuard() { --counter_; }
  RunningGuard(const RunningGuard&) = delete;
  RunningGuard& operator=(const RunningGuard&) = delete;
  std::atomic<int>& counter_;
  int value;
};

Response kintoneFault(int status, const std::string& code, const std::string& message) {
  kintone::KintoneError error{status, code, message, {}};
  Response response = kintone::errorResponse(error);
  if (status == 429) {
    // Headers observed on a real 429 (kintone-api.md §2).
    response.headers.emplace_back("X-Cybozu-Error", code);
    response.headers.emplace_back("Cache-Control", "no-cache, no-store, must-revalidate");
  }
  return response;
}

Response tooManyRequests() {
  return kintoneFault(429, "GAIA_TO04", "APIの同時リクエスト数が上限を超えています。");
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string appOf(const Request& request) {
  for (const auto& [name, value] : request.query) {
    if (name == "app") {
      return value;
    }
  }
  if (!request.body.empty() && request.body.size() < (1u << 20) && request.body[0] == '{') {
    rapidjson::Document doc;
    if (json::parse(request.body, doc)) {
      return json::asString(json::member(doc, "app")).value_or("");
    }
  }
  return {};
}

#ifdef TEICHAKU_EMULATOR_HAS_GAROON
std::vector<std::string> stringList(const rapidjson::Value* list) {
  std::vector<std::string> out;
  if (list != nullptr && list->IsArray()) {
    for (const auto& v : list->GetArray()) {
      if (v.IsString()) {
        out.emplace_back(v.GetString());
      }
    }
  }
  return out;
}

// The [garoon] section of the startup config: external notification apps (their codes
// are what the bridge sends as `app`) and facilities.
garoon::GaroonConfig garoonConfig(const std::vector<std::string>& configs) {
  garoon::GaroonConfig config;
  for (const auto& text : configs) {
    rapidjson::Document doc;
    json::parse(text, doc);
    const rapidjson::Value* section = json::member(doc, "garoon");
    if (section == nullptr) {
      continue;
    }
    if (const rapidjson::Value* apps = json::member(*section, "notificationApps");
        apps != nullptr && apps->IsArray()) {
      for (const auto& a : apps->GetArray()) {
        config.notificationApps.push_back({json::asString(json::member(a, "code")).value_or(""),
                                           json::asString(json::member(a, "name")).value_or(""),
                                           stringList(json::member(a, "allowedUrlPrefixes")),
                                           stringList(json::member(a, "allowedSenders"))});
      }
    }
    if (const rapidjson::Value* facilities = json::member(*section, "facilities");
        facilities != nullptr && facilities->IsArray()) {
      for (const auto& f : facilities->GetArray()) {
        config.facilities.push_back({json::asString(json::member(f, "id")).value_or(""),
                                     json::asString(json::member(f, "code")).value_or(""),
                                     json::asString(json::member(f, "name")).value_or("")});
      }
    }
    config.requireGaroonLicence = json::asBool(json::member(*section, "requireGaroonLicence"))
                                      .value_or(config.requireGaroonLicence);
  }
  return config;
}
#endif

Response jsonBody(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace

std::string tomlToJson(const std::string& path) {
  try {
    toml::table table = toml::parse_file(path);
    std::ostringstream out;
    out << toml::json_formatter(table);
    return out.str();
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << path << ":" << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(message.str());
  }
}

std::string Emulator::readConfigFile(const std::string& path) {
  bool toml = path.size() > 5 && path.compare(path.size() - 5, 5, ".toml") == 0;
  return toml ? tomlToJson(path) : readFile(path);
}

Emulator::Emulator(EmulatorOptions options)
    : options_(std::move(options)), concurrencyLimit_(options_.concurrencyLimit) {
  for (const auto& path : options_.configFiles) {
    startupConfigs_.push_back(readConfigFile(path));
  }
  kintone::EngineOptions engineOptions;
  engineOptions.adminPassword = options_.adminPassword;
  auto kintoneService = std::make_unique<kintone::KintoneService>(engineOptions);
  kintone_ = kintoneService.get();
#ifdef TEICHAKU_EMULATOR_HAS_CYBOZU
  cybozu::DirectoryOptions directoryOptions;
  directoryOptions.adminPassword = options_.adminPassword;
  auto directory = std::make_shared<cybozu::UserDirectory>(directoryOptions);
  kintone_->configure([directory](kintone::EngineOptions& o) {
    o.directoryLogin = [directory](const std::string& login, const std::string& password,
                                   std::string& name) {
      if (directory->authenticate(login, password) != cybozu::AuthResult::kOk) {
        return false;
      }
      auto user = directory->userByCode(login);
      name = user ? user->name : login;
      return true;
    };
  });
  services_.emplace_back("cybozu", std::make_unique<cybozu::CybozuUserService>(directory));
#ifdef TEICHAKU_EMULATOR_HAS_GAROON
  services_.emplace_back(
      "garoon", std::make_unique<garoon::GaroonService>(directory, garoonConfig(startupConfigs_)));
#endif
#endif
  services_.emplace_back("kintone", std::move(kintoneService));
  bool restored = !options_.stateDirectory.empty() && kintone_->openState(options_.stateDirectory);
  for (const auto& text : startupConfigs_) {
    rapidjson::Document doc;
    if (!json::parse(text, doc)) {
      throw std::runtime_error("config: invalid JSON");
    }
    applyConfig(doc, !restored);
  }
}

Emulator::~Emulator() = default;

Service* Emulator::service(const std::string& name) {
  for (auto& [n, s] : services_) {
    if (n == name) {
      return s.get();
    }
  }
  return nullptr;
}

void Emulator::applyConfig(const rapidjson::Value& root, bool seedApps) {
  if (!root.IsObject()) {
    throw std::runtime_error("config must be an object");
  }
  if (auto limit = json::asInt(json::member(root, "concurrencyLimit"))) {
    concurrencyLimit_ = static_cast<int>(*limit);
  }
  if (const rapidjson::Value* faults = json::member(root, "faults")) {
    std::string error;
    if (!faults_.load(*faults, error)) {
      throw std::runtime_error(error);
    }
  }
  const rapidjson::Value* basic = json::member(root, "basic");
  const rapidjson::Value* k = json::member(root, "kintone");
  kintone_->configure([&](kintone::EngineOptions& o) {
    if (basic != nullptr) {
      o.basicUser = json::asString(json::member(*basic, "user")).value_or("");
      o.basicPassword = json::asString(json::member(*basic, "password")).value_or("");
    }
    if (k != nullptr) {
      o.deployDelayMs = static_cast<int>(
          json::asInt(json::member(*k, "deployDelayMs")).value_or(o.deployDelayMs));
      o.cursorTtlSeconds = static_cast<int>(
          json::asInt(json::member(*k, "cursorTtlSeconds")).value_or(o.cursorTtlSeconds));
      o.uploadTtlSeconds = static_cast<int>(
          json::asInt(json::member(*k, "uploadTtlSeconds")).value_or(o.uploadTtlSeconds));
      o.maxCursors =
          static_cast<int>(json::asInt(json::member(*k, "maxCursors")).value_or(o.maxCursors));
      o.domainUrl = json::asString(json::member(*k, "domainUrl")).value_or(o.domainUrl);
      o.deleteWebhookForSingleId = json::asBool(json::member(*k, "deleteWebhookForSingleId"))
                                       .value_or(o.deleteWebhookForSingleId);
    }
  });
  if (k != nullptr) {
    if (auto perMinute = json::asInt(json::member(*k, "webhookRatePerMinute"))) {
      kintone_->webhooks().setPerMinute(static_cast<int>(*perMinute));
    }
  }
  try {
    kintone_->seed(root, seedApps);
  } catch (const kintone::KintoneError& e) {
    throw std::runtime_error("seed rejected: " + kintone::errorBody(e));
  }
  for (auto& [name, s] : services_) {
    if (const rapidjson::Value* section = json::member(root, name);
        section != nullptr && name != "kintone") {
      std::string error;
      if (!s->configure(json::serialize(*section), error)) {
        throw std::runtime_error(name + ": " + error);
      }
    }
  }
}

void Emulator::loadConfigFile(const std::string& path) {
  std::string text = readConfigFile(path);
  rapidjson::Document doc;
  if (!json::parse(text, doc)) {
    throw std::runtime_error(path + ": invalid JSON");
  }
  applyConfig(doc);
  startupConfigs_.push_back(std::move(text));
}

void Emulator::resetAll() {
  for (auto& [name, s] : services_) {
    s->reset();
  }
  faults_.clear();
  log_.clear();
  concurrencyLimit_ = options_.concurrencyLimit;
  for (const auto& text : startupConfigs_) {
    rapidjson::Document doc;
    json::parse(text, doc);
    applyConfig(doc);
  }
}

Response Emulator::control(const Request& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  try {
    if (path == "/__emulator/health") {
      return jsonBody(200, "{\"ok\":true}");
    }
    if (path == "/__emulator/reset" && method == "POST") {
      resetAll();
      return jsonBody(200, "{}");
    }
    if (path == "/__emulator/seed" && method == "POST") {
      rapidjson::Document doc;
      if (!json::parse(request.body, doc) || !doc.IsObject()) {
        return jsonBody(400, "{\"message\":\"seed body must be a JSON object\"}");
      }
      if (const rapidjson::Value* files = json::member(doc, "files");
          files != nullptr && files->IsArray()) {
        for (const auto& f : files->GetArray()) {
          std::string text = readConfigFile(f.GetString());
          rapidjson::Document fileDoc;
          if (!json::parse(text, fileDoc)) {
            return jsonBody(400, "{\"message\":\"invalid seed file\"}");
          }
          applyConfig(fileDoc);
        }
      }
      applyConfig(doc);
      return jsonBody(200, "{}");
    }
    if (path == "/__emulator/faults") {
      if (method == "GET") {
        return jsonBody(200, faults_.toJson());
      }
      if (method == "DELETE") {
        faults_.clear();
        return jsonBody(200, "{}");
      }
      rapidjson::Document doc;
      std::string error;
      if (!json::parse(request.body, doc) || !faults_.load(doc, error)) {
        return jsonBody(400, "{\"message\":\"invalid faults\"}");
      }
      return jsonBody(200, faults_.toJson());
    }
    if (path == "/__emulator/log") {
      if (method == "DELETE") {
        log_.clear();
        return jsonBody(200, "{}");
      }
      return jsonBody(200, log_.toJson());
    }
    for (auto& [name, s] : services_) {
      if (path.rfind("/__emulator/" + name + "/", 0) == 0 || path == "/__emulator/" + name) {
        Response response;
        if (s->handleControl(request, response)) {
          return response;
        }
      }
    }
  } catch (const std::exception& e) {
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    json::kv(w, "message", e.what());
    w.EndObject();
    return jsonBody(400, buffer.GetString());
  }
  return jsonBody(404, "{\"message\":\"unknown control path\"}");
}

Response Emulator::dispatch(const Request& request) {
  for (auto& [name, s] : services_) {
    if (s->owns(request)) {
      return s->handle(request);
    }
  }
  Response response;
  response.status = 404;
  response.contentType = "text/plain; charset=utf-8";
  response.body = "Not Found";
  return response;
}

Emulator::Served Emulator::serve(const Request& request) {
  Served served;
  if (request.path.rfind("/__emulator/", 0) == 0) {
    served.response = control(request);
    return served;
  }
  // The concurrency limit, its headers and kintone-shaped fault bodies are kintone's
  // (kintone-api.md §1.4, §2); other services get plain-text fault bodies.
  bool kintonePath = request.path.rfind("/k/", 0) == 0;
  RunningGuard running(kintonePath ? kintoneRunning_ : otherRunning_);
  std::string route = normaliseRoute(request.path);
  served.fault = faults_.decide(route);
  if (served.fault.delayMs > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(served.fault.delayMs));
  }
  Response& response = served.response;
  auto plain = [&](int status, const char* text) {
    response.status = status;
    response.contentType = "text/plain";
    response.body = text;
  };
  if (kintonePath && running.value > concurrencyLimit_) {
    response = tooManyRequests();
  } else {
    switch (served.fault.action) {
      case FaultAction::k429:
        if (kintonePath) {
          response = tooManyRequests();
        } else {
          plain(429, "Too Many Requests");
        }
        break;
      case FaultAction::k500:
      case FaultAction::k520: {
        int status = served.fault.action == FaultAction::k500 ? 500 : 520;
        if (kintonePath) {
          response = kintoneFault(status, "EMULATOR_FAULT", "エミュレータが注入した障害です。");
        } else {
          plain(status, "Server Error");
        }
        break;
      }
      case FaultAction::k503:
        // Maintenance / load-balancer errors are not JSON (kintone-api.md §6.1).
        plain(503, "Service Unavailable");
        break;
      default:
        response = dispatch(request);
    }
  }
  if (kintonePath) {
    // On every kintone response; Running counts this request.
    response.headers.emplace_back("X-ConcurrencyLimit-Limit",
                                  std::to_string(concurrencyLimit_.load()));
    response.headers.emplace_back("X-ConcurrencyLimit-Running", std::to_string(running.value));
  }
  log_.record(route, appOf(request), kintone::nowEpochSeconds());
  return served;
}

}  // namespace teichaku::emulator
