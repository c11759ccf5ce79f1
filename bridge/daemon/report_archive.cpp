#include "daemon/report_archive.h"

#include <rapidjson/document.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "kintone/kintone_client.h"

namespace teichaku::daemon {
namespace {

struct ReportCodes {
  std::string centre, organizations, month, formatId, file, state, generatedAt;
};

std::optional<ReportCodes> reportCodes(const mapping::Mapping& mapping) {
  const mapping::AppMapping* app = mapping.app("reports");
  if (app == nullptr) {
    return std::nullopt;
  }
  ReportCodes codes;
  const std::pair<const char*, std::string*> names[] = {
      {"centre", &codes.centre},
      {"access_organizations", &codes.organizations},
      {"month", &codes.month},
      {"format_id", &codes.formatId},
      {"file", &codes.file},
      {"state", &codes.state},
      {"generated_at", &codes.generatedAt}};
  for (const auto& [name, code] : names) {
    const mapping::FieldMapping* field = app->byName(name);
    if (field == nullptr) {
      return std::nullopt;
    }
    *code = field->code;
  }
  return codes;
}

// kintone takes the file's MIME type from the upload; the two formats the statistics
// plugins write, anything else as bytes.
std::string contentTypeOf(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".csv") {
    return "text/csv";
  }
  if (ext == ".xlsx") {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "application/octet-stream";
}

std::optional<std::string> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

ArchivedReport failed(ArchiveStep step, Outcome outcome) {
  ArchivedReport report;
  report.outcome = std::move(outcome);
  report.failedStep = step;
  return report;
}

void addValue(rapidjson::Value& record, const std::string& code, rapidjson::Value value,
              rapidjson::Document::AllocatorType& a) {
  rapidjson::Value field(rapidjson::kObjectType);
  field.AddMember("value", value, a);
  record.AddMember(rapidjson::Value(code.c_str(), a), field, a);
}

rapidjson::Value text(const std::string& value, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), a);
}

}  // namespace

const char* toString(ArchiveStep step) {
  switch (step) {
    case ArchiveStep::kNone:
      return "none";
    case ArchiveStep::kMapping:
      return "mapping";
    case ArchiveStep::kReadFile:
      return "read_file";
    case ArchiveStep::kUpload:
      return "upload";
    case ArchiveStep::kFind:
      return "find_record";
    case ArchiveStep::kWrite:
      return "write_record";
  }
  return "";
}

std::string kintoneDateTime(std::int64_t unixMs) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string queryLiteral(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

ArchivedReport archiveReport(kintone::KintoneClient& kintone, const mapping::Mapping& mapping,
                             const std::string& reportsAppId, const ReportArchiveRequest& request) {
  const auto codes = reportCodes(mapping);
  if (!codes || reportsAppId.empty()) {
    return failed(
        ArchiveStep::kMapping,
        Outcome::fail("DAEMON_ARCHIVE_NOT_CONFIGURED",
                      "月次報告アプリ（reports）が設定またはデータマッピングにありません。"));
  }

  // Uploads first: a record is only written once every file is in kintone. An upload key
  // nobody attaches expires in kintone after 3 days (kintone-api.md §3.2).
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  rapidjson::Value files(rapidjson::kArrayType);
  for (const auto& path : request.files) {
    auto bytes = readBytes(path);
    if (!bytes) {
      return failed(ArchiveStep::kReadFile, Outcome::fail("DAEMON_ARCHIVE_FILE_UNREADABLE",
                                                          "出力されたファイルを読めません。"));
    }
    kintone::MultipartFile file;
    file.fileName = std::filesystem::path(path).filename().string();
    file.contentType = contentTypeOf(path);
    file.data = std::move(*bytes);
    auto uploaded = kintone.uploadFile(reportsAppId, std::move(file));
    if (!uploaded.outcome.isOk()) {
      return failed(ArchiveStep::kUpload, uploaded.outcome);
    }
    if (!uploaded.json.IsObject() || !uploaded.json.HasMember("fileKey") ||
        !uploaded.json["fileKey"].IsString()) {
      return failed(ArchiveStep::kUpload, Outcome::fail("KINTONE_BAD_RESPONSE",
                                                        "ファイルの登録に対する応答が不正です。"));
    }
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("fileKey", rapidjson::Value(uploaded.json["fileKey"], a), a);
    files.PushBack(entry, a);
  }

  // 報告センター is a DROP_DOWN (operator `in`), 様式 and 対象月 are SINGLE_LINE_TEXT (`=`)
  // (kintone-api.md §5.2).
  const std::string query = codes->centre + " in (" + queryLiteral(request.centreName) + ") and " +
                            codes->formatId + " = " + queryLiteral(request.formatId) + " and " +
                            codes->month + " = " + queryLiteral(request.month) +
                            " order by $id asc limit 1";
  auto found = kintone.getRecords(reportsAppId, query, {"$id"});
  if (!found.outcome.isOk()) {
    return failed(ArchiveStep::kFind, found.outcome);
  }
  std::string existingId;
  if (found.json.IsObject() && found.json.HasMember("records") && found.json["records"].IsArray() &&
      !found.json["records"].Empty()) {
    const rapidjson::Value& first = found.json["records"][0];
    if (first.HasMember("$id") && first["$id"].HasMember("value") &&
        first["$id"]["value"].IsString()) {
      existingId = first["$id"]["value"].GetString();
    }
  }

  rapidjson::Value record(rapidjson::kObjectType);
  addValue(record, codes->centre, text(request.centreName, a), a);
  rapidjson::Value organizations(rapidjson::kArrayType);
  rapidjson::Value organization(rapidjson::kObjectType);
  organization.AddMember("code", text(request.organizationCode, a), a);
  organizations.PushBack(organization, a);
  addValue(record, codes->organizations, std::move(organizations), a);
  addValue(record, codes->month, text(request.month, a), a);
  addValue(record, codes->formatId, text(request.formatId, a), a);
  addValue(record, codes->file, std::move(files), a);
  addValue(record, codes->state, text(kGeneratedState, a), a);
  addValue(record, codes->generatedAt, text(kintoneDateTime(request.nowMs), a), a);

  ArchivedReport report;
  rapidjson::Value items(rapidjson::kArrayType);
  if (existingId.empty()) {
    items.PushBack(record, a);
    auto added = kintone.addRecords(reportsAppId, items);
    if (!added.outcome.isOk() || added.ids.empty()) {
      return failed(ArchiveStep::kWrite, added.outcome);
    }
    report.recordId = added.ids.front();
    report.created = true;
  } else {
    // Replacing 生成ファイル replaces the files of the earlier run (kintone-api.md §4 FILE).
    rapidjson::Value update(rapidjson::kObjectType);
    update.AddMember("id", text(existingId, a), a);
    update.AddMember("record", record, a);
    items.PushBack(update, a);
    auto updated = kintone.updateRecords(reportsAppId, items);
    if (!updated.outcome.isOk()) {
      return failed(ArchiveStep::kWrite, updated.outcome);
    }
    report.recordId = existingId;
  }
  return report;
}

}  // namespace teichaku::daemon
