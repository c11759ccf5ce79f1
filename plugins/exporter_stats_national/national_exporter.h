#pragma once

#include <string>
#include <vector>

#include "definitions.h"
#include "teichaku/plugin.hpp"

// 地域生活定着促進事業 statistics for one period (normally one fiscal year), per centre and for
// all centres, from a definitions file: each cell is a query over the host's mirror, and all
// cells are counted in one pass (mirror_query_many).
namespace teichaku::stats_national {

struct Settings {
  stats::Definitions definitions;
  std::string outputPrefix;
  bool gannen = true;
  bool csvBom = true;
  bool csvCp932 = false;  // csv_encoding = "cp932"
  // Centre names by code (the `centres` file); empty for a plugin without that key.
  std::vector<std::string> centreOrder;

  // Reads the configuration, the definitions file and the centres file (when the plugin
  // declares `centres`); throws plugin::Failure (STATS_DEFINITIONS_INVALID,
  // STATS_CENTRES_INVALID) when a file is missing or malformed.
  static Settings fromHost(const plugin::Host& host);
};

// "令和6年度" when the period is exactly a fiscal year, else "2024-05-01〜2024-06-30".
std::string periodLabel(const stats::Period& period, bool gannen);

class NationalExporter {
 public:
  // `host` stays valid while the instance lives (tb_plugin_descriptor::create).
  NationalExporter(const tb_host* host, Settings settings)
      : raw_(host), host_(host), settings_(std::move(settings)) {}

  // Writes <prefix>.csv (counts) and <prefix>_根拠.csv (case numbers behind each number) for
  // "csv", <prefix>.xlsx (sheets 集計 and 根拠) for "xlsx"; both when no format is asked.
  // Throws plugin::Failure (Retry when the host asks to stop).
  void run(const tb_export_request& request);

 private:
  const tb_host* raw_;  // for mirror_query_many, which plugin::Host does not wrap
  plugin::Host host_;
  Settings settings_;
};

}  // namespace teichaku::stats_national
