// `stats` end to end over a real SQLite mirror: records stored encrypted as the sync stores
// them, the shipped national draft, the built exporter_stats_national.so, files in --out and
// every read in the hash-chained audit log (ids and field codes, never values).
#include "plugin_host/stats_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/exit_codes.h"
#include "crypto/key_ring.h"
#include "mapping/mapping.h"
#include "sync/record_conversion.h"
#include "sync/sync_engine.h"

namespace teichaku::plugin_host {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string field(const std::string& code, const char* type, const std::string& value) {
  return "\"" + code + "\":{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
}

// A cases record in GET records.json shape with the fields the national draft uses.
std::string caseJson(int id, const std::string& number, const std::string& request,
                     const std::string& end, const std::string& birth) {
  return "{" + field("$id", "__ID__", std::to_string(id)) + "," +
         field("$revision", "__REVISION__", "1") + "," +
         field("ケース番号", "SINGLE_LINE_TEXT", number) + "," +
         field("氏名", "SINGLE_LINE_TEXT", "試験 太郎") + "," +
         field("管理センター", "DROP_DOWN", "東京都地域生活定着支援センター") + "," +
         field("依頼区分", "DROP_DOWN", "特別調整") + "," + field("依頼日", "DATE", request) + "," +
         field("支援終了日", "DATE", end) + "," + field("生年月日", "DATE", birth) + "," +
         field("知的障害", "RADIO_BUTTON", "無") + "," + field("精神障害", "RADIO_BUTTON", "無") +
         "," + field("身体障害", "RADIO_BUTTON", "有") + "}";
}

class StatsCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("teichaku-stats-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    crypto::KeyBytes key{};
    key.fill(7);
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
    // FY2024: K1 new (65 on 2025-03-31: born 1960-04-01, domain.md §4.3), K2 carried over
    // and closed on 2024-04-01, K3 closed before the year (not counted).
    const std::vector<std::string> records = {
        caseJson(1, "K1", "2024-04-01", "", "1960-04-01"),
        caseJson(2, "K2", "2023-05-01", "2024-04-01", "1970-01-01"),
        caseJson(3, "K3", "2023-05-01", "2024-03-31", "1950-01-01"),
    };
    for (const auto& text : records) {
      rapidjson::Document doc;
      doc.Parse(text.c_str());
      store_->upsertRecord(sync::toRecordInput(cases, doc));
    }
    audit_ = std::make_unique<audit::AuditLog>(*store_, (dir_ / "audit.head").string());

    config_.file = (dir_ / "bridge.toml").string();
    config_.pluginDirectory = TEICHAKU_PLUGIN_DIR;
    config_.plugins["national"] =
        config::PluginInstance{"national", "stats_national", true};
    config_.document = toml::parse(
        "[plugins.national]\ntype = \"stats_national\"\n"
        "definitions = \"mappings/statistics/national.toml\"\n");
    options_.instance = "national";
    options_.fiscalYear = 2024;
    options_.formats = {"csv"};
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

  fs::path dir_;
  std::unique_ptr<store::MirrorStore> store_;
  mapping::Mapping mapping_;
  std::unique_ptr<audit::AuditLog> audit_;
  config::Config config_;
  StatsCommandOptions options_;
};

TEST_F(StatsCommandTest, WritesTheFiscalYearStatisticsFromTheEncryptedMirror) {
  std::string out;
  std::string err;
  ASSERT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;
  const std::string csv = readFile(dir_ / "out" / "national" / "stats_national.csv");
  EXPECT_NE(csv.find("対象期間,令和6年度\r\n"), std::string::npos) << csv;
  // 合計: 新規 K1, 継続 K2, 終結 K2, 支援 K1 K2 (2 persons, 2 episodes).
  EXPECT_NE(csv.find("全センター,合計,1,1,1,2,2\r\n"), std::string::npos) << csv;
  // 高齢: K1 only (born 1960-04-01 is 65 on 2025-03-31); K3 is outside the year.
  EXPECT_NE(csv.find("全センター,高齢（65歳以上）,1,0,0,1,1\r\n"), std::string::npos) << csv;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "national" / "stats_national_根拠.csv"));
}

TEST_F(StatsCommandTest, AuditsReadsByIdsAndFieldCodesWithoutValues) {
  std::string out;
  std::string err;
  ASSERT_EQ(run(out, err), static_cast<int>(ExitCode::kOk)) << err;
  ASSERT_TRUE(audit_->verify().ok());
  int reads = 0;
  int writes = 0;
  store_->forEachAuditRow([&](const store::AuditRow& row) {
    const std::string all = row.actor + row.action + row.app + row.detail + row.fieldCodes;
    EXPECT_EQ(all.find("試験"), std::string::npos) << "no name in the audit log";
    EXPECT_EQ(all.find("1960-04-01"), std::string::npos) << "no birth date in the audit log";
    EXPECT_EQ(row.actor, "plugin:national");
    if (row.action == "plugin.read") {
      ++reads;
      EXPECT_EQ(row.app, "cases");
      EXPECT_NE(row.fieldCodes.find("ケース番号"), std::string::npos);
      // K1 (id 1) and K2 (id 2) match cells of FY2024; K3 (closed before it) matches none.
      EXPECT_EQ(row.recordIds, "1,2");
    } else if (row.action == "plugin.write_file") {
      ++writes;
    }
  });
  EXPECT_EQ(reads, 1);  // all 40 cells (8 rows × 5 columns) in one mirror_query_many pass
  EXPECT_EQ(writes, 2);  // counts and evidence CSV
}

TEST_F(StatsCommandTest, RefusesBadOptionsBeforeReading) {
  std::string out;
  std::string err;
  options_.from = "2024-04-01";
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  options_.fiscalYear.reset();
  options_.to = "2024-13";
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  options_.to = "2024-06-30";
  options_.instance = "nope";
  EXPECT_EQ(run(out, err), static_cast<int>(ExitCode::kConfigError));
  EXPECT_NE(err.find("nope"), std::string::npos);
  int rows = 0;
  store_->forEachAuditRow([&](const store::AuditRow&) { ++rows; });
  EXPECT_EQ(rows, 0);
}

}  // namespace
}  // namespace teichaku::plugin_host
