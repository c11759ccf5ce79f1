#include "national_exporter.h"

#include <algorithm>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cell_counter.h"
#include "centre_order.h"
#include "cp932.h"
#include "csv_table.h"
#include "record_fields.h"
#include "tally.h"
#include "wareki.h"
#include "xlsx_table.h"

namespace teichaku::stats_national {
namespace {

std::vector<std::string> strings(const char* const* items, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; items != nullptr && i < count; ++i) {
    out.emplace_back(items[i] != nullptr ? items[i] : "");
  }
  return out;
}

// Every text of the CSV that CP932 cannot hold, by record and field (labels by name: they
// come from the definitions file, not from a person). Empty = the CSV converts.
std::vector<std::string> cp932Problems(const stats::Definitions& d,
                                       const std::map<std::string, std::string>& recordOfCase,
                                       const std::map<std::string, std::string>& recordOfCentre) {
  std::vector<std::string> problems;
  auto check = [&](const std::string& text, const std::string& where) {
    if (!stats::toCp932(text)) {
      problems.push_back(where);
    }
  };
  check(d.title, "定義の title");
  check(d.note, "定義の note");
  for (const auto& axis : d.rows) {
    check(axis.label, "定義の行「" + axis.label + "」");
  }
  for (const auto& axis : d.columns) {
    check(axis.label, "定義の列「" + axis.label + "」");
  }
  for (const auto& [centre, record] : recordOfCentre) {
    check(centre, "レコード " + record + " のフィールド " + d.centreField);
  }
  for (const auto& [number, record] : recordOfCase) {
    check(number, "レコード " + record + " のフィールド " + d.caseNumberField);
  }
  return problems;
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
  const std::string encoding = host.configString("csv_encoding").value_or("utf-8");
  if (encoding != "utf-8" && encoding != "cp932") {
    throw plugin::Failure::fail("STATS_ENCODING",
                                "csv_encoding は utf-8 か cp932 にしてください。");
  }
  s.csvCp932 = encoding == "cp932";
  if (const auto centres = host.configString("centres")) {
    std::ifstream file(*centres, std::ios::binary);
    std::ostringstream json;
    json << file.rdbuf();
    if (!file) {
      throw plugin::Failure::fail("STATS_CENTRES_INVALID",
                                  "センター一覧のファイルを開けません: " + *centres);
    }
    try {
      s.centreOrder = stats::centreNamesByCode(json.str(), *centres);
    } catch (const std::runtime_error& e) {
      throw plugin::Failure::fail("STATS_CENTRES_INVALID", e.what());
    }
  }
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
  std::vector<std::string> formats = strings(request.formats, request.format_count);
  if (formats.empty()) {
    formats = {"csv", "xlsx"};
  }
  for (const auto& format : formats) {
    if (format != "csv" && format != "xlsx") {
      throw plugin::Failure::fail("STATS_FORMAT",
                                  "出力形式 " + format + " には対応していません（csv と xlsx）。");
    }
  }
  const bool wantCsv = std::find(formats.begin(), formats.end(), "csv") != formats.end();
  const bool wantXlsx = std::find(formats.begin(), formats.end(), "xlsx") != formats.end();
  const stats::Period period{requiredDate(request.period_start, "開始日"),
                             requiredDate(request.period_end, "終了日")};
  if (period.end < period.start) {
    throw plugin::Failure::fail("STATS_PERIOD_INVALID", "集計期間の終了日が開始日より前です。");
  }
  const auto centres = strings(request.centres, request.centre_count);
  const stats::Definitions& d = settings_.definitions;

  std::vector<std::string> queries;
  try {
    queries = stats::cellQueries(d, period);
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID", e.what());
  }
  stats::CellCounts counted =
      std::move(stats::countTables(d, {queries}, centres, hostScanner(raw_, d)).front());
  counted.tally.setCentreOrder(settings_.centreOrder);
  const stats::Tally& tally = counted.tally;
  const std::string label = periodLabel(period, settings_.gannen);
  // The workbook is built on a thread of its own while the CSV is built here: compressing
  // the evidence sheet is the longest single step after the count (0.2 s for 100,000 cases),
  // and the mirror's reading thread is idle by now. Only files are written from this thread.
  std::future<std::string> xlsx;
  if (wantXlsx) {
    xlsx = std::async(std::launch::async,
                      [&d, &tally, &label] { return stats::buildXlsx(d, tally, label); });
  }
  std::vector<std::string> written;
  if (wantCsv) {
    // No byte order mark in CP932: it exists only for Unicode.
    const stats::CsvOptions csv{settings_.csvBom && !settings_.csvCp932};
    std::string counts = stats::buildCountsCsv(d, tally, label, csv);
    std::string evidence = stats::buildEvidenceCsv(d, tally, csv);
    if (settings_.csvCp932) {
      const auto problems = cp932Problems(d, counted.recordOfCase, counted.recordOfCentre);
      auto countsCp932 = stats::toCp932(counts);
      auto evidenceCp932 = stats::toCp932(evidence);
      if (!problems.empty() || !countsCp932 || !evidenceCp932) {
        std::string list;
        for (std::size_t i = 0; i < problems.size() && i < 20; ++i) {
          list += (i == 0 ? "" : "、") + problems[i];
        }
        throw plugin::Failure::fail("STATS_CP932_UNREPRESENTABLE",
                                    "CP932 で表せない文字があるため CSV を書きませんでした（" +
                                        std::to_string(problems.size()) + " 箇所: " + list +
                                        "）。utf-8 で出力するか、kintone の値を直してください。");
      }
      counts = std::move(*countsCp932);
      evidence = std::move(*evidenceCp932);
    }
    written.push_back(settings_.outputPrefix + ".csv");
    host_.writeFile(written.back(), counts);
    written.push_back(settings_.outputPrefix + "_根拠.csv");
    host_.writeFile(written.back(), evidence);
  }
  if (wantXlsx) {
    std::string bytes;
    try {
      bytes = xlsx.get();
    } catch (const std::runtime_error& e) {
      throw plugin::Failure::fail("STATS_XLSX_FAILED", e.what());
    }
    written.push_back(settings_.outputPrefix + ".xlsx");
    host_.writeFile(written.back(), bytes);
  }
  host_.log(TB_LOG_INFO, "STATS_WRITTEN",
            {{"files", std::to_string(written.size())},
             {"cells", std::to_string(queries.size())},
             {"centres", std::to_string(tally.centres().size())}});
}

}  // namespace teichaku::stats_national
