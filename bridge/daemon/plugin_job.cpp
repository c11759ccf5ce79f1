#include "daemon/plugin_job.h"

#include <sstream>

#include "audit/audit_log.h"
#include "common/exit_codes.h"
#include "daemon/archive_job.h"
#include "daemon/jst_time.h"
#include "daemon/report_period.h"
#include "log/log.h"
#include "plugin_host/stats_command.h"

namespace teichaku::daemon {

int runPluginJob(const config::Config& config, const mapping::Mapping& mapping,
                 const config::PluginJob& job, std::int64_t nowMs, store::MirrorStore& store,
                 const ArchiveServices& services) {
  const ReportPeriod period = reportPeriod(job.period, jstDate(nowMs));
  plugin_host::StatsCommandOptions options;
  options.instance = job.plugin;
  options.from = period.from.toString();
  options.to = period.to.toString();
  options.centres = selectsEveryCentre(job.centres) ? std::vector<std::string>{} : job.centres;
  options.formats = job.formats;
  options.outDir = job.outDir + "/" + options.from + "_" + options.to;
  options.nowEpochSeconds = nowMs / 1000;
  options.check = job.check;
  audit::AuditLog audit(store, config.store.auditHeadFile);
  std::ostringstream out;
  std::ostringstream err;
  int code = plugin_host::runStatsCommand(config, store, mapping, audit, options, out, err);
  if (code == toInt(ExitCode::kOk) && (job.archive || job.check)) {
    ArchiveContext context{config, mapping, job, options, nowMs, store, audit, services};
    code = job.check ? archiveDataChecks(context) : archiveCentreRuns(context);
  }
  if (code == toInt(ExitCode::kOk)) {
    log::info("DAEMON_PLUGIN_JOB_DONE",
              {{"plugin", job.plugin}, {"from", options.from}, {"to", options.to}});
  } else {
    log::error(
        "DAEMON_PLUGIN_JOB_FAILED",
        {{"plugin", job.plugin}, {"from", options.from}, {"to", options.to}, {"exit_code", code}});
  }
  return code;
}

}  // namespace teichaku::daemon
