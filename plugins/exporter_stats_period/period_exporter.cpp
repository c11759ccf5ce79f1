#include "period_exporter.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "cell_counter.h"
#include "csv_table.h"
#include "record_fields.h"
#include "wareki.h"

namespace teichaku::stats_period {
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
    throw plugin::Failure::fail("STATS_PERIOD_INVALID", std::string("集計期間の") + what +
                                                            "を YYYY-MM-DD で指定してください。");
  }
  return *date;
}

std::string joinLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    line += (i == 0 ? "" : ",") + stats::csvField(fields[i]);
  }
  return line + "\r\n";
}

}  // namespace

void PeriodExporter::run(const tb_export_request& request) {
  for (const auto& format : strings(request.formats, request.format_count)) {
    if (format != "csv") {
      throw plugin::Failure::fail("STATS_FORMAT",
                                  "出力形式 " + format + " には対応していません（csv のみ）。");
    }
  }
  const stats::Period period{requiredDate(request.period_start, "開始日"),
                             requiredDate(request.period_end, "終了日")};
  if (period.end < period.start) {
    throw plugin::Failure::fail("STATS_PERIOD_INVALID", "集計期間の終了日が開始日より前です。");
  }
  const auto centres = strings(request.centres, request.centre_count);
  const stats::Definitions& d = settings_.definitions;

  // Months of the period, each clipped to it.
  std::vector<stats::Period> months;
  for (stats::CivilDate first{period.start.year, period.start.month, 1}; first <= period.end;
       first = stats::addDays(first, stats::daysInMonth(first.year, first.month))) {
    const stats::CivilDate last{first.year, first.month,
                                stats::daysInMonth(first.year, first.month)};
    months.push_back({std::max(first, period.start), std::min(last, period.end)});
  }
  // Every month's 当月 and 累計 tables are counted in one pass over the mirror.
  std::vector<std::vector<std::string>> tables;
  try {
    for (const auto& month : months) {
      tables.push_back(stats::cellQueries(d, month));
      tables.push_back(stats::cellQueries(d, {period.start, month.end}));
    }
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID", e.what());
  }
  const std::vector<stats::CellCounts> counted =
      stats::countTables(d, tables, centres, stats_national::hostScanner(raw_, d));

  std::string csv = settings_.csvBom ? "\xEF\xBB\xBF" : "";
  csv += joinLine({d.title});
  csv += joinLine({"対象期間", stats_national::periodLabel(period, settings_.gannen)});
  csv += joinLine({"センター", centres.empty() ? std::string(stats::kAllCentres) : [&] {
                     std::string all;
                     for (const auto& c : centres) {
                       all += (all.empty() ? "" : "・") + c;
                     }
                     return all;
                   }()});
  std::vector<std::string> header = {"月", "区分"};
  for (const auto& column : d.columns) {
    header.push_back(column.label + "（当月）");
    header.push_back(column.label + "（累計）");
  }
  csv += joinLine(header);
  for (std::size_t m = 0; m < months.size(); ++m) {
    const stats::CivilDate& monthStart = months[m].start;
    const stats::Tally& inMonth = counted[2 * m].tally;
    const stats::Tally& sinceStart = counted[2 * m + 1].tally;
    for (std::size_t r = 0; r < d.rows.size(); ++r) {
      std::vector<std::string> fields = {
          stats::monthLabel(monthStart.year, monthStart.month, settings_.gannen), d.rows[r].label};
      for (std::size_t c = 0; c < d.columns.size(); ++c) {
        const auto basis = d.columns[c].basis;
        fields.push_back(std::to_string(inMonth.count(r, c, stats::kAllCentres, basis)));
        fields.push_back(std::to_string(sinceStart.count(r, c, stats::kAllCentres, basis)));
      }
      csv += joinLine(fields);
    }
  }
  const std::string file = settings_.outputPrefix + ".csv";
  host_.writeFile(file, csv);
  host_.log(TB_LOG_INFO, "STATS_WRITTEN",
            {{"file", file}, {"months", std::to_string(months.size())}});
}

}  // namespace teichaku::stats_period
