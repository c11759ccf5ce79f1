#include "rules/standard_tasks_rule.h"

#include <gtest/gtest.h>

#include "rules/reguard.h"
#include "rules_time_fixture.h"

namespace teichaku::rules::testing {
namespace {

rapidjson::Document caseRecord(const std::string& status,
                               const std::string& requestKind = "特別調整",
                               const std::string& otherCentre = "なし") {
  return RulesTimeTest::json(
      R"({"$id":{"type":"__ID__","value":"5"},"$revision":{"type":"__REVISION__","value":"2"},"ケース番号":{"type":"SINGLE_LINE_TEXT","value":"13-000005"},"管理センター":{"type":"DROP_DOWN","value":")" +
      kTokyo + R"("},"氏名":{"type":"SINGLE_LINE_TEXT","value":")" + kCanary +
      R"("},"現在の状況":{"type":"DROP_DOWN","value":")" + status +
      R"("},"依頼区分":{"type":"DROP_DOWN","value":")" + requestKind +
      R"("},"他県依頼受託状況":{"type":"DROP_DOWN","value":")" + otherCentre +
      R"("},"担当者":{"type":"USER_SELECT","value":[{"code":"t1","name":"職員"}]},"閲覧組織":{"type":"ORGANIZATION_SELECT","value":[{"code":"teichaku-13","name":"東京"}]},"刑期終了日":{"type":"DATE","value":"2026-12-10"},"仮釈放日":{"type":"DATE","value":null}})");
}

// The kintone "record" the rule must add, written out by hand.
std::string taskJson(const std::string& task, const std::string& line, const std::string& due) {
  return R"({"対象者番号":{"value":"13-000005"},"タスク":{"value":")" + task +
         R"("},"業務区分":{"value":")" + line +
         R"("},"タスク状況":{"value":"未着手"},"期限":{"value":")" + due +
         R"("},"タスク担当者":{"value":[{"code":"t1"}]},"閲覧組織":{"value":[{"code":"teichaku-13"}]}})";
}

// Compares JSON by value (member order aside).
void expectSameJson(const std::string& actual, const std::string& expected) {
  EXPECT_EQ(RulesTimeTest::json(actual), RulesTimeTest::json(expected)) << actual;
}

class StandardTasksRuleTest : public RulesTimeTest {
 protected:
  StandardTasksRuleTest() { now = jstMs(2026, 11, 22, 10); }
};

TEST_F(StandardTasksRuleTest, CoordinationCaseGetsTheCommonAndCoordinationTasksOnce) {
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート")).isOk());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート")).isOk());
  auto items = kintoneUpdates();
  ASSERT_EQ(items.size(), 5u);
  // Due dates from 2026-11-22: 初回面談 +7, 出所前の準備 the release date, others +30.
  const std::map<std::string, std::string> expected = {
      {"tasks:cases:5:共通:初回面談", taskJson("初回面談", "共通", "2026-11-29")},
      {"tasks:cases:5:共通:フェイスシート作成",
       taskJson("フェイスシート作成", "共通", "2026-12-22")},
      {"tasks:cases:5:コーディネート:福祉サービス計画通知書",
       taskJson("福祉サービス計画通知書", "コーディネート", "2026-12-22")},
      {"tasks:cases:5:コーディネート:結果通知書",
       taskJson("結果通知書", "コーディネート", "2026-12-22")},
      {"tasks:cases:5:コーディネート:出所前の準備",
       taskJson("出所前の準備", "コーディネート", "2026-12-10")},
  };
  for (const auto& [key, record] : expected) {
    ASSERT_EQ(items.count(key), 1u) << key;
    EXPECT_EQ(items.at(key).appKey, "tasks");
    EXPECT_EQ(items.at(key).recordId, "");
    // Added as an upsert on the outbox key (issue 5: a repeat must not add a second task).
    EXPECT_EQ(items.at(key).upsertKeyField, "ブリッジキー");
    EXPECT_EQ(items.at(key).upsertKeyValue, key);
    expectSameJson(items.at(key).recordJson, record);
  }
  for (const auto& item : outbox()) {
    EXPECT_EQ(item.payload.find(kCanary), std::string::npos);
  }
}

TEST_F(StandardTasksRuleTest, EnteringFollowUpAddsOnlyItsOwnTask) {
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート")).isOk());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("フォローアップ")).isOk());
  auto items = kintoneUpdates();
  ASSERT_EQ(items.size(), 6u);
  ASSERT_EQ(items.count("tasks:cases:5:フォローアップ:中間施設から帰住先への移行時の結果通知書"),
            1u);
  // Back to coordination: every task of that line exists already.
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート")).isOk());
  EXPECT_EQ(kintoneUpdates().size(), 6u);
}

TEST_F(StandardTasksRuleTest, RequestToAnotherCentreAddsItsTwoTasks) {
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート")).isOk());
  ASSERT_TRUE(
      rule.onRecord("cases", caseRecord("コーディネート", "特別調整", "他県へ依頼")).isOk());
  auto items = kintoneUpdates();
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items.count("tasks:cases:5:コーディネート:他県への支援業務協力依頼"), 1u);
  EXPECT_EQ(items.count("tasks:cases:5:コーディネート:他県への支援業務協力依頼結果通知書"), 1u);
}

TEST_F(StandardTasksRuleTest, SuspectSupportAndConsultationLines) {
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("コーディネート", "被疑者等支援")).isOk());
  auto items = kintoneUpdates();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items.count("tasks:cases:5:被疑者等支援:福祉サービス計画通知書"), 1u);
  EXPECT_EQ(items.count("tasks:cases:5:被疑者等支援:結果通知書"), 1u);
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("相談支援")).isOk());
  items = kintoneUpdates();
  ASSERT_EQ(items.size(), 5u);
  expectSameJson(items.at("tasks:cases:5:相談支援:支援の同意書").recordJson,
                 taskJson("支援の同意書", "相談支援", "2026-12-22"));
}

TEST_F(StandardTasksRuleTest, ClosedCaseGetsNoTasks) {
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("支援終了")).isOk());
  EXPECT_TRUE(outbox().empty());
}

class DueSoonTest : public StandardTasksRuleTest {
 protected:
  void task(std::int64_t id, const std::string& task, const std::string& due,
            const std::string& status, const std::string& assignees) {
    mirror("tasks", id,
           {{"対象者番号", "13-000005"},
            {"対象者センター", kTokyo},
            {"タスク", task},
            {"期限", "date:" + due},
            {"タスク状況", status},
            {"タスク担当者", assignees}});
  }
};

TEST_F(DueSoonTest, TasksDueWithinThreeDaysNotifyTheirAssigneesOnce) {
  task(40, "初回面談", "2026-11-24", "対応中", R"(["t1","o1"])");
  task(41, "結果通知書", "2026-11-23", "完了", R"(["t1"])");
  task(42, "結果通知書", "2026-11-26", "未着手", R"(["t1"])");  // four days ahead
  task(43, "結果通知書", "2026-11-21", "未着手", R"(["t1"])");  // yesterday
  task(44, "結果通知書", "2026-11-25", "未着手", R"(["t2"])");  // third day: included
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onTick(now).isOk());

  auto items = notifications();
  ASSERT_EQ(items.size(), 2u);
  const auto& first = items.at("tasks:tasks:40:due-2026-11-24");
  EXPECT_EQ(first.notificationKey, "tasks:tasks:40:due-2026-11-24");
  EXPECT_EQ(first.userCodes, std::vector<std::string>{"t1"});  // o1 is Osaka staff
  EXPECT_EQ(first.title, "【面談】 ケース番号 13-000005");
  EXPECT_EQ(first.body, kTokyo + "\n期限 2026-11-24");
  EXPECT_EQ(first.url, "https://example.cybozu.com/k/3/show#record=40");
  EXPECT_EQ(first.personalSources, (std::vector<RecordRef>{{"tasks", "40"}}));
  EXPECT_TRUE(reguardText(services().guard, first.title));
  EXPECT_TRUE(reguardText(services().guard, first.body));
  EXPECT_TRUE(reguardUrl(services().guard, first.url));
  const auto& second = items.at("tasks:tasks:44:due-2026-11-25");
  EXPECT_EQ(second.userCodes, std::vector<std::string>{"t2"});
  EXPECT_EQ(second.title, "【報告期限】 ケース番号 13-000005");
  for (const auto& item : outbox()) {
    EXPECT_EQ(item.payload.find(kCanary), std::string::npos);
  }

  for (int hour = 11; hour < 24; ++hour) {
    ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, hour)).isOk());
  }
  EXPECT_EQ(notifications().size(), 2u);
}

TEST_F(DueSoonTest, MovedDueDateNotifiesAgain) {
  task(40, "初回面談", "2026-11-24", "対応中", R"(["t1"])");
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onTick(now).isOk());
  task(40, "初回面談", "2026-11-23", "対応中", R"(["t1"])");
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 11)).isOk());
  auto items = notifications();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.count("tasks:tasks:40:due-2026-11-23"), 1u);
}

TEST_F(DueSoonTest, TaskWithoutAnAssigneeOfItsCentreNotifiesNobody) {
  task(45, "結果通知書", "2026-11-23", "未着手", R"(["o1","x9"])");
  StandardTasksRule rule(services());
  ASSERT_TRUE(rule.onTick(now).isOk());
  EXPECT_TRUE(outbox().empty());
}

TEST(StandardTasksLines, BusinessLineFollowsStatusAndRequestKind) {
  EXPECT_EQ(StandardTasksRule::businessLine("コーディネート", "一般調整"), "コーディネート");
  EXPECT_EQ(StandardTasksRule::businessLine("コーディネート", "被疑者等支援"), "被疑者等支援");
  EXPECT_EQ(StandardTasksRule::businessLine("フォローアップ", "特別調整"), "フォローアップ");
  EXPECT_EQ(StandardTasksRule::businessLine("相談支援", "相談支援（出所者等）"), "相談支援");
  EXPECT_EQ(StandardTasksRule::businessLine("支援終了", "特別調整"), "");
  EXPECT_EQ(StandardTasksRule::businessLine("", ""), "");
}

}  // namespace
}  // namespace teichaku::rules::testing
