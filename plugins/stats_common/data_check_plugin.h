#pragma once

#include "teichaku/plugin.hpp"

// `stats --check` inside a statistics plugin: reads the instance's definitions and the checks
// file beside them (checks.toml in the same folder) and the centres file (configuration keys
// `definitions` and `centres`), runs the checks through the host's mirror and writes the
// listings (data_check_output.h) into the output folder.
namespace teichaku::stats {

// True when the host asked for the data checks instead of the statistics
// (tb_export_request.checks_only, ABI 1.1; a 1.0 host's request never does).
bool checksRequested(const tb_export_request& request);

class DataCheckExporter {
 public:
  explicit DataCheckExporter(const plugin::Host& host) : host_(host) {}

  // Throws plugin::Failure: STATS_DEFINITIONS_INVALID, STATS_CHECKS_INVALID,
  // STATS_PERIOD_INVALID, STATS_RECORD_UNREADABLE, or Retry STATS_STOPPED.
  void run(const tb_export_request& request);

 private:
  plugin::Host host_;
};

}  // namespace teichaku::stats
