#include "national_exporter.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "csv_table.h"
#include "record_fields.h"
#include "tally.h"
#include "wareki.h"

namespace teichaku::stats_national {
namespace {

std::vector<std::string> strings(const char* const* items, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; items != nullptr && i < count; ++i) {
    out.emplace_back(items[i] != nullptr ? items[i] : "");
  }
  return out;
}

stats::CivilDate requiredDate(const char* text, const char* what) {
  auto date = text != nullptr ? stats::parseDate(text) : std::nullopt;
  if (!date) {
    throw plugin::Failure::fail(
        "STATS_PERIOD_INVALID",
        std::string("集計期間の") + what + "を YYYY-MM-DD で指定してください（年度なら --fy）。");
  }
  return *date;
}

}  // namespace

Settings Settings::fromHost(const plugin::Host& host) {
  Settings s;
  const std::string path =
      host.configString("definitions").value_or("mappings/statistics/national.toml");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID",
                                "集計の定義ファイルを開けません: " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    s.definitions = stats::parseDefinitions(text.str(), path);
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID", e.what());
  }
  s.outputPrefix = host.configString("output_prefix").value_or("stats_national");
  s.gannen = host.configBoolean("gannen").value_or(true);
  s.csvBom = host.configBoolean("csv_bom").value_or(true);
  return s;
}

std::string periodLabel(const stats::Period& period, bool gannen) {
  const int fy = period.start.year;
  if (period.start == stats::fiscalYearStart(fy) && period.end == stats::fiscalYearEnd(fy)) {
    return stats::fiscalYearLabel(fy, gannen);
  }
  return stats::formatDate(period.start) + "〜" + stats::formatDate(period.end);
}

void NationalExporter::run(const tb_export_request& request) {
  for (const auto& format : strings(request.formats, request.format_count)) {
    if (format != "csv") {
      throw plugin::Failure::fail("STATS_FORMAT",
                                  "出力形式 " + format + " にはまだ対応していません（csv のみ）。");
    }
  }
  const stats::Period period{requiredDate(request.period_start, "開始日"),
                             requiredDate(request.period_end, "終了日")};
  if (period.end < period.start) {
    throw plugin::Failure::fail("STATS_PERIOD_INVALID", "集計期間の終了日が開始日より前です。");
  }
  const auto centres = strings(request.centres, request.centre_count);
  const stats::Definitions& d = settings_.definitions;

  stats::Tally tally(d.rows.size(), d.columns.size());
  const std::size_t total = d.rows.size() * d.columns.size();
  std::size_t done = 0;
  for (std::size_t r = 0; r < d.rows.size(); ++r) {
    for (std::size_t c = 0; c < d.columns.size(); ++c) {
      std::string query;
      try {
        query = stats::conjoin(stats::expandPlaceholders(d.rows[r].query, period, d.ageBase),
                               stats::expandPlaceholders(d.columns[c].query, period, d.ageBase));
      } catch (const std::runtime_error& e) {
        throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID", e.what());
      }
      // Only the case number and the centre are asked for: counting needs no other value.
      host_.mirrorQuery(
          d.app, query, {d.caseNumberField, d.centreField}, [&](std::string_view json) {
            CaseKey key = readCaseKey(json, d.caseNumberField, d.centreField);
            if (centres.empty() ||
                std::find(centres.begin(), centres.end(), key.centre) != centres.end()) {
              tally.add(r, c, key.centre, key.caseNumber);
            }
            return true;
          });
      if (!host_.progress(++done, total, "count")) {
        throw plugin::Failure::retry("STATS_STOPPED", "中止の求めにより途中で止めました。");
      }
    }
  }
  const stats::CsvOptions csv{settings_.csvBom};
  const std::string countsFile = settings_.outputPrefix + ".csv";
  const std::string evidenceFile = settings_.outputPrefix + "_根拠.csv";
  host_.writeFile(countsFile,
                  stats::buildCountsCsv(d, tally, periodLabel(period, settings_.gannen), csv));
  host_.writeFile(evidenceFile, stats::buildEvidenceCsv(d, tally, csv));
  host_.log(TB_LOG_INFO, "STATS_WRITTEN",
            {{"file", countsFile},
             {"evidence", evidenceFile},
             {"cells", std::to_string(total)},
             {"centres", std::to_string(tally.centres().size())}});
}

}  // namespace teichaku::stats_national
