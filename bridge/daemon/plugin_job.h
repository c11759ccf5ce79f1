#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "mapping/mapping.h"

namespace teichaku::kintone {
class KintoneClient;
}
namespace teichaku::garoon {
class PayloadGuard;
}
namespace teichaku::rules {
class CentreDirectory;
}
namespace teichaku::store {
class MirrorStore;
}

// One [[schedule.jobs]] entry run by the daemon: the statistics plugin instance over the
// mirror, for the period the job names, as `teichaku-bridge stats` would run it. Files go
// to <out>/<from>_<to>/<instance>/ so a re-run of the same period replaces its own files.
// With archive = true or check = true the results are also stored per centre in the reports
// app and the centre's staff are notified (daemon/archive_job.h).
namespace teichaku::daemon {

// What archive and check jobs need beyond the mirror. Without a guard the records are
// stored and no notice is queued (Garoon or the rules are off).
struct ArchiveServices {
  kintone::KintoneClient* kintone = nullptr;
  const rules::CentreDirectory* directory = nullptr;
  const garoon::PayloadGuard* guard = nullptr;
  std::string reportsAppId;  // kintone app id of [kintone.apps.reports]; empty = not configured
};

// `store` is the job's own connection (the job runs on its own lane). Returns an ExitCode
// number: the stats command's, or kRuntimeFailure when a centre could not be archived;
// logs DAEMON_PLUGIN_JOB_DONE or DAEMON_PLUGIN_JOB_FAILED.
int runPluginJob(const config::Config& config, const mapping::Mapping& mapping,
                 const config::PluginJob& job, std::int64_t nowMs, store::MirrorStore& store,
                 const ArchiveServices& services);

}  // namespace teichaku::daemon
