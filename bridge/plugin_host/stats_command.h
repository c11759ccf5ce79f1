#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "config/config.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"

// teichaku-bridge stats --config FILE --plugin INSTANCE (--fy 2024 | --from D --to D)
//                      [--centre NAME] [--format csv|xlsx]... --out DIR
// Runs one statistics exporter instance over the local mirror and writes its files into
// DIR/<instance>/. Every read and write of the plugin is in the audit log.
namespace teichaku::plugin_host {

struct StatsCommandOptions {
  std::string instance;              // [plugins.<instance>]
  std::optional<int> fiscalYear;     // --fy: 1 April fy – 31 March fy+1
  std::string from;                  // --from YYYY-MM-DD (with --to, instead of --fy)
  std::string to;                    // --to YYYY-MM-DD, inclusive
  std::vector<std::string> centres;  // --centre (repeatable); empty = all
  std::vector<std::string> formats;  // --format; empty = the plugin's default
  std::string outDir;                // --out
  std::int64_t nowEpochSeconds = 0;  // for query functions like TODAY(); 0 = the system clock
};

// Returns an ExitCode number: kOk, kConfigError (bad options, unknown or disabled
// instance, plugin not found, settings refused), kRuntimeFailure, kRetryLater. Messages
// (Japanese) go to `err`, the result line to `out`.
int runStatsCommand(const config::Config& config, store::MirrorStore& store,
                    const mapping::Mapping& mapping, audit::AuditLog& audit,
                    const StatsCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace teichaku::plugin_host
