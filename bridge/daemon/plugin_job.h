#pragma once

#include <cstdint>

#include "config/config.h"
#include "mapping/mapping.h"

// One [[schedule.jobs]] entry run by the daemon: the statistics plugin instance over the
// mirror, for the period the job names, as `teichaku-bridge stats` would run it. Files go
// to <out>/<from>_<to>/<instance>/ so a re-run of the same period replaces its own files.
namespace teichaku::daemon {

// Opens its own store connection (the job runs on its own lane). Returns the stats
// command's exit code; logs DAEMON_PLUGIN_JOB_DONE or DAEMON_PLUGIN_JOB_FAILED.
int runPluginJob(const config::Config& config, const mapping::Mapping& mapping,
                 const config::PluginJob& job, std::int64_t nowMs);

}  // namespace teichaku::daemon
