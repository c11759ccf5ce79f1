#pragma once

#include <string>
#include <vector>

#include "record_count_query.h"
#include "teichaku/plugin.hpp"

// Counts the records of each configured app that match the instance's query (and
// the requested period and centres) and writes one CSV through the host.
namespace teichaku::record_count {

struct Settings {
  std::vector<std::string> apps;
  std::string query;
  std::string dateField;
  std::string centreField;
  std::string outputFile;

  // Reads the validated configuration; throws plugin::Failure on values the schema
  // cannot express (an empty app list).
  static Settings fromHost(const plugin::Host& host);
};

class RecordCountExporter {
 public:
  RecordCountExporter(const plugin::Host& host, Settings settings)
      : host_(host), settings_(std::move(settings)) {}

  // Throws plugin::Failure (Retry when the host asks to stop, Fail on a bad format).
  void run(const tb_export_request& request);

 private:
  plugin::Host host_;
  Settings settings_;
};

}  // namespace teichaku::record_count
