#include "sync/sync_command.h"

#include <sys/stat.h>

#include <chrono>
#include <iomanip>
#include <map>
#include <sstream>

#include "audit/audit_log.h"
#include "crypto/atomic_file.h"
#include "crypto/key_ring.h"

namespace teichaku::sync {

namespace {

const char* modeLabel(const std::string& mode) {
  if (mode == "full")
    return "完全同期";
  if (mode == "incremental")
    return "差分同期";
  if (mode == "reconcile")
    return "削除確認";
  return "派生値の書き戻し";
}

int severity(const Outcome& outcome) {
  if (outcome.isOk())
    return 0;
  if (outcome.messageId() == "SYNC_DELETE_GUARD")
    return 4;
  if (outcome.messageId() == "SYNC_MAPPING_MISMATCH")
    return 3;
  if (outcome.isFail())
    return 2;
  return 1;  // retry later
}

domain::Date todayInJapan(std::chrono::system_clock::time_point now) {
  // Japan has no daylight saving: JST is always UTC+9.
  return domain::Date::fromSysDays(
      std::chrono::floor<std::chrono::days>(now + std::chrono::hours(9)));
}

}  // namespace

ExitCode runSyncCommand(const SyncServices& services, const SyncCommandOptions& options,
                        std::ostream& out, std::ostream& err) {
  std::map<std::string, std::string> appIds;
  for (const auto& [name, app] : services.config.kintone.apps) {
    appIds[name] = std::to_string(app.appId);
  }
  std::vector<std::string> apps = options.apps;
  if (apps.empty()) {
    for (const auto& [name, id] : appIds) {
      if (services.mapping.app(name) != nullptr) {
        apps.push_back(name);
      }
    }
  }
  SyncOptions syncOptions;
  syncOptions.overlapMinutes = services.config.schedule.incrementalOverlapMinutes;
  syncOptions.maxDeletePercent = services.config.schedule.reconcileMaxDeletePercent;
  syncOptions.allowMassDelete = options.allowMassDelete;
  // Every write-back is a change of personal records on kintone: audited (ids and
  // field codes only).
  audit::AuditLog audit(services.store, services.config.store.auditHeadFile);
  syncOptions.afterWriteBack = [&audit](const std::string& app,
                                        const std::vector<std::int64_t>& ids,
                                        const std::vector<std::string>& codes) {
    audit.append({"bridge", "record.writeback", app, ids, codes, "derived fields"});
  };
  SyncEngine engine(services.client, services.store, services.mapping, appIds, syncOptions);

  std::vector<SyncReport> reports;
  for (const auto& app : apps) {
    reports.push_back(engine.syncApp(app, options.full));
    if (reports.back().outcome.isOk() && options.reconcile) {
      reports.push_back(engine.reconcile(app));
    }
    if (reports.back().outcome.isOk() && options.writeBack) {
      reports.push_back(
          engine.writeBackDerived(app, todayInJapan(std::chrono::system_clock::now())));
    }
  }
  int worst = 0;
  for (const auto& r : reports) {
    if (r.outcome.isOk()) {
      out << r.app << ": " << modeLabel(r.mode) << " 取得 " << r.fetched << " 件、保存 "
          << r.upserted << " 件、変更なし " << r.unchanged << " 件、削除 " << r.deleted
          << " 件、書き戻し " << r.written << " 件（リクエスト " << r.requests << " 回、"
          << std::fixed << std::setprecision(1) << r.seconds << " 秒）\n";
    } else {
      err << r.app << ": " << modeLabel(r.mode) << "に失敗しました [" << r.outcome.messageId()
          << "] " << r.outcome.message() << "\n";
    }
    worst = std::max(worst, severity(r.outcome));
  }
  if (!options.summaryFile.empty()) {
    try {
      crypto::writeFileAtomically(options.summaryFile, reportsToJson(reports) + "\n", 0640);
    } catch (const std::exception& e) {
      err << "summary.json を書けません: " << e.what() << "\n";
      worst = std::max(worst, 2);
    }
  }
  switch (worst) {
    case 0:
      return ExitCode::kOk;
    case 1:
      return ExitCode::kRetryLater;
    case 2:
      return ExitCode::kRuntimeFailure;
    case 3:
      return ExitCode::kConfigError;
    default:
      return ExitCode::kNeedsOperator;
  }
}

ExitCode runQueryCommand(store::MirrorStore& store, const mapping::Mapping& mapping,
                         const QueryCommandOptions& options, std::ostream& out, std::ostream& err,
                         QueryResult* read) {
  QueryFormat format;
  if (!parseQueryFormat(options.format, format)) {
    err << "--format は csv、json、table のいずれかです。\n";
    return ExitCode::kConfigError;
  }
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  // Buffered so that a failure half-way prints nothing on stdout.
  std::ostringstream buffer;
  QueryResult result = runQuery(store, mapping, options.app, options.query, format, buffer, now);
  if (read != nullptr) {
    *read = result;
  }
  if (!result.outcome.isOk()) {
    err << result.outcome.message() << "\n";
    return result.outcome.messageId() == "SYNC_STORE_FAILED" ? ExitCode::kRuntimeFailure
                                                             : ExitCode::kConfigError;
  }
  out << buffer.str();
  return ExitCode::kOk;
}

std::unique_ptr<store::MirrorStore> openMirror(const config::Config& config) {
  store::StoreConfig storeConfig;
  if (config.store.engine == "postgresql") {
    storeConfig.url = "postgresql:" + config.store.postgresqlDsn.read();
  } else {
    storeConfig.url = "sqlite:" + config.store.sqlitePath;
  }
  storeConfig.keys = crypto::KeyRing::load(config.store.keyFile);
  return store::openStore(std::move(storeConfig));
}

}  // namespace teichaku::sync
