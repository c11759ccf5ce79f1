#include "daemon/archive_job.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "audit/audit_log.h"
#include "common/exit_codes.h"
#include "daemon/archive_notices.h"
#include "daemon/report_archive.h"
#include "log/log.h"
#include "rules/centre_directory.h"
#include "rules/cybozu_centre_directory.h"
#include "store/mirror_store.h"

namespace teichaku::daemon {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOrganizationPrefix = "teichaku-";

struct Centre {
  std::string name;
  std::string code;  // "13", from the organisation code "teichaku-13"
  std::string organizationCode;
  std::vector<std::string> staff;
};

std::string codeOf(const rules::CentreInfo& info) {
  return info.organizationCode.rfind(kOrganizationPrefix, 0) == 0
             ? info.organizationCode.substr(kOrganizationPrefix.size())
             : info.organizationCode;
}

// A centre as the job names it (name or code), known to the directory.
std::optional<Centre> findCentre(const rules::CentreDirectory& directory,
                                 const std::string& nameOrCode) {
  for (const auto& info : rules::standardCentres()) {
    if (info.name != nameOrCode && codeOf(info) != nameOrCode) {
      continue;
    }
    const auto organization = directory.organizationCode(info.name);
    if (!directory.isKnownCentre(info.name) || !organization) {
      return std::nullopt;
    }
    return Centre{info.name, codeOf(info), *organization, directory.staffLoginCodes(info.name)};
  }
  return std::nullopt;
}

bool isCentreCode(const std::string& code) {
  const auto centres = rules::standardCentres();
  return std::any_of(centres.begin(), centres.end(),
                     [&](const rules::CentreInfo& info) { return codeOf(info) == code; });
}

std::vector<std::string> centresOfJob(const ArchiveContext& c) {
  if (!selectsEveryCentre(c.job.centres)) {
    return c.job.centres;
  }
  std::vector<std::string> names;
  for (const auto& info : rules::standardCentres()) {
    if (c.services.directory->isKnownCentre(info.name)) {
      names.push_back(info.name);
    }
  }
  return names;
}

// Every file the run wrote, in name order (the order they appear in 生成ファイル).
std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool servicesReady(const ArchiveContext& c) {
  if (c.services.kintone == nullptr || c.services.directory == nullptr ||
      c.services.reportsAppId.empty() || c.mapping.app("reports") == nullptr) {
    log::error("DAEMON_ARCHIVE_NOT_CONFIGURED", {{"plugin", c.job.plugin}});
    return false;
  }
  return true;
}

// Stores the files and queues the notices of one centre. False when a step failed (logged).
bool storeAndNotify(const ArchiveContext& c, const Centre& centre, const std::string& formatId,
                    const std::vector<std::string>& files, std::optional<std::size_t> toCorrect) {
  ReportArchiveRequest request;
  request.centreName = centre.name;
  request.organizationCode = centre.organizationCode;
  request.formatId = formatId;
  request.month = c.run.from.substr(0, 7);
  request.files = files;
  request.nowMs = c.nowMs;
  const ArchivedReport report =
      archiveReport(*c.services.kintone, c.mapping, c.services.reportsAppId, request);
  if (!report.outcome.isOk()) {
    log::error("DAEMON_ARCHIVE_RECORD_FAILED", {{"plugin", c.job.plugin},
                                                {"centre", centre.code},
                                                {"step", toString(report.failedStep)},
                                                {"cause", report.outcome.messageId()}});
    return false;
  }
  std::size_t queued = 0;
  if (c.services.guard == nullptr || centre.staff.empty()) {
    log::warning("DAEMON_ARCHIVE_NO_RECIPIENTS", {{"plugin", c.job.plugin},
                                                  {"centre", centre.code},
                                                  {"garoon", c.services.guard ? "on" : "off"}});
  } else {
    ArchiveNotice notice;
    notice.kind = toCorrect ? ArchiveNotice::Kind::kDataCheck : ArchiveNotice::Kind::kStatsReady;
    notice.instance = c.job.plugin;
    notice.period = c.run.from + "_" + c.run.to;
    notice.centreName = centre.name;
    notice.centreCode = centre.code;
    notice.toCorrect = toCorrect;
    notice.reportsAppId = c.services.reportsAppId;
    notice.recordId = report.recordId;
    notice.staffLoginCodes = centre.staff;
    QueuedNotices result;
    try {
      result = enqueueArchiveNotices(c.store, *c.services.guard, notice, c.nowMs);
    } catch (const store::StoreError&) {
      result.outcome = Outcome::retry("RULE_STORE_FAILED", "送信待ちに登録できませんでした。");
    }
    if (!result.outcome.isOk()) {
      log::error("DAEMON_ARCHIVE_NOTICE_FAILED", {{"plugin", c.job.plugin},
                                                  {"centre", centre.code},
                                                  {"record", report.recordId},
                                                  {"cause", result.outcome.messageId()}});
      return false;
    }
    queued = result.queued;
  }
  log::info("DAEMON_ARCHIVE_STORED", {{"plugin", c.job.plugin},
                                      {"centre", centre.code},
                                      {"record", report.recordId},
                                      {"created", report.created ? "yes" : "no"},
                                      {"files", files.size()},
                                      {"notices", queued}});
  return true;
}

int exitCode(bool allOk) {
  return toInt(allOk ? ExitCode::kOk : ExitCode::kRuntimeFailure);
}

}  // namespace

bool selectsEveryCentre(const std::vector<std::string>& centres) {
  return std::find(centres.begin(), centres.end(), "*") != centres.end();
}

int archiveCentreRuns(const ArchiveContext& c) {
  if (!servicesReady(c)) {
    return toInt(ExitCode::kRuntimeFailure);
  }
  bool allOk = true;
  for (const auto& name : centresOfJob(c)) {
    const auto centre = findCentre(*c.services.directory, name);
    if (!centre) {
      // The value is the job's own configuration (a centre name or code), not personal data.
      log::error("DAEMON_ARCHIVE_UNKNOWN_CENTRE", {{"plugin", c.job.plugin}, {"centre", name}});
      allOk = false;
      continue;
    }
    plugin_host::StatsCommandOptions options = c.run;
    options.centres = {centre->name};
    options.outDir = (fs::path(c.run.outDir) / centre->code).string();
    const fs::path folder = fs::path(options.outDir) / c.job.plugin;
    std::error_code ec;
    fs::remove_all(folder, ec);  // only this run's files go into the record
    std::ostringstream out;
    std::ostringstream err;
    const int code =
        plugin_host::runStatsCommand(c.config, c.store, c.mapping, c.audit, options, out, err);
    if (code != toInt(ExitCode::kOk)) {
      log::error("DAEMON_ARCHIVE_RUN_FAILED",
                 {{"plugin", c.job.plugin}, {"centre", centre->code}, {"exit_code", code}});
      allOk = false;
      continue;
    }
    allOk = storeAndNotify(c, *centre, c.job.plugin, filesIn(folder), std::nullopt) && allOk;
  }
  return exitCode(allOk);
}

int archiveDataChecks(const ArchiveContext& c) {
  if (!servicesReady(c)) {
    return toInt(ExitCode::kRuntimeFailure);
  }
  std::string error;
  const auto listings =
      plugin_host::readDataCheckSummary((fs::path(c.run.outDir) / c.job.plugin).string(), error);
  if (!listings) {
    log::error("DAEMON_CHECK_SUMMARY_UNREADABLE", {{"plugin", c.job.plugin}});
    return toInt(ExitCode::kRuntimeFailure);
  }
  bool allOk = true;
  std::size_t clean = 0;
  std::size_t unassigned = 0;
  for (const auto& listing : *listings) {
    if (listing.findings == 0) {
      ++clean;
      continue;
    }
    const auto centre = findCentre(*c.services.directory, listing.centreCode);
    if (!centre && isCentreCode(listing.centreCode)) {
      log::error("DAEMON_ARCHIVE_UNKNOWN_CENTRE",
                 {{"plugin", c.job.plugin}, {"centre", listing.centreCode}});
      allOk = false;
      continue;
    }
    if (!centre) {
      unassigned += listing.findings;  // 未設定 / 未登録: no centre to tell
      continue;
    }
    allOk =
        storeAndNotify(c, *centre, kDataCheckFormatId, {listing.path}, listing.findings) && allOk;
  }
  log::info("DAEMON_CHECK_CLEAN", {{"plugin", c.job.plugin}, {"centres", clean}});
  if (unassigned > 0) {
    log::warning("DAEMON_CHECK_UNASSIGNED", {{"plugin", c.job.plugin}, {"findings", unassigned}});
  }
  return exitCode(allOk);
}

}  // namespace teichaku::daemon
