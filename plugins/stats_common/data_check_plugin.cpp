#include "data_check_plugin.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "data_check_engine.h"
#include "data_check_fields.h"
#include "data_check_output.h"

namespace teichaku::stats {
namespace {

std::string readText(const std::string& path, const char* failureId, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw plugin::Failure::fail(failureId, std::string(what) + "を開けません: " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<Period> periodOf(const tb_export_request& request) {
  if (request.period_start == nullptr && request.period_end == nullptr) {
    return std::nullopt;
  }
  const auto start = parseDate(request.period_start != nullptr ? request.period_start : "");
  const auto end = parseDate(request.period_end != nullptr ? request.period_end : "");
  if (start.has_value() && end.has_value() && !(end.value() < start.value())) {
    return Period{start.value(), end.value()};
  }
  throw plugin::Failure::fail(
      "STATS_PERIOD_INVALID",
      "点検の期間は初日と最終日を YYYY-MM-DD で、初日から順に指定してください。");
}

// Today in Japan (UTC+9, no daylight saving time), where the centres work.
CivilDate todayInJapan(std::int64_t unixMs) {
  constexpr std::int64_t kJstSeconds = 9 * 3600;
  std::int64_t seconds = unixMs / 1000 + kJstSeconds;
  std::int64_t days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
  return addDays(CivilDate{1970, 1, 1}, static_cast<int>(days));
}

}  // namespace

bool checksRequested(const tb_export_request& request) {
  return TB_HAS_FIELD(&request, tb_export_request, checks_only) && request.checks_only != 0;
}

void DataCheckExporter::run(const tb_export_request& request) {
  const std::string definitionsPath = host_.configString("definitions").value_or("");
  Definitions definitions;
  try {
    definitions = parseDefinitions(
        readText(definitionsPath, "STATS_DEFINITIONS_INVALID", "集計の定義ファイル"),
        definitionsPath);
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_DEFINITIONS_INVALID", e.what());
  }
  const std::string checksPath =
      (std::filesystem::path(definitionsPath).parent_path() / "checks.toml").string();
  CheckSet set;
  CentreDirectory directory;
  try {
    set =
        parseChecks(readText(checksPath, "STATS_CHECKS_INVALID", "点検の定義ファイル"), checksPath);
    // The instance's own centres file (its `centres` key), as the statistics use.
    const std::string centresPath = host_.configString("centres").value_or("");
    directory = CentreDirectory::parse(
        readText(centresPath, "STATS_CHECKS_INVALID", "センターの一覧"), centresPath);
    // A wrong placeholder is the checks file's fault, found before any record is read.
    const Period any{CivilDate{}, CivilDate{}};
    expandPlaceholders(set.scope, any, definitions.ageBase);
    for (const auto& check : set.checks) {
      expandPlaceholders(check.when, any, definitions.ageBase);
    }
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_CHECKS_INVALID", e.what());
  }

  CheckRun checkRun;
  checkRun.period = periodOf(request);
  checkRun.ageBase = ageBaseDate(definitions, checkRun.period, todayInJapan(host_.nowUnixMs()));
  for (std::size_t i = 0; request.centres != nullptr && i < request.centre_count; ++i) {
    checkRun.centres.push_back(
        directory.nameOf(request.centres[i] != nullptr ? request.centres[i] : ""));
  }
  const auto checks = activeChecks(set, reliedOnFields(definitions));

  DataCheckResult result;
  try {
    result = runDataChecks(
        definitions, checks, set.scope, checkRun,
        [&](const std::string& query, const std::vector<std::string>& fields,
            const std::function<void(std::string_view)>& onRecord) {
          host_.mirrorQuery(definitions.app, query, fields, [&](std::string_view json) {
            onRecord(json);
            return true;
          });
        },
        [&](std::size_t done, std::size_t total) {
          if (!host_.progress(done, total, "check")) {
            throw plugin::Failure::retry("STATS_STOPPED", "中止の求めにより途中で止めました。");
          }
        });
  } catch (const plugin::Failure&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw plugin::Failure::fail("STATS_RECORD_UNREADABLE", e.what());
  }
  const auto files = buildCheckFiles(result, directory);
  for (const auto& [name, bytes] : files) {
    host_.writeFile(name, bytes);
  }
  host_.log(TB_LOG_INFO, "STATS_CHECK_WRITTEN",
            {{"checks", std::to_string(checks.size())},
             {"centres", std::to_string(result.centres.size())},
             {"findings", std::to_string(result.findingCount())}});
}

}  // namespace teichaku::stats
