#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "mapping/mapping.h"

namespace teichaku::kintone {
class KintoneClient;
}

// Stores one scheduled run in the report archive app ("reports", 月次報告): one record per
// centre + 様式 + 対象月, created the first time and updated by a re-run, with the run's
// files in 生成ファイル. The field codes come from the mapping's [apps.reports].
namespace teichaku::daemon {

struct ReportArchiveRequest {
  std::string centreName;        // 報告センター (DROP_DOWN option = the centre's name)
  std::string organizationCode;  // 閲覧組織: who may open the record ("teichaku-13")
  std::string formatId;          // 様式: the plugin instance, or "データ点検"
  std::string month;  // 対象月: YYYY-MM (SINGLE_LINE_TEXT in samples/apps/reports.json)
  std::vector<std::string> files;  // paths; each is uploaded under its own file name
  std::int64_t nowMs = 0;          // 生成日時
};

// Which step failed, for the per-centre log message.
enum class ArchiveStep { kNone, kMapping, kReadFile, kUpload, kFind, kWrite };
const char* toString(ArchiveStep step);

struct ArchivedReport {
  Outcome outcome = Outcome::ok();
  ArchiveStep failedStep = ArchiveStep::kNone;
  std::string recordId;  // the reports record, when ok
  bool created = false;  // false: an existing record was updated
};

// The option of 報告状態 set after a successful run (samples/apps/reports.json).
inline constexpr const char* kGeneratedState = "生成済";

ArchivedReport archiveReport(kintone::KintoneClient& kintone, const mapping::Mapping& mapping,
                             const std::string& reportsAppId, const ReportArchiveRequest& request);

// kintone's DATETIME write form, UTC with a literal Z (kintone-api.md §1.5, §4).
std::string kintoneDateTime(std::int64_t unixMs);

// A query string literal: `"` and `\` backslash-escaped (kintone-api.md §5.1 "Escaping").
std::string queryLiteral(const std::string& value);

}  // namespace teichaku::daemon
