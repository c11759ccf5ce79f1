#include "sync/run_query.h"

#include <gtest/gtest.h>

#include <sstream>

#include "sync/sync_command.h"
#include "sync_harness.h"

// The offline query: field codes and values in Japanese, answered from the mirror only.
namespace teichaku::sync::testing {
namespace {

constexpr std::int64_t kNow = 1775001600;  // 2026-04-01T00:00:00Z

class RunQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new SyncHarness(40, false);
    auto engine = harness_->engine();
    ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
    source_ = new auto(harness_->source("cases"));
  }
  static void TearDownTestSuite() {
    delete source_;
    delete harness_;
  }
  static SyncHarness* harness_;
  static std::map<std::int64_t, std::shared_ptr<rapidjson::Document>>* source_;
};

SyncHarness* RunQueryTest::harness_ = nullptr;
std::map<std::int64_t, std::shared_ptr<rapidjson::Document>>* RunQueryTest::source_ = nullptr;

std::string text(const rapidjson::Document& record, const char* code) {
  return record[code]["value"].IsString() ? record[code]["value"].GetString() : "";
}

TEST_F(RunQueryTest, JapaneseCodesAndValuesSelectTheSameRecordsAsAFilterByHand) {
  const std::string status = text(*source_->begin()->second, "現在の状況");
  std::vector<std::int64_t> expected;  // $id descending: kintone's default order
  for (auto it = source_->rbegin(); it != source_->rend(); ++it) {
    if (text(*it->second, "現在の状況") == status && text(*it->second, "依頼日") >= "2023-04-01") {
      expected.push_back(it->first);
    }
  }
  ASSERT_FALSE(expected.empty());
  std::ostringstream out;
  QueryResult r = runQuery(harness_->store(), harness_->mapping(), "cases",
                           "現在の状況 in (\"" + status + "\") and 依頼日 >= \"2023-04-01\"",
                           QueryFormat::kJson, out, kNow);
  ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
  EXPECT_EQ(r.recordIds, expected);
  rapidjson::Document json;
  json.Parse(out.str().c_str());
  ASSERT_TRUE(json.IsArray());
  ASSERT_EQ(json.Size(), expected.size());
  EXPECT_EQ(std::string(json[0]["氏名"]["value"].GetString()),
            text(*source_->at(expected[0]), "氏名"));
}

TEST_F(RunQueryTest, CsvHasHeaderOrderAndLimit) {
  std::ostringstream out;
  QueryResult r = runQuery(harness_->store(), harness_->mapping(), "cases",
                           "order by $id asc limit 3 offset 1", QueryFormat::kCsv, out, kNow);
  ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
  EXPECT_EQ(r.recordIds, (std::vector<std::int64_t>{2, 3, 4}));
  const std::string csv = out.str();
  EXPECT_EQ(csv.rfind("$id,$revision,ケース番号,管理センター,", 0), 0u) << csv.substr(0, 80);
  std::size_t lines = 0;
  for (std::size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2)) {
    ++lines;
  }
  EXPECT_EQ(lines, 4u);
  EXPECT_NE(csv.find("\r\n3,"), std::string::npos);
}

TEST_F(RunQueryTest, UnmappedOrUnknownFieldsAndBadFormatsAreRefused) {
  std::ostringstream out;
  // 作成者 exists in the form but is not mapped: the mirror does not keep it.
  QueryResult r = runQuery(harness_->store(), harness_->mapping(), "cases",
                           "作成者 in (LOGINUSER())", QueryFormat::kTable, out, kNow);
  EXPECT_EQ(r.outcome.messageId(), "SYNC_QUERY_INVALID");
  EXPECT_EQ(out.str(), "");

  std::ostringstream cmdOut, cmdErr;
  EXPECT_EQ(runQueryCommand(harness_->store(), harness_->mapping(), {"cases", "xml", "$id > 0"},
                            cmdOut, cmdErr),
            ExitCode::kConfigError);
  EXPECT_EQ(runQueryCommand(harness_->store(), harness_->mapping(), {"tasks", "table", "$id > 0"},
                            cmdOut, cmdErr),
            ExitCode::kConfigError)
      << "tasks was never synced: no schema";
  EXPECT_NE(cmdErr.str().find("sync"), std::string::npos);
}

TEST_F(RunQueryTest, TableFormatCountsRows) {
  std::ostringstream out;
  ASSERT_EQ(runQueryCommand(harness_->store(), harness_->mapping(), {"cases", "table", "$id <= 5"},
                            out, out),
            ExitCode::kOk);
  EXPECT_NE(out.str().find("(5 件)"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace teichaku::sync::testing
