#include "record_count_exporter.h"

#include <cstddef>

#include "record_count_csv.h"

namespace teichaku::record_count {
namespace {

std::vector<std::string> strings(const char* const* items, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; items != nullptr && i < count; ++i) {
    out.emplace_back(items[i] != nullptr ? items[i] : "");
  }
  return out;
}

}  // namespace

Settings Settings::fromHost(const plugin::Host& host) {
  Settings s;
  s.apps = host.configStringArray("apps");
  if (s.apps.empty()) {
    throw plugin::Failure::fail("RECORD_COUNT_NO_APPS",
                                "apps に1つ以上のアプリ名を書いてください。");
  }
  s.query = host.configString("query").value_or("");
  s.dateField = host.configString("date_field").value_or("");
  s.centreField = host.configString("centre_field").value_or("");
  s.outputFile = host.configString("output_file").value_or("record_count.csv");
  return s;
}

void RecordCountExporter::run(const tb_export_request& request) {
  for (const auto& format : strings(request.formats, request.format_count)) {
    if (format != "csv") {
      throw plugin::Failure::fail("RECORD_COUNT_FORMAT",
                                  "出力形式 " + format + " には対応していません（csv のみ）。");
    }
  }
  QueryParts parts{settings_.query, settings_.dateField, settings_.centreField, {}, {}, {}};
  if (request.period_start != nullptr) {
    parts.periodStart = request.period_start;
  }
  if (request.period_end != nullptr) {
    parts.periodEnd = request.period_end;
  }
  parts.centres = strings(request.centres, request.centre_count);
  const std::string query = composeQuery(parts);

  std::vector<CountRow> rows;
  for (std::size_t i = 0; i < settings_.apps.size(); ++i) {
    CountRow row{settings_.apps[i], query, 0};
    // Only $id is asked for: counting needs no field values.
    host_.mirrorQuery(row.app, query, {"$id"}, [&row](std::string_view) {
      ++row.count;
      return true;
    });
    rows.push_back(row);
    if (!host_.progress(i + 1, settings_.apps.size(), "count")) {
      throw plugin::Failure::retry("RECORD_COUNT_STOPPED", "中止の求めにより途中で止めました。");
    }
  }
  host_.writeFile(settings_.outputFile, buildCsv(rows));
  host_.log(TB_LOG_INFO, "RECORD_COUNT_WRITTEN",
            {{"file", settings_.outputFile}, {"apps", std::to_string(rows.size())}});
}

}  // namespace teichaku::record_count
