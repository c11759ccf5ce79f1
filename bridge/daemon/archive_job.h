#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/plugin_job.h"
#include "mapping/mapping.h"
#include "plugin_host/stats_command.h"

namespace teichaku::audit {
class AuditLog;
}

// The per-centre part of a [[schedule.jobs]] entry with archive = true or check = true
// (issue #6). Each centre is handled on its own: a failure is logged with the centre, the
// step and what to do (DAEMON_ARCHIVE_*), and the next centre goes on; the job's exit code
// is kRuntimeFailure when any centre failed.
//
//   archive  every centre of `centres` (["*"] = every centre of the directory): the instance
//            run for that centre alone into <out>/<from>_<to>/<code>/<instance>/, every file
//            of it stored in ONE reports record (centre + 様式 = instance + 対象月), the
//            centre's staff notified (【統計を作成しました】).
//   check    the data check already written to <out>/<from>_<to>/<instance>/: each centre
//            with findings gets its データ点検_<code>.csv stored (様式 = データ点検) and its
//            staff a notice (【データ点検】, 要確認 N件); centres without findings nothing.
namespace teichaku::daemon {

struct ArchiveContext {
  const config::Config& config;
  const mapping::Mapping& mapping;
  const config::PluginJob& job;
  const plugin_host::StatsCommandOptions& run;  // the job's own run (period, out folder)
  std::int64_t nowMs;
  store::MirrorStore& store;
  audit::AuditLog& audit;
  const ArchiveServices& services;
};

// 様式 of a data-check record in the reports app.
inline constexpr const char* kDataCheckFormatId = "データ点検";

bool selectsEveryCentre(const std::vector<std::string>& centres);

// Return an ExitCode number.
int archiveCentreRuns(const ArchiveContext& context);
int archiveDataChecks(const ArchiveContext& context);

}  // namespace teichaku::daemon
