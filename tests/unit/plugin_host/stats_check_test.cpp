// `stats --check` end to end over a real SQLite mirror: records stored encrypted as the sync
// stores them, the shipped national draft and checks (mappings/statistics/), the built
// exporter_stats_national.so, listings in --out, the summary read back as the daemon will,
// and every read in the hash-chained audit log (ids and field codes, never values).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/exit_codes.h"
#include "crypto/key_ring.h"
#include "mapping/mapping.h"
#include "plugin_host/stats_command.h"
#include "sync/record_conversion.h"
#include "sync/sync_engine.h"

namespace teichaku::plugin_host {
namespace {

namespace fs = std::filesystem;

const std::string kCanary = "カナリア次郎";
const std::string kHokkaido = "北海道地域生活定着支援センター（道央）";  // 01a
const std::string kTokyo = "東京都地域生活定着支援センター";             // 13
const std::string kOsaka = "大阪府地域生活定着支援センター";             // 27

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
  std::string number;
  std::string name;
  std::string centre;
  std::string request;
  std::string end;
  std::string status;
  std::string birth;
  std::string intellectual;
  std::string elderly;
};

// A cases record in GET records.json shape with every field the national draft relies on.
std::string caseJson(int id, const Case& c) {
  return "{" + field("$id", "__ID__", std::to_string(id)) + "," +
         field("$revision", "__REVISION__", "1") + "," +
         field("ケース番号", "SINGLE_LINE_TEXT", c.number) + "," +
         field("氏名", "SINGLE_LINE_TEXT", c.name) + "," +
         field("管理センター", "DROP_DOWN", c.centre) + "," +
         field("依頼区分", "DROP_DOWN", "特別調整") + "," + field("依頼日", "DATE", c.request) +
         "," + field("支援終了日", "DATE", c.end) + "," +
         field("現在の状況", "DROP_DOWN", c.status) + "," + field("生年月日", "DATE", c.birth) +
         "," + field("知的障害", "RADIO_BUTTON", c.intellectual) + "," +
         field("精神障害", "RADIO_BUTTON", "無") + "," + field("身体障害", "RADIO_BUTTON", "無") +
         "," + field("高齢", "SINGLE_LINE_TEXT", c.elderly) + "}";
}

class StatsCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("teichaku-check-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    crypto::KeyBytes key{};
    key.fill(9);
    crypto::KeyRing keys;
    keys.add(1, key);
    keys.setActive(1);
    store::StoreConfig storeConfig;
    storeConfig.url = "sqlite:" + (dir_ / "mirror.db").string();
    storeConfig.keys = keys;
    store_ = store::openStore(std::move(storeConfig));
    mapping_ = mapping::loadMapping("mappings/raito-plus.toml");
    store_->setMeta(sync::SyncEngine::formMetaKey("cases"), readFile("samples/apps/cases.json"));
    const mapping::AppMapping& cases = *mapping_.app("cases");
    // FY2024. E1 clean (01a). E2 closed two weeks before its request (canary name). E3 is 74
    // on its request date but not marked 高齢. E4 has no 知的障害 answer.
    const std::vector<Case> fixture = {
        {"E1", "試験 一郎", kHokkaido, "2024-05-01", "", "コーディネート", "1980-01-01", "無", ""},
        {"E2", kCanary, kTokyo, "2024-06-01", "2024-05-15", "支援終了", "1980-02-02", "無", ""},
        {"E3", "試験 三郎", kTokyo, "2024-05-01", "", "コーディネート", "1950-03-03", "無", ""},
        {"E4", "試験 四郎", kOsaka, "2024-05-01", "", "コーディネート", "1980-04-04", "", ""},
    };
    int id = 1;
    for (const auto& c : fixture) {
      rapidjson::Document doc;
      const std::string text = caseJson(id++, c);
      doc.Parse(text.c_str());
      store_->upsertRecord(sync::toRecordInput(cases, doc));
    }
    audit_ = std::make_unique<audit::AuditLog>(*store_, (dir_ / "audit.head").string());

    config_.file = (dir_ / "bridge.toml").string();
    config_.pluginDirectory = TEICHAKU_PLUGIN_DIR;
    config_.plugins["national"] = config::PluginInstance{"national", "stats_national", true};
    config_.document = toml::parse(
        "[plugins.national]\ntype = \"stats_national\"\n"
        "definitions = \"mappings/statistics/national.toml\"\n");
    options_.instance = "national";
    options_.fiscalYear = 2024;
    options_.check = true;
    options_.outDir = (dir_ / "out").string();
  }
  void TearDown() override {
    audit_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  int run(std::string& out, std::string& err) {
    std::ostringstream o;
    std::ostringstream e;
    int code = runStatsCommand(config_, *store_, mapping_, *audit_, options_, o, e);
    out = o.str();
    err = e.str();
    return code;
  }

  fs::path folder() const { return dir_ / "out" / "national"; }

  fs::path dir_;
  std::unique_ptr<store::MirrorStore> store_;
  mapping::Mapping mapping_;
  std::unique_ptr<audit::AuditLog> audit_;
  config::Config config_;
  StatsCommandOptions options_;
};

const std::string kBom = "\xEF\xBB\xBF";

TEST_F(StatsCheckTest, ListsEachCentreFromTheEncryptedMirror) {
  std::string out;
  std::string err;
  ASSERT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;  // a listing is no failure
  EXPECT_EQ(readFile(folder() / "データ点検_13.csv"),
            kBom +
                "ケース番号,点検項目,項目名\r\n"
                "E2,支援終了日が依頼日より前,依頼日、支援終了日\r\n"
                "E3,依頼日に65歳以上なのに高齢の印がない,生年月日、高齢、依頼日\r\n");
  EXPECT_EQ(readFile(folder() / "データ点検_27.csv"),
            kBom +
                "ケース番号,点検項目,項目名\r\n"
                "E4,知的障害（有・無・疑い）が未選択,知的障害\r\n");
  EXPECT_EQ(readFile(folder() / "データ点検_01a.csv"), kBom + "ケース番号,点検項目,項目名\r\n");
  EXPECT_NE(out.find("（指摘 3 件）"), std::string::npos) << out;

  // What the daemon reads for its weekly notices: per centre, in code order.
  std::string error;
  const auto listings = readDataCheckSummary(folder().string(), error);
  ASSERT_TRUE(listings) << error;
  ASSERT_EQ(listings->size(), 3u);
  EXPECT_EQ((*listings)[0].centreCode, "01a");
  EXPECT_EQ((*listings)[0].findings, 0u);
  EXPECT_EQ((*listings)[1].centreCode, "13");
  EXPECT_EQ((*listings)[1].centreName, kTokyo);
  EXPECT_EQ((*listings)[1].casesChecked, 2u);
  EXPECT_EQ((*listings)[1].findings, 2u);
  EXPECT_EQ((*listings)[1].path, (folder() / "データ点検_13.csv").string());
  EXPECT_EQ((*listings)[2].centreCode, "27");
  EXPECT_EQ((*listings)[2].findings, 1u);
}

TEST_F(StatsCheckTest, NoValueInAnyFileOrTheAuditLog) {
  std::string out;
  std::string err;
  ASSERT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;
  for (const auto& entry : fs::directory_iterator(folder())) {
    const std::string bytes = readFile(entry.path());
    EXPECT_EQ(bytes.find(kCanary), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("試験"), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("1950-03-03"), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("2024-05-15"), std::string::npos) << entry.path();
  }
  EXPECT_EQ((out + err).find(kCanary), std::string::npos);
  ASSERT_TRUE(audit_->verify().ok());
  int reads = 0;
  store_->forEachAuditRow([&](const store::AuditRow& row) {
    const std::string all = row.actor + row.action + row.app + row.detail + row.fieldCodes;
    EXPECT_EQ(all.find(kCanary), std::string::npos);
    EXPECT_EQ(all.find("1950-03-03"), std::string::npos);
    if (row.action == "plugin.read") {
      ++reads;
    }
  });
  // The scope, then the 12 checks that read a field the national draft relies on.
  EXPECT_EQ(reads, 13);
}

TEST_F(StatsCheckTest, FailOnFindingsAsksForAPerson) {
  std::string out;
  std::string err;
  options_.failOnFindings = true;
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kNeedsOperator)) << err;
  // Only centre 01a (given by its code), whose case is clean: nothing listed, exit 0.
  options_.centres = {"01a"};
  fs::remove_all(folder());
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;
  std::string error;
  const auto listings = readDataCheckSummary(folder().string(), error);
  ASSERT_TRUE(listings) << error;
  ASSERT_EQ(listings->size(), 1u);
  EXPECT_EQ((*listings)[0].centreName, kHokkaido);
  EXPECT_FALSE(fs::exists(folder() / "データ点検_13.csv"));
}

TEST_F(StatsCheckTest, WithoutAPeriodChecksEveryCase) {
  std::string out;
  std::string err;
  options_.fiscalYear.reset();
  ASSERT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;
  EXPECT_NE(out.find("（指摘 3 件）"), std::string::npos) << out;
}

TEST_F(StatsCheckTest, RefusesOptionsThatDoNotGoWithCheck) {
  std::string out;
  std::string err;
  options_.formats = {"xlsx"};
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  options_.formats.clear();
  options_.check = false;
  options_.failOnFindings = true;
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  options_.check = true;
  options_.fiscalYear.reset();
  options_.from = "2024-04-01";  // --from without --to
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  int rows = 0;
  store_->forEachAuditRow([&](const store::AuditRow&) { ++rows; });
  EXPECT_EQ(rows, 0);
  std::string error;
  EXPECT_FALSE(readDataCheckSummary(folder().string(), error));
  EXPECT_NE(error.find("データ点検の一覧がありません"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::plugin_host
