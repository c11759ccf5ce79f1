#include <gtest/gtest.h>

#include <memory>
#include <mutex>

#include "core/emulator.h"
#include "core/http_server.h"
#include "kintone/json_util.h"
#include "kintone/kintone_client.h"

// KintoneClient end to end against the in-process emulator (tests/emulator) on loopback.
namespace teichaku::kintone {
namespace {

constexpr int kSeededRecords = 1203;

// Records are added through the client rather than the seed: seeding records into an app
// with a unique field crashes the emulator (seed passes no unique index; reported).
constexpr const char* kSeed =
    R"({"apps":[{"id":10,"name":"対象者","fields":{)"
    R"("氏名":{"type":"SINGLE_LINE_TEXT","label":"氏名"},)"
    R"("ケース番号":{"type":"SINGLE_LINE_TEXT","label":"ケース番号","unique":true}},)"
    R"("tokens":[{"token":"tok10","permissions":["view","add","edit","delete"]}]}]})";

rapidjson::Document caseRecords(const std::string& prefix, int count) {
  rapidjson::Document records(rapidjson::kArrayType);
  auto& a = records.GetAllocator();
  for (int i = 1; i <= count; ++i) {
    rapidjson::Value record(rapidjson::kObjectType);
    rapidjson::Value number(rapidjson::kObjectType);
    number.AddMember("value", jsonString(prefix + std::to_string(i), a), a);
    record.AddMember(rapidjson::StringRef("ケース番号"), number, a);
    records.PushBack(record, a);
  }
  return records;
}

class EmulatorClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator::EmulatorOptions options;
    options.adminPassword = "adminpw";
    emulator_ = std::make_unique<emulator::Emulator>(options);
    rapidjson::Document seed;
    seed.Parse(kSeed);
    ASSERT_FALSE(seed.HasParseError());
    emulator_->applyConfig(seed);
    server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
    server_->start();
    WriteResult seeded = client()->addRecords("10", caseRecords("C-", kSeededRecords));
    ASSERT_TRUE(seeded.outcome.isOk()) << seeded.outcome.message();
    sleeps_.clear();
  }
  void TearDown() override { server_->stop(); }

  ClientConfig config() {
    ClientConfig c;
    c.endpoint.baseUrl = server_->baseUrl();
    c.auth.apiTokensByApp["10"] = {"tok10"};
    c.transport.proxy = "";
    c.retry.base = std::chrono::milliseconds(100);
    c.retry.maxAttempts = 3;
    return c;
  }
  std::unique_ptr<KintoneClient> client() {
    return std::make_unique<KintoneClient>(
        config(), [] { return 0.0; },
        [this](std::chrono::milliseconds d) {
          std::lock_guard lock(mutex_);
          sleeps_.push_back(d);
        });
  }
  std::size_t countAll(KintoneClient& c, const std::string& condition) {
    std::size_t total = 0;
    Outcome outcome = c.getAllRecordsBySeek("10", condition, {"ケース番号"},
                                            [&](const rapidjson::Value& records) {
                                              total += records.Size();
                                              return true;
                                            });
    EXPECT_TRUE(outcome.isOk()) << outcome.message();
    return total;
  }

  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
  std::mutex mutex_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

TEST_F(EmulatorClientTest, SeekReadsEveryRecord) {
  auto c = client();
  EXPECT_EQ(countAll(*c, ""), static_cast<std::size_t>(kSeededRecords));
  EXPECT_EQ(countAll(*c, "$id <= 600"), 600u);
  EXPECT_EQ(c->budgetUsed("10"), 5);  // 3 pages + 2 pages
}

TEST_F(EmulatorClientTest, ParallelSeekReadsEveryRecordExactlyOnce) {
  auto c = client();
  std::vector<int> seen(kSeededRecords + 1, 0);
  Outcome outcome = c->getAllRecordsBySeekParallel(
      "10", "", {"ケース番号"},
      [&](const rapidjson::Value& records) {
        for (const auto& record : records.GetArray()) {
          ++seen.at(static_cast<std::size_t>(std::stoi(record["$id"]["value"].GetString())));
        }
        return true;
      },
      4, 200);
  ASSERT_TRUE(outcome.isOk()) << outcome.message();
  for (int id = 1; id <= kSeededRecords; ++id) {
    ASSERT_EQ(seen[static_cast<std::size_t>(id)], 1) << "id " << id;
  }
}

TEST_F(EmulatorClientTest, CursorReadsEveryRecordInAnotherOrder) {
  auto c = client();
  std::size_t total = 0;
  Outcome outcome = c->forEachCursorPage("10", {"ケース番号"}, "order by ケース番号 desc",
                                         [&](const rapidjson::Value& records) {
                                           total += records.Size();
                                           return true;
                                         });
  EXPECT_TRUE(outcome.isOk()) << outcome.message();
  EXPECT_EQ(total, static_cast<std::size_t>(kSeededRecords));
}

TEST_F(EmulatorClientTest, AddUpdateAndDeleteInChunks) {
  auto c = client();
  WriteResult added = c->addRecords("10", caseRecords("N-", 250));
  ASSERT_TRUE(added.outcome.isOk()) << added.outcome.message();
  ASSERT_EQ(added.ids.size(), 250u);
  EXPECT_EQ(countAll(*c, ""), static_cast<std::size_t>(kSeededRecords + 250));

  rapidjson::Document updates;
  updates.Parse(
      R"([{"updateKey":{"field":"ケース番号","value":"N-1"},"record":{"氏名":{"value":"更新"}}},
          {"updateKey":{"field":"ケース番号","value":"N-new"},"record":{"氏名":{"value":"追加"}}}])");
  WriteResult upserted = c->updateRecords("10", updates, true);
  ASSERT_TRUE(upserted.outcome.isOk()) << upserted.outcome.message();
  JsonResult first = c->getRecord("10", added.ids[0]);
  ASSERT_TRUE(first.outcome.isOk());
  EXPECT_STREQ(first.json["record"]["氏名"]["value"].GetString(), "更新");

  WriteResult stale = c->deleteRecords("10", {added.ids[0]}, {"1"});  // it is at 2 now
  EXPECT_TRUE(stale.outcome.isFail());
  EXPECT_EQ(stale.recordsDone, 0u);
  WriteResult deleted = c->deleteRecords("10", added.ids);
  ASSERT_TRUE(deleted.outcome.isOk()) << deleted.outcome.message();
  EXPECT_EQ(deleted.recordsDone, 250u);
  EXPECT_EQ(countAll(*c, ""), static_cast<std::size_t>(kSeededRecords + 1));  // N-new stays
}

TEST_F(EmulatorClientTest, RateLimitFaultIsRetried) {
  emulator::FaultSpec spec;
  spec.rate429 = 1.0;
  spec.remaining = 1;
  emulator_->faults().set("/k/v1/record.json", spec);
  auto c = client();
  JsonResult result = c->getRecord("10", "1");
  EXPECT_TRUE(result.outcome.isOk()) << result.outcome.message();
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(EmulatorClientTest, MaintenancePageOnAddIsNotReplayed) {
  emulator::FaultSpec spec;
  spec.rate503 = 1.0;
  spec.remaining = 1;
  emulator_->faults().set("/k/v1/records.json", spec);
  auto c = client();
  rapidjson::Document records;
  records.Parse(R"([{"ケース番号":{"value":"X-1"}}])");
  WriteResult result = c->addRecords("10", records);
  EXPECT_EQ(result.outcome.messageId(), "KINTONE_OUTCOME_UNKNOWN");
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(countAll(*c, ""), static_cast<std::size_t>(kSeededRecords));
}

TEST_F(EmulatorClientTest, FormFieldsAndBulkRequest) {
  auto c = client();
  JsonResult fields = c->getFormFields("10");
  ASSERT_TRUE(fields.outcome.isOk()) << fields.outcome.message();
  EXPECT_TRUE(fields.json["properties"].HasMember("ケース番号"));

  JsonResult bulk = c->bulkRequest({{HttpMethod::kPut, "record", "10",
                                     R"({"app":"10","id":"1","record":{"氏名":{"value":"一"}}})"},
                                    {HttpMethod::kPut, "record", "10",
                                     R"({"app":"10","id":"2","record":{"氏名":{"value":"二"}}})"}});
  ASSERT_TRUE(bulk.outcome.isOk()) << bulk.outcome.message();
  EXPECT_EQ(bulk.json["results"].Size(), 2u);
  EXPECT_STREQ(c->getRecord("10", "2").json["record"]["氏名"]["value"].GetString(), "二");
}

TEST_F(EmulatorClientTest, WrongTokenIsAnAuthFailure) {
  ClientConfig cfg = config();
  cfg.auth.apiTokensByApp["10"] = {"not-the-token"};
  KintoneClient c(
      cfg, [] { return 0.0; }, [](std::chrono::milliseconds) {});
  JsonResult result = c.getRecord("10", "1");
  EXPECT_TRUE(result.outcome.isFail());
  EXPECT_EQ(result.outcome.message().find("not-the-token"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::kintone
