// Issue #6 end to end against the in-process emulator: a [[schedule.jobs]] entry with
// archive = true or check = true over a seeded, encrypted mirror, with the real statistics
// plugin (exporter_stats_national), the kintone reports app (id 6), the cybozu.com directory
// (東京 13: tk13-01, tk13-02; 神奈川 14: tk14-01..03) and the Garoon notification API.
// Expected values (keys, names, counts, dates) are written out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "audit/audit_log.h"
#include "common/exit_codes.h"
#include "daemon/plugin_job.h"
#include "store/mirror_store.h"
#include "sync/record_conversion.h"
#include "sync/sync_engine.h"
#include "unit/rules/rules_harness.h"

namespace teichaku::daemon {
namespace {

namespace fs = std::filesystem;
using rules::testing::kCanary;
using rules::testing::kKanagawa;
using rules::testing::kOsaka;
using rules::testing::kTokyo;

constexpr const char* kReportsApp = "6";  // rules_harness.h kAppIds
// 2025-06-10 01:30 UTC (10:30 JST): previous_fiscal_year = 2024-04-01 … 2025-03-31.
constexpr std::int64_t kNowMs = 1'749'519'000'000;
constexpr const char* kPeriod = "2024-04-01_2025-03-31";
constexpr const char* kMonth = "2024-04";  // 対象月 = the period's first month
constexpr const char* kGeneratedAt = "2025-06-10T01:30:00Z";  // 生成日時, kintone's UTC form

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string field(const std::string& code, const char* type, const std::string& value) {
  return "\"" + code + "\":{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
}

struct Case {
  std::string number, name, centre, request, end, status, birth;
};

// A cases record in GET records.json shape with the fields the national draft reads.
std::string caseJson(int id, const Case& c) {
  return "{" + field("$id", "__ID__", std::to_string(id)) + "," +
         field("$revision", "__REVISION__", "1") + "," +
         field("ケース番号", "SINGLE_LINE_TEXT", c.number) + "," +
         field("氏名", "SINGLE_LINE_TEXT", c.name) + "," +
         field("管理センター", "DROP_DOWN", c.centre) + "," +
         field("依頼区分", "DROP_DOWN", "特別調整") + "," + field("依頼日", "DATE", c.request) +
         "," + field("支援終了日", "DATE", c.end) + "," +
         field("現在の状況", "DROP_DOWN", c.status) + "," + field("生年月日", "DATE", c.birth) +
         "," + field("知的障害", "RADIO_BUTTON", "無") + "," +
         field("精神障害", "RADIO_BUTTON", "無") + "," + field("身体障害", "RADIO_BUTTON", "無") +
         "," + field("高齢", "SINGLE_LINE_TEXT", "") + "}";
}

struct Attached {
  std::string name;
  std::string bytes;
};

struct ReportRecord {
  std::string id, centre, format, month, state, organizations, generatedAt;
  std::vector<Attached> files;
};

class ArchiveJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mapping_ = mapping::loadMapping("mappings/raito-plus.toml");
    store::MirrorStore& store = h_.store();
    store.setMeta(sync::SyncEngine::formMetaKey("cases"), readFile("samples/apps/cases.json"));
    // FY2024. 東京: T1 clean (the canary's name), T2 closed before its request, T3 74 on its
    // request date without the 高齢 mark (two findings, docs/data-checks.md). 神奈川: K1 clean.
    const std::vector<Case> fixture = {
        {"T1", kCanary, kTokyo, "2024-05-01", "", "コーディネート", "1980-01-01"},
        {"T2", "試験 二郎", kTokyo, "2024-06-01", "2024-05-15", "支援終了", "1980-02-02"},
        {"T3", "試験 三郎", kTokyo, "2024-05-01", "", "コーディネート", "1950-03-03"},
        {"K1", "試験 四郎", kKanagawa, "2024-07-01", "", "コーディネート", "1981-04-04"},
    };
    int id = 1;
    for (const auto& c : fixture) {
      rapidjson::Document doc;
      const std::string text = caseJson(id++, c);
      doc.Parse(text.c_str());
      store.upsertRecord(sync::toRecordInput(*mapping_.app("cases"), doc));
    }
    config_.file = (dir_.path() / "bridge.toml").string();
    config_.pluginDirectory = TEICHAKU_PLUGIN_DIR;
    config_.store.auditHeadFile = (dir_.path() / "audit.head").string();
    config_.plugins["national"] = config::PluginInstance{"national", "stats_national", true};
    config_.document = toml::parse(
        "[plugins.national]\ntype = \"stats_national\"\n"
        "definitions = \"mappings/statistics/national.toml\"\n");
    job_.plugin = "national";
    job_.period = "previous_fiscal_year";
    job_.outDir = (dir_.path() / "out").string();
    services_.kintone = &h_.kintone();
    services_.directory = &h_.engine().services().directory;
    services_.guard = &h_.guard();
    services_.reportsAppId = kReportsApp;
  }

  int run() { return runPluginJob(config_, mapping_, job_, kNowMs, h_.store(), services_); }

  fs::path periodFolder() const { return fs::path(job_.outDir) / kPeriod; }

  std::vector<ReportRecord> reports() {
    auto result = h_.kintone().getRecords(kReportsApp, "order by $id asc", {});
    EXPECT_TRUE(result.outcome.isOk()) << result.outcome.message();
    std::vector<ReportRecord> out;
    for (const auto& r : result.json["records"].GetArray()) {
      ReportRecord record;
      record.id = r["$id"]["value"].GetString();
      record.centre = r["報告センター"]["value"].GetString();
      record.format = r["様式"]["value"].GetString();
      record.month = r["対象月"]["value"].GetString();
      record.state = r["報告状態"]["value"].GetString();
      record.generatedAt = r["生成日時"]["value"].GetString();
      record.organizations = rules::testing::entityField(r, "閲覧組織");
      for (const auto& f : r["生成ファイル"]["value"].GetArray()) {
        auto bytes = h_.kintone().downloadFile(kReportsApp, f["fileKey"].GetString());
        EXPECT_TRUE(bytes.outcome.isOk());
        record.files.push_back({f["name"].GetString(), bytes.bytes});
      }
      out.push_back(std::move(record));
    }
    return out;
  }

  // The files on disk of one folder, by name.
  static std::vector<Attached> filesOnDisk(const fs::path& folder) {
    std::vector<Attached> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
      files.push_back({entry.path().filename().string(), readFile(entry.path())});
    }
    std::sort(files.begin(), files.end(),
              [](const Attached& a, const Attached& b) { return a.name < b.name; });
    return files;
  }

  std::set<std::string> outboxKeys() {
    std::set<std::string> keys;
    for (const auto& item : h_.store().listOutbox(std::nullopt, 1000)) {
      keys.insert(item.key);
    }
    return keys;
  }

  rules::testing::RulesHarness h_;
  teichaku::testing::TempDir dir_;
  mapping::Mapping mapping_;
  config::Config config_;
  config::PluginJob job_;
  ArchiveServices services_;
};

void expectSameFiles(const std::vector<Attached>& attached, const std::vector<Attached>& disk) {
  ASSERT_EQ(attached.size(), disk.size());
  for (std::size_t i = 0; i < disk.size(); ++i) {
    EXPECT_EQ(attached[i].name, disk[i].name);
    EXPECT_TRUE(attached[i].bytes == disk[i].bytes) << disk[i].name;
  }
}

TEST_F(ArchiveJobTest, EachCentreGetsOneReportsRecordWithItsFilesAndItsStaffANotice) {
  job_.formats = {"csv"};
  job_.centres = {kTokyo, "14"};  // by name and by code
  job_.archive = true;
  ASSERT_EQ(run(), toInt(ExitCode::kOk));

  const auto first = reports();
  ASSERT_EQ(first.size(), 2u);
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {kTokyo, {"13", "teichaku-13"}}, {kKanagawa, {"14", "teichaku-14"}}};
  for (const auto& record : first) {
    ASSERT_EQ(expected.count(record.centre), 1u) << record.centre;
    const auto& [code, organization] = expected.at(record.centre);
    EXPECT_EQ(record.format, "national");
    EXPECT_EQ(record.month, kMonth);
    EXPECT_EQ(record.state, "生成済");
    EXPECT_EQ(record.organizations, organization);
    EXPECT_EQ(record.generatedAt, kGeneratedAt);
    const auto disk = filesOnDisk(periodFolder() / code / "national");
    EXPECT_FALSE(disk.empty());
    expectSameFiles(record.files, disk);
  }

  // One notice per staff member: outboxKey(archive, instance, period, centre code, user).
  const std::set<std::string> keys = {
      "archive:national:2024-04-01_2025-03-31:13:tk13-01",
      "archive:national:2024-04-01_2025-03-31:13:tk13-02",
      "archive:national:2024-04-01_2025-03-31:14:tk14-01",
      "archive:national:2024-04-01_2025-03-31:14:tk14-02",
      "archive:national:2024-04-01_2025-03-31:14:tk14-03",
  };
  EXPECT_EQ(outboxKeys(), keys);

  // The same period again: the records are updated, nothing is queued twice.
  ASSERT_EQ(run(), toInt(ExitCode::kOk));
  const auto second = reports();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, first[0].id);
  EXPECT_EQ(second[1].id, first[1].id);
  for (const auto& record : second) {
    expectSameFiles(record.files,
                    filesOnDisk(periodFolder() / expected.at(record.centre).first / "national"));
  }
  EXPECT_EQ(outboxKeys(), keys);

  EXPECT_EQ(h_.deliverAll(), 5u);
  const auto notices = h_.garoonNotices();
  ASSERT_EQ(notices.size(), 5u);
  std::set<std::string> delivered;
  for (const auto& notice : notices) {
    delivered.insert(notice.notificationKey);
    ASSERT_EQ(notice.destinationCodes.size(), 1u);
    EXPECT_NE(notice.notificationKey.find(notice.destinationCodes[0]), std::string::npos);
    EXPECT_EQ(notice.body.find(kCanary), std::string::npos);
    EXPECT_EQ(notice.body.find("試験"), std::string::npos);
    EXPECT_EQ(notice.body.find("1950-03-03"), std::string::npos);
    const bool tokyo = notice.notificationKey.find(":13:") != std::string::npos;
    const ReportRecord& record =
        first[first[0].centre == kTokyo ? (tokyo ? 0 : 1) : (tokyo ? 1 : 0)];
    EXPECT_NE(notice.body.find("https://example.cybozu.com/k/6/show#record=" + record.id),
              std::string::npos)
        << notice.body;
    EXPECT_NE(notice.body.find(std::string("【統計を作成しました】 ") + record.centre),
              std::string::npos)
        << notice.body;
  }
  EXPECT_EQ(delivered, keys);
}

TEST_F(ArchiveJobTest, DataCheckArchivesAndNotifiesOnlyCentresWithFindings) {
  job_.centres = {"*"};
  job_.check = true;
  ASSERT_EQ(run(), toInt(ExitCode::kOk));

  // Counted here from the centre's listing: its data rows (after the header line).
  const std::string listing = readFile(periodFolder() / "national" / "データ点検_13.csv");
  std::size_t rows = 0;
  std::istringstream lines(listing);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    rows += (line.empty() || line == "\r") ? 0 : 1;
  }
  EXPECT_EQ(rows, 2u);  // T2 and T3

  const auto records = reports();
  ASSERT_EQ(records.size(), 1u);  // 神奈川 has no finding: nothing stored, nobody told
  EXPECT_EQ(records[0].centre, kTokyo);
  EXPECT_EQ(records[0].format, "データ点検");
  EXPECT_EQ(records[0].month, kMonth);
  EXPECT_EQ(records[0].organizations, "teichaku-13");
  ASSERT_EQ(records[0].files.size(), 1u);
  EXPECT_EQ(records[0].files[0].name, "データ点検_13.csv");
  EXPECT_TRUE(records[0].files[0].bytes == listing);

  EXPECT_EQ(outboxKeys(), (std::set<std::string>{
                              "datacheck:national:2024-04-01_2025-03-31:13:tk13-01",
                              "datacheck:national:2024-04-01_2025-03-31:13:tk13-02",
                          }));
  EXPECT_EQ(h_.deliverAll(), 2u);
  const auto notices = h_.garoonNotices();
  ASSERT_EQ(notices.size(), 2u);
  for (const auto& notice : notices) {
    EXPECT_NE(notice.body.find(std::string("【データ点検】 ") + kTokyo), std::string::npos);
    EXPECT_NE(notice.body.find("要確認 " + std::to_string(rows) + "件"), std::string::npos)
        << notice.body;
    EXPECT_NE(notice.body.find("https://example.cybozu.com/k/6/show#record=" + records[0].id),
              std::string::npos);
    EXPECT_EQ(notice.body.find("T2"), std::string::npos);  // no case listed in Garoon
    EXPECT_EQ(notice.body.find(kCanary), std::string::npos);
  }
}

TEST_F(ArchiveJobTest, ACentreThatFailsDoesNotStopTheOthersAndFailsTheJob) {
  job_.formats = {"csv"};
  job_.centres = {kOsaka, kTokyo};  // 大阪 is not in the harness's directory
  job_.archive = true;
  EXPECT_EQ(run(), toInt(ExitCode::kRuntimeFailure));
  const auto records = reports();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].centre, kTokyo);
  EXPECT_EQ(outboxKeys().size(), 2u);
}

TEST_F(ArchiveJobTest, WithoutTheReportsAppNothingIsRunForTheCentres) {
  job_.formats = {"csv"};
  job_.centres = {kTokyo};
  job_.archive = true;
  services_.reportsAppId.clear();
  EXPECT_EQ(run(), toInt(ExitCode::kRuntimeFailure));
  EXPECT_FALSE(fs::exists(periodFolder() / "13"));
  EXPECT_TRUE(reports().empty());
  EXPECT_TRUE(outboxKeys().empty());
}

}  // namespace
}  // namespace teichaku::daemon
