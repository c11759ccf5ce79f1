#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "daemon/lifecycle.h"
#include "daemon/scheduler.h"
#include "mapping/mapping.h"
#include "rules/rule.h"
#include "server/metrics.h"
#include "server/webhook_queue.h"

namespace teichaku::kintone {
class KintoneClient;
}
namespace teichaku::garoon {
class GaroonClient;
class PayloadGuard;
}  // namespace teichaku::garoon
namespace teichaku::cybozu {
class CybozuUserClient;
}
namespace teichaku::store {
class MirrorStore;
}
namespace teichaku::sync {
class SyncEngine;
}
namespace teichaku::server {
class HttpServer;
}
namespace teichaku::rules {
class RuleEngine;
class OutboxDeliverer;
}  // namespace teichaku::rules

// `teichaku-bridge run`: the subsystems started in order — store, kintone, Garoon,
// centre directory, rule engine, outbox deliverer, sync, HTTP server, scheduler — and
// stopped in the reverse order. The rules run only when both [garoon] and [cybozu] are
// enabled (notices need Garoon, recipients come from cybozu.com); without them the daemon
// still mirrors, writes back and runs plugin jobs.
//
// Lanes (one thread each; a store connection is used by one lane only):
//   main       poll, webhook drain, rules tick, nightly write-back + reconcile
//   outbox     delivery (own connection)
//   directory  cybozu.com membership refresh
//   metrics    gauges for /metrics (own connection)
//   plugins    [[schedule.jobs]] (a connection per run)
namespace teichaku::daemon {

// How the services are built from a configuration. The CLI provides these: it owns how
// secrets are read and registered with the log redactor.
struct ServiceFactory {
  std::function<std::unique_ptr<store::MirrorStore>(const config::Config&)> openStore;
  std::function<std::unique_ptr<kintone::KintoneClient>(const config::Config&)> kintone;
  std::function<std::unique_ptr<garoon::GaroonClient>(const config::Config&)> garoon;
  std::function<std::unique_ptr<cybozu::CybozuUserClient>(const config::Config&)> cybozu;
  std::function<std::string(const config::Config&)> webhookSecret;        // "" = no webhook route
  std::function<config::LoadResult(const std::string& path)> loadConfig;  // for SIGHUP
  std::function<void(const config::Config&)> applyLogging;
};

// rules::RuleSettings from [rules] and the kintone apps of the configuration.
rules::RuleSettings ruleSettingsFrom(const config::Config& config);

class BridgeDaemon {
 public:
  using Clock = std::function<std::int64_t()>;  // unix milliseconds

  BridgeDaemon(config::Config config, mapping::Mapping mapping, ServiceFactory factory,
               Clock clock);
  ~BridgeDaemon();
  BridgeDaemon(const BridgeDaemon&) = delete;
  BridgeDaemon& operator=(const BridgeDaemon&) = delete;

  // Throws (a Japanese message) when a subsystem cannot start; what started is stopped.
  void start();
  // SIGHUP: an invalid file is refused (CONFIG_RELOAD_REFUSED, one line per error) and
  // the old configuration stays; a valid one replaces the schedule, the rule settings and
  // the logging (CONFIG_RELOADED). Sections that need a restart are named in the log.
  void reload();
  // SIGTERM: no new work; the jobs in flight finish; everything stops in reverse order.
  void stop();

  // The store is open and the first incremental poll of every app succeeded.
  bool ready() const { return storeOpen_.load() && firstPollOk_.load(); }
  std::uint16_t port() const;
  server::Metrics& metrics() { return *metrics_; }

 private:
  std::shared_ptr<const config::Config> currentConfig() const;
  void scheduleJobs(const config::Config& config);
  void startStores();
  void startRules(const config::Config& config);
  void startServer(const config::Config& config);
  void startScheduler(const config::Config& config);
  void pollOnce();
  void drainWebhooks();
  void feedRules(const std::string& appKey, const std::vector<std::int64_t>& ids);
  void runPendingRules(const std::string& appKey);
  void runScheduledJob(const config::PluginJob& job);
  bool refreshDirectory();
  bool rulesCanRun() const;
  void deliverOutbox();
  void runNightly();
  void collectMetrics();
  void watchWebhooks();

  std::shared_ptr<const config::Config> config_;
  mutable std::mutex configMutex_;
  mapping::Mapping mapping_;
  ServiceFactory factory_;
  Clock clock_;
  std::int64_t startedAt_ = 0;

  std::vector<std::string> syncApps_;               // configured and mapped
  std::map<std::int64_t, std::string> appKeyById_;  // kintone app id -> app key

  std::unique_ptr<store::MirrorStore> mainStore_;
  std::unique_ptr<store::MirrorStore> outboxStore_;
  std::unique_ptr<store::MirrorStore> metricsStore_;
  std::unique_ptr<kintone::KintoneClient> kintone_;
  std::unique_ptr<garoon::GaroonClient> garoon_;
  std::unique_ptr<cybozu::CybozuUserClient> cybozu_;
  std::unique_ptr<rules::CentreDirectory> directory_;
  std::unique_ptr<rules::CentreDirectory> fallbackDirectory_;  // fixed centres, no staff
  std::unique_ptr<garoon::PayloadGuard> guard_;
  std::unique_ptr<rules::RuleEngine> engine_;
  std::unique_ptr<rules::OutboxDeliverer> deliverer_;
  std::unique_ptr<sync::SyncEngine> sync_;
  std::shared_ptr<server::Metrics> metrics_;
  server::WebhookQueue queue_;
  std::unique_ptr<server::HttpServer> server_;
  std::unique_ptr<Scheduler> scheduler_;
  std::thread webhookWatcher_;

  std::atomic<bool> storeOpen_{false};
  std::atomic<bool> firstPollOk_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> directoryLoaded_{false};
  std::mutex lagMutex_;
  std::map<std::string, std::int64_t> lastSyncOk_;  // app -> unix ms
  bool recordPending_ = false;  // main lane: the running poll records ids for the rules
  Lifecycle lifecycle_;         // last member: stops everything before the rest is destroyed
};

}  // namespace teichaku::daemon
