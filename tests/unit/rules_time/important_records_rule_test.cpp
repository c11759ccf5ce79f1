#include "rules/important_records_rule.h"

#include <gtest/gtest.h>

#include "rules/reguard.h"
#include "rules_time_fixture.h"

namespace teichaku::rules::testing {
namespace {

class ImportantRecordsRuleTest : public RulesTimeTest {
 protected:
  ImportantRecordsRuleTest() {
    now = jstMs(2026, 11, 22, 10);
    caseId_ = addCase("13-000001", R"([{"code":"t1"},{"code":"o1"},{"code":"x9"}])");
  }

  // A case in the emulator's cases app (Tokyo); returns its record id.
  std::string addCase(const std::string& number, const std::string& staff) {
    auto records = json(
        R"([{"ケース番号":{"value":")" + number + R"("},"管理センター":{"value":")" + kTokyo +
        R"("},"閲覧組織":{"value":[{"code":"teichaku-13"}]},"氏名":{"value":")" + kCanary +
        R"("},"依頼日":{"value":"2026-10-01"},"依頼区分":{"value":"特別調整"},"現在の状況":{"value":"コーディネート"},"身体障害":{"value":"無"},"身体障害_手帳":{"value":"無"},"知的障害":{"value":"無"},"知的障害_手帳":{"value":"無"},"精神障害":{"value":"無"},"精神障害_手帳":{"value":"無"},"発達障害":{"value":"無"},"発達障害_手帳":{"value":"無"},"認知症":{"value":"無"},"依存":{"value":"無"},"仮釈放":{"value":"無"},"担当者":{"value":)" +
        staff + "}}]");
    auto result = client().addRecords("1", records);
    if (!result.outcome.isOk() || result.ids.size() != 1) {
      throw std::runtime_error("adding the case failed: " + result.outcome.message());
    }
    return result.ids[0];
  }

  // A support record as kintone returns it; the lookup has copied the case's name.
  static rapidjson::Document supportRecord(const std::string& id, const std::string& revision,
                                           const std::string& importance,
                                           const std::string& caseNumber = "13-000001") {
    return json(
        R"({"$id":{"type":"__ID__","value":")" + id +
        R"("},"$revision":{"type":"__REVISION__","value":")" + revision +
        R"("},"対象者番号":{"type":"SINGLE_LINE_TEXT","value":")" + caseNumber +
        R"("},"対象者センター":{"type":"SINGLE_LINE_TEXT","value":")" + kTokyo +
        R"("},"対象者氏名":{"type":"SINGLE_LINE_TEXT","value":")" + kCanary +
        R"("},"記録日":{"type":"DATE","value":"2026-11-20"},"区分1":{"type":"DROP_DOWN","value":"面談記録"},"区分2":{"type":"DROP_DOWN","value":")" +
        importance + R"("},"記録内容":{"type":"MULTI_LINE_TEXT","value":"面談の内容"}})");
  }

  std::string caseId_;
};

TEST_F(ImportantRecordsRuleTest, ImportantRecordNotifiesTheCaseStaffOfItsCentreOnly) {
  ImportantRecordsRule rule(services());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "1", "重要な情報")).isOk());

  auto items = notifications();
  ASSERT_EQ(items.size(), 1u);
  const auto& [key, n] = *items.begin();
  EXPECT_EQ(key, "important:support_records:7:1");
  EXPECT_EQ(n.notificationKey, "important:support_records:7:1");
  // o1 is Osaka staff and x9 no centre's: the case's 担当者 outside Tokyo get nothing.
  EXPECT_EQ(n.userCodes, std::vector<std::string>{"t1"});
  EXPECT_EQ(n.title, "【記録の追加】 ケース番号 13-000001");
  EXPECT_EQ(n.body, kTokyo + "\n更新日 2026-11-20");
  EXPECT_EQ(n.url, "https://example.cybozu.com/k/2/show#record=7");
  const std::vector<RecordRef> sources = {{"support_records", "7"}, {"cases", caseId_}};
  EXPECT_EQ(n.personalSources, sources);
  // What is stored is what the deliverer can rebuild with the guard, piece by piece.
  EXPECT_TRUE(reguardText(services().guard, n.title));
  EXPECT_TRUE(reguardText(services().guard, n.body));
  EXPECT_TRUE(reguardUrl(services().guard, n.url));
  for (const auto& item : outbox()) {
    EXPECT_EQ(item.payload.find(kCanary), std::string::npos);
  }
}

TEST_F(ImportantRecordsRuleTest, ReplayAndEditsAddNothingButANewKindNotifiesAgain) {
  ImportantRecordsRule rule(services());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "1", "取得情報")).isOk());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "1", "取得情報")).isOk());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "2", "取得情報")).isOk());
  EXPECT_EQ(outbox().size(), 1u);

  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "3", "通常の記録")).isOk());
  EXPECT_EQ(outbox().size(), 1u);
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("7", "4", "移行情報")).isOk());
  auto items = notifications();
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items.count("important:support_records:7:4"), 1u);
  EXPECT_EQ(items.at("important:support_records:7:4").title, "【記録の更新】 ケース番号 13-000001");
}

TEST_F(ImportantRecordsRuleTest, EachImportantKindNotifiesAndOrdinaryRecordsDoNot) {
  ImportantRecordsRule rule(services());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("8", "1", "通常の記録")).isOk());
  EXPECT_TRUE(outbox().empty());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("9", "1", "終了情報")).isOk());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("10", "1", "重要な情報")).isOk());
  ASSERT_TRUE(rule.onRecord("support_records", supportRecord("11", "1", "移行情報")).isOk());
  auto items = notifications();
  EXPECT_EQ(items.size(), 3u);
  EXPECT_EQ(items.count("important:support_records:9:1"), 1u);
  EXPECT_EQ(items.count("important:support_records:10:1"), 1u);
  EXPECT_EQ(items.count("important:support_records:11:1"), 1u);
}

TEST_F(ImportantRecordsRuleTest, CaseWithoutStaffOfItsCentreNotifiesTheWholeCentre) {
  addCase("13-000002", R"([{"code":"o1"}])");
  ImportantRecordsRule rule(services());
  ASSERT_TRUE(
      rule.onRecord("support_records", supportRecord("12", "1", "重要な情報", "13-000002")).isOk());
  auto items = notifications();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.begin()->second.userCodes, (std::vector<std::string>{"t1", "t2"}));
}

TEST_F(ImportantRecordsRuleTest, MalformedCaseNumberIsSkippedWithoutAKintoneQuery) {
  ImportantRecordsRule rule(services());
  const int before = client().budgetUsed("1");
  ASSERT_TRUE(
      rule.onRecord("support_records", supportRecord("13", "1", "重要な情報", "1\\\" or \\\"1"))
          .isOk());
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(client().budgetUsed("1"), before);
}

TEST_F(ImportantRecordsRuleTest, PayloadHoldingAPersonalValueIsRefusedAndNothingIsQueued) {
  ImportantRecordsRule rule(services());
  // A name that happens to be part of the fixed wording: the last check must refuse it.
  auto record = supportRecord("14", "1", "重要な情報");
  record["対象者氏名"]["value"].SetString("記録の追加");
  const Outcome outcome = rule.onRecord("support_records", record);
  EXPECT_TRUE(outcome.isFail());
  EXPECT_EQ(outcome.messageId(), "GAROON_PAYLOAD_REJECTED");
  EXPECT_TRUE(outbox().empty());
}

TEST_F(ImportantRecordsRuleTest, OtherAppsAndTicksDoNothing) {
  ImportantRecordsRule rule(services());
  EXPECT_EQ(rule.name(), "important");
  EXPECT_EQ(rule.apps(), std::vector<std::string>{"support_records"});
  ASSERT_TRUE(rule.onRecord("cases", supportRecord("7", "1", "重要な情報")).isOk());
  ASSERT_TRUE(rule.onTick(now).isOk());
  EXPECT_TRUE(outbox().empty());
}

}  // namespace
}  // namespace teichaku::rules::testing
