#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "child_process.h"
#include "http_call.h"
#include "seed/generator.h"
#include "support/temp_dir.h"

// The real programs, as an operator runs them: `cybozu-emulator` with the six Raito Plus
// apps (ids 101..106, API tokens), the cybozu.com directory (the 48 centre organisations,
// staff of 東京 and 神奈川, the bridge's Garoon account) and the external notification
// "teichaku"; `teichaku-bridge key init` and `apps deploy`; then `teichaku-bridge run`,
// started, killed and restarted by the test. Everything lives in one temporary folder.
namespace teichaku::e2e {

inline constexpr const char* kTokyo = "東京都地域生活定着支援センター";
inline constexpr const char* kKanagawa = "神奈川県地域生活定着支援センター";
inline constexpr const char* kCanary = "比嘉カナリア太郎";
inline const std::set<std::string> kKanagawaGaroonStaff{"tk14-01", "tk14-02", "tk14-03"};
inline const std::set<std::string> kTokyoSender{"tk13-01"};

struct WorldOptions {
  // The emulator sends kintone webhooks for the shares and cases apps to the daemon.
  bool webhooks = true;
  // kintone's own cap is 60 a minute per app (kintone-api.md §7); a benchmark raises it
  // to measure the daemon rather than the cap.
  int webhookRatePerMinute = 60;
  std::string logLevel = "information";
};

// One POST notification/items as the emulator received it.
struct GaroonRequest {
  int status = 0;
  std::string caller;
  std::string notificationKey;
  std::set<std::string> destinationCodes;
  std::string body;  // exactly as received
};

class DaemonWorld {
 public:
  explicit DaemonWorld(WorldOptions options = {});
  ~DaemonWorld();
  DaemonWorld(const DaemonWorld&) = delete;
  DaemonWorld& operator=(const DaemonWorld&) = delete;

  const std::string& emulatorUrl() const { return emulatorUrl_; }
  std::string daemonUrl() const;
  const std::filesystem::path& dir() const { return dir_.path(); }

  // `teichaku-bridge run`, not waiting for it.
  void startDaemon();
  // /readyz answered 200 within the timeout (false at once when the daemon exited).
  bool waitReady(std::chrono::milliseconds timeout);
  // /readyz answers 200 now.
  bool readyNow();
  void killDaemon();  // SIGKILL, reaped
  int stopDaemon();   // SIGTERM; the exit code
  bool daemonRunning();

  // kintone, through the REST API with the apps' tokens.
  // `count` cases of 東京 (consent to share with other centres, no release dates; the
  // first one's 氏名 is the canary); returns their ケース番号.
  std::vector<std::string> addTokyoCases(std::size_t count);
  // Shares 東京 -> 神奈川 at 下書き, confirmed, sent by tk13-01; returns their $id.
  std::vector<std::string> addShares(const std::vector<std::string>& caseNumbers);
  // PUT record.json (one record: kintone sends a webhook for it).
  void setText(const std::string& appId, const std::string& id, const std::string& code,
               const std::string& value);
  rapidjson::Document record(const std::string& appId, const std::string& id);
  // Organisation codes of an ORGANIZATION_SELECT field, sorted.
  static std::set<std::string> entityCodes(const rapidjson::Value& record, const char* code);

  // Garoon, through the emulator's control API and Garoon's own REST API.
  std::vector<GaroonRequest> garoonRequests();
  // Stored notifications: notificationKey -> recipients (Garoon user ids, as stored).
  std::map<std::string, std::vector<std::string>> garoonItems();
  // Garoon user id -> login code.
  std::map<std::string, std::string> garoonUserCodes();
  // The emulator's request count for one route (GET /__emulator/log).
  long routeCount(const std::string& route);

  // Warning and error lines of the daemon's log (message ids and record ids, no values).
  std::string logProblems() const;

  // The daemon's SQLite store, read directly (no key needed for these).
  std::string integrityCheck();
  std::map<std::string, long> outboxStates();

 private:
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = "");
  std::string kintoneCall(const std::string& method, const std::string& path,
                          const std::string& appId, const std::string& body);
  void postCases(const seed::Dataset& data, std::size_t first, std::size_t end,
                 std::vector<std::string>& numbers);
  void postShares(const std::vector<std::string>& caseNumbers, std::vector<std::string>& ids);
  void writeEmulatorConfig(const WorldOptions& options);
  void writeBridgeConfig(const WorldOptions& options);
  void seedDirectory();
  void cli(const std::vector<std::string>& args);

  testing::TempDir dir_;
  std::string sourceDir_;
  std::string bridgeBinary_;
  std::string emulatorBinary_;
  int emulatorPort_ = 0;
  int daemonPort_ = 0;
  std::string emulatorUrl_;
  std::string adminPassword_;
  std::string webhookSecret_;
  std::map<std::string, std::string> tokens_;  // app id -> token
  std::string configFile_;
  std::unique_ptr<ChildProcess> emulator_;
  std::unique_ptr<ChildProcess> daemon_;
};

}  // namespace teichaku::e2e
