#pragma once

#include "national_exporter.h"

// Monthly statistics for a period (prefectural monthly reports, domain.md §6): for each
// month, every cell of the definitions for that month (当月) and from the period's start to
// the month's end (累計), over the requested centres together, all counted in one pass over
// the mirror. Aggregates only.
namespace teichaku::stats_period {

class PeriodExporter {
 public:
  // `host` stays valid while the instance lives (tb_plugin_descriptor::create).
  PeriodExporter(const tb_host* host, stats_national::Settings settings)
      : raw_(host), host_(host), settings_(std::move(settings)) {}

  // Writes <prefix>.csv. Throws plugin::Failure (Retry when the host asks to stop).
  void run(const tb_export_request& request);

 private:
  const tb_host* raw_;  // for mirror_query_many, which plugin::Host does not wrap
  plugin::Host host_;
  stats_national::Settings settings_;
};

}  // namespace teichaku::stats_period
