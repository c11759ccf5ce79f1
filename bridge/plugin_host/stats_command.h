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
// With --check (period optional) the plugin writes the data checks instead
// (docs/data-checks.md): データ点検_<centre code>.csv per centre and データ点検_一覧.csv.
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
  bool check = false;                // --check: the data checks instead of the statistics
  bool failOnFindings = false;       // --fail-on-findings: kNeedsOperator when a check found any
};

// One line of データ点検_一覧.csv: what a weekly notice to a centre needs.
struct DataCheckListing {
  std::string centreCode;  // "13"; 未設定 / 未登録 for records without a known centre
  std::string centreName;
  std::size_t casesChecked = 0;
  std::size_t findings = 0;  // (case, check) pairs listed
  std::string path;          // the centre's listing: <folder>/データ点検_<code>.csv
};

// Reads the summary a `stats --check` run wrote into `instanceFolder` (DIR/<instance>).
// nullopt with `error` (Japanese) when it is missing or not in the expected layout.
std::optional<std::vector<DataCheckListing>> readDataCheckSummary(const std::string& instanceFolder,
                                                                  std::string& error);

// Returns an ExitCode number: kOk, kConfigError (bad options, unknown or disabled
// instance, plugin not found, settings refused), kRuntimeFailure, kRetryLater, and with
// --check --fail-on-findings kNeedsOperator when a case was listed (a listing alone is not a
// failure: kOk). Messages (Japanese) go to `err`, the result lines to `out`.
int runStatsCommand(const config::Config& config, store::MirrorStore& store,
                    const mapping::Mapping& mapping, audit::AuditLog& audit,
                    const StatsCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace teichaku::plugin_host
