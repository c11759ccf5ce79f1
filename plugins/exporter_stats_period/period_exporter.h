#pragma once

#include "national_exporter.h"

// Monthly statistics for a period (prefectural monthly reports, domain.md §6): for each
// month, every cell of the definitions for that month (当月) and from the period's start to
// the month's end (累計), over the requested centres together. Aggregates only.
namespace teichaku::stats_period {

class PeriodExporter {
 public:
  PeriodExporter(const plugin::Host& host, stats_national::Settings settings)
      : host_(host), settings_(std::move(settings)) {}

  // Writes <prefix>.csv. Throws plugin::Failure (Retry when the host asks to stop).
  void run(const tb_export_request& request);

 private:
  plugin::Host host_;
  stats_national::Settings settings_;
};

}  // namespace teichaku::stats_period
