#pragma once

#include <rapidjson/document.h>

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/faults.h"
#include "core/request_log.h"
#include "service.h"

namespace teichaku::emulator {

namespace kintone {
class KintoneService;
}

struct EmulatorOptions {
  std::string adminPassword;
  int concurrencyLimit = 100;  // kintone's per-domain limit (kintone-api.md §2)
  // Config files (.toml or .json) read before the services are built (Garoon takes its
  // notification apps at construction), applied in order, and re-applied on "reset".
  std::vector<std::string> configFiles;
  // Non-empty: kintone state persists in this folder (SQLite). When a saved state exists,
  // the config files' apps are not seeded again.
  std::string stateDirectory;
};

// Routes requests to the services, applies faults and the concurrency limit, counts
// requests, and answers the /__emulator control API. Knows nothing about sockets.
class Emulator {
 public:
  explicit Emulator(EmulatorOptions options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  kintone::KintoneService& kintone() { return *kintone_; }
  FaultTable& faults() { return faults_; }
  RequestLog& requestLog() { return log_; }
  Service* service(const std::string& name);

  // Applies a config/seed document (README "Config"); throws std::runtime_error.
  void applyConfig(const rapidjson::Value& root, bool seedApps = true);
  // Reads a .toml or .json file and applies it; it is applied again after "reset".
  void loadConfigFile(const std::string& path);
  // A config file's text as JSON (TOML converted); throws std::runtime_error.
  static std::string readConfigFile(const std::string& path);

  struct Served {
    Response response;
    FaultDecision fault;  // byte-level faults for the HTTP layer to carry out
  };
  Served serve(const Request& request);

 private:
  Response control(const Request& request);
  Response dispatch(const Request& request);
  void resetAll();

  EmulatorOptions options_;
  std::atomic<int> concurrencyLimit_;
  std::atomic<int> kintoneRunning_{0};
  std::atomic<int> otherRunning_{0};
  FaultTable faults_;
  RequestLog log_;
  kintone::KintoneService* kintone_ = nullptr;
  std::vector<std::pair<std::string, std::unique_ptr<Service>>> services_;
  std::vector<std::string> startupConfigs_;  // JSON text, re-applied on reset
};

// TOML text -> JSON text (toml++'s formatter), so both config forms share one loader.
std::string tomlToJson(const std::string& path);

}  // namespace teichaku::emulator
