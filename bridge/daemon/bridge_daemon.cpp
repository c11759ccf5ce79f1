#include "daemon/bridge_daemon.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <stdexcept>

#include "cybozu/cybozu_user_client.h"
#include "daemon/failure_counter.h"
#include "daemon/jst_time.h"
#include "daemon/pending_changes.h"
#include "daemon/plugin_job.h"
#include "garoon/garoon_client.h"
#include "garoon/payload_guard.h"
#include "kintone/kintone_client.h"
#include "log/log.h"
#include "rules/cybozu_centre_directory.h"
#include "rules/outbox_deliverer.h"
#include "rules/rule_engine.h"
#include "rules/share_ledger.h"
#include "rules/static_centre_directory.h"
#include "server/http_server.h"
#include "store/mirror_store.h"
#include "sync/checkpoint.h"
#include "sync/sync_engine.h"

namespace teichaku::daemon {
namespace {

// Outbox items per delivery run: small, so SIGTERM waits for at most a few sends (an item
// a kill interrupts goes back to pending at the next start, store::releaseInFlight).
constexpr std::size_t kOutboxBatch = 10;
constexpr std::size_t kWebhookBatch = 200;
constexpr std::size_t kWebhookQueueCapacity = 10000;
// The outbox gauges list items of each state; beyond this the gauge says "at least".
constexpr std::int64_t kOutboxGaugeLimit = 10000;

std::int64_t seconds(std::int64_t ms) {
  return ms / 1000;
}

// The sections a running daemon cannot change: connections, store, listener, mapping.
std::string sectionsNeedingRestart(const config::Config& before, const config::Config& after) {
  std::string changed;
  for (const char* section : {"bridge", "kintone", "garoon", "cybozu", "store", "server"}) {
    const toml::table* a = before.document[section].as_table();
    const toml::table* b = after.document[section].as_table();
    const bool same = (a == nullptr && b == nullptr) || (a != nullptr && b != nullptr && *a == *b);
    if (!same) {
      changed += (changed.empty() ? "" : ",") + std::string(section);
    }
  }
  return changed;
}

}  // namespace

rules::RuleSettings ruleSettingsFrom(const config::Config& config) {
  rules::RuleSettings s;
  s.releaseWindowDays = config.rules.releaseWindowDays;
  s.receiptReminderHours = config.rules.receiptReminderHours;
  s.taskDueSoonDays = config.rules.taskDueSoonDays;
  s.digestHourJst = config.rules.digestHourJst;
  s.outboxMaxAttempts = config.rules.outboxMaxAttempts;
  s.kintoneBaseUrl = config.kintone.baseUrl;
  std::map<std::string, std::string> ids;
  for (const auto& [key, app] : config.kintone.apps) {
    ids[key] = std::to_string(app.appId);
  }
  s.appId = [ids](const std::string& appKey) {
    auto it = ids.find(appKey);
    return it == ids.end() ? std::string() : it->second;
  };
  return s;
}

BridgeDaemon::BridgeDaemon(config::Config config, mapping::Mapping mapping, ServiceFactory factory,
                           Clock clock)
    : config_(std::make_shared<const config::Config>(std::move(config))),
      mapping_(std::move(mapping)),
      factory_(std::move(factory)),
      clock_(std::move(clock)),
      metrics_(std::make_shared<server::Metrics>()),
      queue_(kWebhookQueueCapacity) {
  for (const auto& [key, app] : config_->kintone.apps) {
    appKeyById_[app.appId] = key;
    if (mapping_.app(key) != nullptr) {
      syncApps_.push_back(key);
    }
  }
}

BridgeDaemon::~BridgeDaemon() {
  stop();
}

std::shared_ptr<const config::Config> BridgeDaemon::currentConfig() const {
  std::lock_guard lock(configMutex_);
  return config_;
}

void BridgeDaemon::start() {
  startedAt_ = clock_();
  const auto config = currentConfig();
  // Counted from here on: every warning and error of every component, by message ID.
  auto metrics = metrics_;
  installFailureCounter([metrics](const std::string& id) {
    metrics->addCounter("teichaku_failures_total", {{"message_id", id}});
  });
  try {
    lifecycle_.start(
        "store", [&] { startStores(); },
        [this] {
          storeOpen_ = false;
          metricsStore_.reset();
          outboxStore_.reset();
          mainStore_.reset();
        });
    lifecycle_.start(
        "kintone", [&] { kintone_ = factory_.kintone(*config); }, [this] { kintone_.reset(); });
    if (config->garoon.enabled) {
      lifecycle_.start(
          "garoon", [&] { garoon_ = factory_.garoon(*config); }, [this] { garoon_.reset(); });
    }
    std::vector<rules::CentreEntry> fixedCentres;
    for (const auto& centre : rules::standardCentres()) {
      fixedCentres.push_back({centre.name, centre.organizationCode, {}});
    }
    fallbackDirectory_ = std::make_unique<rules::StaticCentreDirectory>(std::move(fixedCentres));
    if (config->cybozu.enabled) {
      lifecycle_.start(
          "directory",
          [&] {
            cybozu_ = factory_.cybozu(*config);
            directory_ =
                std::make_unique<rules::CybozuCentreDirectory>(*cybozu_, rules::standardCentres());
            refreshDirectory();  // the rules wait for a first successful read
          },
          [this] {
            directory_.reset();
            cybozu_.reset();
          });
    }
    lifecycle_.start(
        "rules", [&] { startRules(*config); },
        [this] {
          deliverer_.reset();
          engine_.reset();
          guard_.reset();
        });
    lifecycle_.start(
        "sync",
        [&] {
          sync::SyncOptions options;
          options.overlapMinutes = config->schedule.incrementalOverlapMinutes;
          options.maxDeletePercent = config->schedule.reconcileMaxDeletePercent;
          // In the page's transaction: the ids the rules must still see commit with it.
          options.afterRecordsStored = [this](const std::string& app,
                                              const std::vector<std::int64_t>& ids) {
            if (recordPending_) {
              std::set<std::int64_t> pending = loadPending(*mainStore_, app);
              pending.insert(ids.begin(), ids.end());
              savePending(*mainStore_, app, pending);
            }
          };
          std::map<std::string, std::string> ids;
          for (const auto& [key, app] : config->kintone.apps) {
            ids[key] = std::to_string(app.appId);
          }
          sync_ = std::make_unique<sync::SyncEngine>(*kintone_, *mainStore_, mapping_, ids,
                                                     std::move(options));
        },
        [this] { sync_.reset(); });
    lifecycle_.start(
        "server", [&] { startServer(*config); },
        [this] {
          if (server_) {
            server_->stop();
          }
          server_.reset();
        });
    lifecycle_.start(
        "scheduler", [&] { startScheduler(*config); },
        [this] {
          stopping_ = true;
          if (webhookWatcher_.joinable()) {
            webhookWatcher_.join();
          }
          if (scheduler_) {
            scheduler_->stop();
          }
          scheduler_.reset();
        });
  } catch (...) {
    lifecycle_.stopAll();
    throw;
  }
  log::info("DAEMON_STARTED", {{"apps", syncApps_.size()}, {"rules", engine_ ? "on" : "off"}});
}

void BridgeDaemon::startStores() {
  const auto config = currentConfig();
  mainStore_ = factory_.openStore(*config);
  outboxStore_ = factory_.openStore(*config);
  metricsStore_ = factory_.openStore(*config);
  // Items a killed run left in flight are sent again: their keys make a resend an update.
  const std::int64_t released = outboxStore_->releaseInFlight();
  if (released > 0) {
    log::notice("DAEMON_OUTBOX_RELEASED", {{"items", released}});
  }
  storeOpen_ = true;
}

void BridgeDaemon::startRules(const config::Config& config) {
  if (!garoon_ || !directory_) {
    log::notice("DAEMON_RULES_DISABLED",
                {{"garoon", garoon_ ? "on" : "off"}, {"cybozu", directory_ ? "on" : "off"}});
    return;
  }
  std::vector<std::string> centreNames;
  for (const auto& centre : rules::standardCentres()) {
    centreNames.push_back(centre.name);
  }
  guard_ = std::make_unique<garoon::PayloadGuard>(config.kintone.baseUrl, centreNames);
  engine_ = std::make_unique<rules::RuleEngine>(rules::RuleServices{
      *mainStore_, *kintone_, mapping_, *directory_, *guard_, ruleSettingsFrom(config), clock_});
  for (auto& rule : rules::makeStandardRules(engine_->services())) {
    engine_->add(std::move(rule));
  }
  deliverer_ = std::make_unique<rules::OutboxDeliverer>(
      *outboxStore_, *kintone_, *garoon_, *guard_, ruleSettingsFrom(config), clock_, &mapping_);
}

void BridgeDaemon::startServer(const config::Config& config) {
  server::ServerOptions options;
  options.listen = config.server.listen;
  options.webhookSecret = factory_.webhookSecret(config);
  options.tlsCertFile = config.server.tlsCertFile;
  options.tlsKeyFile = config.server.tlsKeyFile;
  options.maxBodyBytes = config.server.maxBodyBytes;
  for (const auto& [id, key] : appKeyById_) {
    options.knownAppIds.insert(id);
  }
  server_ = std::make_unique<server::HttpServer>(std::move(options), queue_, *metrics_,
                                                 [this] { return ready(); });
  server_->start();
}

void BridgeDaemon::startScheduler(const config::Config& config) {
  scheduler_ = std::make_unique<Scheduler>(clock_);
  scheduleJobs(config);
  scheduler_->start();
  webhookWatcher_ = std::thread([this] { watchWebhooks(); });
}

void BridgeDaemon::scheduleJobs(const config::Config& config) {
  using std::chrono::minutes;
  using std::chrono::seconds;
  Scheduler& s = *scheduler_;
  s.add("poll", "main", Trigger::every(minutes(config.schedule.incrementalPollMinutes), true),
        [this] { pollOnce(); });
  s.add("webhooks", "main", Trigger::every(seconds(1)), [this] { drainWebhooks(); });
  config::WallClockSchedule nightly;
  config::parseHourMinute(config.schedule.nightlyAt, nightly.hour, nightly.minute);
  s.add("nightly", "main", Trigger::at(nightly), [this] { runNightly(); });
  s.add("metrics", "metrics", Trigger::every(seconds(15), true), [this] { collectMetrics(); });
  if (engine_) {
    s.add("rules-tick", "main", Trigger::every(minutes(1)), [this] {
      if (rulesCanRun()) {
        engine_->tick(clock_());
        scheduler_->trigger("outbox");
      }
    });
    s.add("outbox", "outbox", Trigger::every(seconds(config.schedule.outboxIntervalSeconds), true),
          [this] { deliverOutbox(); });
  }
  if (directory_) {
    // Until a first read succeeded, try again every minute.
    const auto interval =
        directoryLoaded_.load() ? minutes(config.schedule.directoryRefreshMinutes) : minutes(1);
    s.add("directory", "directory", Trigger::every(interval), [this] {
      if (!directoryLoaded_.load() && refreshDirectory()) {
        scheduleJobs(*currentConfig());  // back to the configured interval
        return;
      }
      refreshDirectory();
    });
  }
  s.removeWithPrefix("plugin:");
  std::size_t index = 0;
  for (const auto& job : config.schedule.jobs) {
    const std::string name = "plugin:" + std::to_string(index++) + ":" + job.plugin;
    s.add(name, "plugins", Trigger::at(job.schedule), [this, job] { runScheduledJob(job); });
  }
}

void BridgeDaemon::runScheduledJob(const config::PluginJob& job) {
  const auto config = currentConfig();
  auto store = factory_.openStore(*config);
  ArchiveServices services;
  services.kintone = kintone_.get();
  // Without cybozu.com the records are still stored (organisations are fixed per centre);
  // notices need the staff, the guard and the deliverer, which exist only with the rules.
  services.directory = directory_ ? directory_.get() : fallbackDirectory_.get();
  services.guard = engine_ ? guard_.get() : nullptr;
  if (auto reports = config->kintone.apps.find("reports"); reports != config->kintone.apps.end()) {
    services.reportsAppId = std::to_string(reports->second.appId);
  }
  runPluginJob(*config, mapping_, job, clock_(), *store, services);
  if (engine_ && (job.archive || job.check)) {
    scheduler_->trigger("outbox");
  }
}

bool BridgeDaemon::refreshDirectory() {
  Outcome refreshed = directory_->refresh();
  if (!refreshed.isOk()) {
    log::warning("DAEMON_DIRECTORY_STALE", {{"reason", refreshed.messageId()}});
    return false;
  }
  directoryLoaded_ = true;
  return true;
}

// The rules need the centres' staff: with an empty directory every share would look like
// one to an unknown centre and be sent back.
bool BridgeDaemon::rulesCanRun() const {
  return engine_ != nullptr && directoryLoaded_.load();
}

void BridgeDaemon::pollOnce() {
  bool allOk = true;
  for (const auto& app : syncApps_) {
    // A first full read (empty mirror) is the baseline, not a burst of changes: re-reading
    // every record for the rules would spend the day's request budget.
    recordPending_ =
        engine_ != nullptr && !sync::parseCheckpoint(mainStore_->checkpoint(app)).since.empty();
    const sync::SyncReport report = sync_->syncApp(app, false);
    recordPending_ = false;
    if (report.outcome.isOk()) {
      std::lock_guard lock(lagMutex_);
      lastSyncOk_[app] = clock_();
    } else {
      allOk = false;
    }
    runPendingRules(app);  // also what an earlier, interrupted run left
  }
  if (allOk && !firstPollOk_.exchange(true)) {
    log::notice("DAEMON_READY", {{"apps", syncApps_.size()}});
  }
}

void BridgeDaemon::runPendingRules(const std::string& appKey) {
  if (!rulesCanRun()) {
    return;  // the ids stay pending
  }
  const std::set<std::int64_t> pending = loadPending(*mainStore_, appKey);
  if (pending.empty()) {
    return;
  }
  std::set<std::int64_t> kept;
  for (std::int64_t id : pending) {
    Outcome outcome = engine_->onRecordChanged(appKey, id);
    if (outcome.isRetry()) {
      kept.insert(id);  // kintone or Garoon busy: the next poll tries again
      log::warning("DAEMON_RULES_DEFERRED",
                   {{"app", appKey}, {"record", id}, {"reason", outcome.messageId()}});
    }
  }
  savePending(*mainStore_, appKey, kept);
  scheduler_->trigger("outbox");
}

void BridgeDaemon::feedRules(const std::string& appKey, const std::vector<std::int64_t>& ids) {
  // Without the directory a webhook is left to the poll, which finds the record changed.
  if (!rulesCanRun() || ids.empty()) {
    return;
  }
  for (std::int64_t id : ids) {
    Outcome outcome = engine_->onRecordChanged(appKey, id);
    if (!outcome.isOk()) {
      // The record is not in the mirror's pending list: the poll finds it changed in
      // kintone (the webhook path does not update the mirror) and runs the rules again.
      log::warning("DAEMON_RULES_DEFERRED",
                   {{"app", appKey}, {"record", id}, {"reason", outcome.messageId()}});
    }
  }
  scheduler_->trigger("outbox");
}

void BridgeDaemon::drainWebhooks() {
  if (queue_.takeOverflow()) {
    // Dropped webhooks are found by an incremental poll instead (bounded re-reads).
    log::notice("DAEMON_WEBHOOK_OVERFLOW", {{"waiting", queue_.size()}});
    scheduler_->trigger("poll");
  }
  const std::vector<server::WebhookNotice> notices = queue_.drain(kWebhookBatch);
  if (notices.empty()) {
    return;
  }
  if (!engine_) {
    scheduler_->trigger("poll");  // no rules: the mirror catches up by a poll
    return;
  }
  std::map<std::string, std::vector<std::int64_t>> byApp;
  for (const auto& n : notices) {
    if (auto it = appKeyById_.find(n.appId); it != appKeyById_.end()) {
      byApp[it->second].push_back(n.recordId);
    }
  }
  for (const auto& [app, ids] : byApp) {
    feedRules(app, ids);
  }
  if (queue_.size() > 0) {
    scheduler_->trigger("webhooks");
  }
}

void BridgeDaemon::watchWebhooks() {
  // Reacts to a webhook within milliseconds instead of at the next one-second drain.
  while (!stopping_.load()) {
    if (scheduler_->busy("webhooks")) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    if (queue_.waitForWork(std::chrono::milliseconds(200))) {
      scheduler_->trigger("webhooks");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

void BridgeDaemon::deliverOutbox() {
  if (deliverer_ && deliverer_->deliverDue(kOutboxBatch) == kOutboxBatch) {
    scheduler_->trigger("outbox");  // more may be due
  }
}

void BridgeDaemon::runNightly() {
  const domain::Date today = jstDate(clock_());
  for (const auto& app : syncApps_) {
    sync_->writeBackDerived(app, today);
    sync_->reconcile(app);
  }
}

void BridgeDaemon::collectMetrics() {
  const std::int64_t now = clock_();
  server::Metrics& m = *metrics_;
  std::int64_t oldest = 0;
  for (store::OutboxState state :
       {store::OutboxState::kPending, store::OutboxState::kInFlight, store::OutboxState::kParked}) {
    const auto items = metricsStore_->listOutbox(state, kOutboxGaugeLimit);
    m.setGauge("teichaku_outbox_items", {{"state", store::toString(state)}},
               static_cast<double>(items.size()));
    if (state != store::OutboxState::kParked) {
      for (const auto& item : items) {
        oldest = oldest == 0 ? item.created : std::min(oldest, item.created);
      }
    }
  }
  m.setGauge("teichaku_outbox_oldest_undelivered_seconds", {},
             static_cast<double>(oldest == 0 ? 0 : seconds(now - oldest)));
  {
    std::lock_guard lock(lagMutex_);
    for (const auto& app : syncApps_) {
      auto it = lastSyncOk_.find(app);
      const std::int64_t since = it == lastSyncOk_.end() ? startedAt_ : it->second;
      m.setGauge("teichaku_sync_lag_seconds", {{"app", app}},
                 static_cast<double>(seconds(now - since)));
    }
  }
  const auto config = currentConfig();
  for (const auto& [key, app] : config->kintone.apps) {
    m.setGauge("teichaku_kintone_requests_today", {{"app", key}},
               static_cast<double>(kintone_->budgetUsed(std::to_string(app.appId))));
  }
  if (engine_) {
    m.setGauge("teichaku_shares_awaiting_receipt_overdue", {},
               static_cast<double>(
                   rules::overdueShareCount(*metricsStore_, ruleSettingsFrom(*config), now)));
  }
  m.setGauge("teichaku_ready", {}, ready() ? 1 : 0);
}

void BridgeDaemon::reload() {
  const auto before = currentConfig();
  config::LoadResult result = factory_.loadConfig(before->file);
  if (!result.ok()) {
    for (const auto& e : result.errors) {
      log::error("CONFIG_RELOAD_REFUSED", {{"file", e.file},
                                           {"line", e.line},
                                           {"column", e.column},
                                           {"key", e.keyPath},
                                           {"message", e.message}});
    }
    return;
  }
  auto next = std::make_shared<const config::Config>(std::move(*result.config));
  const std::string restart = sectionsNeedingRestart(*before, *next);
  if (!restart.empty()) {
    log::warning("DAEMON_RELOAD_NEEDS_RESTART", {{"sections", restart}});
  }
  factory_.applyLogging(*next);
  auto metrics = metrics_;
  installFailureCounter([metrics](const std::string& id) {
    metrics->addCounter("teichaku_failures_total", {{"message_id", id}});
  });
  {
    std::lock_guard lock(configMutex_);
    config_ = next;
  }
  if (scheduler_) {
    scheduleJobs(*next);
    const rules::RuleSettings settings = ruleSettingsFrom(*next);
    // Applied on the lanes that use them, between two runs.
    scheduler_->post("main", [this, settings] {
      if (engine_) {
        engine_->services().settings = settings;
      }
    });
    scheduler_->post("outbox", [this, settings] {
      if (deliverer_) {
        deliverer_ = std::make_unique<rules::OutboxDeliverer>(*outboxStore_, *kintone_, *garoon_,
                                                              *guard_, settings, clock_, &mapping_);
      }
    });
  }
  log::notice("CONFIG_RELOADED",
              {{"file", next->file}, {"plugin_jobs", next->schedule.jobs.size()}});
}

void BridgeDaemon::stop() {
  lifecycle_.stopAll();
}

std::uint16_t BridgeDaemon::port() const {
  return server_ ? server_->port() : 0;
}

}  // namespace teichaku::daemon
