#include "rules/release_calendar_rule.h"

#include <gtest/gtest.h>

#include "rules/reguard.h"
#include "rules_time_fixture.h"

namespace teichaku::rules::testing {
namespace {

// A case as kintone returns it: Tokyo, with the canary name and a birth date that must
// never reach Garoon.
rapidjson::Document caseRecord(const std::string& sentenceEnd, const std::string& parole = "",
                               const std::string& status = "コーディネート") {
  return RulesTimeTest::json(
      R"({"$id":{"type":"__ID__","value":"12"},"$revision":{"type":"__REVISION__","value":"3"},"ケース番号":{"type":"SINGLE_LINE_TEXT","value":"13-000012"},"管理センター":{"type":"DROP_DOWN","value":")" +
      kTokyo + R"("},"氏名":{"type":"SINGLE_LINE_TEXT","value":")" + kCanary +
      R"("},"生年月日":{"type":"DATE","value":"1950-04-01"},"現在の状況":{"type":"DROP_DOWN","value":")" +
      status + R"("},"刑期終了日":{"type":"DATE","value":)" +
      (sentenceEnd.empty() ? "null" : "\"" + sentenceEnd + "\"") +
      R"(},"仮釈放日":{"type":"DATE","value":)" + (parole.empty() ? "null" : "\"" + parole + "\"") +
      "}}");
}

class ReleaseCalendarRuleTest : public RulesTimeTest {
 protected:
  // 2026-11-22 10:00 JST; the default window of 30 days ends on 2026-12-22.
  ReleaseCalendarRuleTest() { now = jstMs(2026, 11, 22, 10); }
};

TEST_F(ReleaseCalendarRuleTest, ReleaseDateInTheWindowBecomesOneAllDayEventForTheCentreStaff) {
  ReleaseCalendarRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01")).isOk());
  auto items = events();
  ASSERT_EQ(items.size(), 1u);
  const auto& [key, e] = *items.begin();
  EXPECT_EQ(key, "release:cases:12:sentence_end-1");
  EXPECT_EQ(e.eventKey, "release:cases:12:sentence_end");
  EXPECT_EQ(e.userCodes, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(e.date, "2026-12-01");
  EXPECT_FALSE(e.remove);
  EXPECT_EQ(e.subject, "【釈放】 ケース番号 13-000012");
  EXPECT_EQ(e.notes, kTokyo + "\n釈放予定日 2026-12-01");
  EXPECT_EQ(e.personalSources, (std::vector<RecordRef>{{"cases", "12"}}));
  EXPECT_TRUE(reguardText(services().guard, e.subject));
  EXPECT_TRUE(reguardText(services().guard, e.notes));
  for (const auto& item : outbox()) {
    EXPECT_EQ(item.payload.find(kCanary), std::string::npos);
    EXPECT_EQ(item.payload.find("1950-04-01"), std::string::npos);
  }
}

TEST_F(ReleaseCalendarRuleTest, ReplayAddsNothing) {
  ReleaseCalendarRule rule(services());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01")).isOk());
  }
  EXPECT_EQ(outbox().size(), 1u);
}

TEST_F(ReleaseCalendarRuleTest, MovedDateKeepsTheEventKeyAndMovingBackDoesNotCollide) {
  ReleaseCalendarRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01")).isOk());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-05")).isOk());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01")).isOk());
  auto items = events();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at("release:cases:12:sentence_end-2").eventKey, "release:cases:12:sentence_end");
  EXPECT_EQ(items.at("release:cases:12:sentence_end-2").date, "2026-12-05");
  EXPECT_FALSE(items.at("release:cases:12:sentence_end-2").remove);
  EXPECT_EQ(items.at("release:cases:12:sentence_end-3").eventKey, "release:cases:12:sentence_end");
  EXPECT_EQ(items.at("release:cases:12:sentence_end-3").date, "2026-12-01");
}

TEST_F(ReleaseCalendarRuleTest, ClosedCaseAndRemovedDateRemoveTheEvent) {
  ReleaseCalendarRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01", "2026-11-30")).isOk());
  EXPECT_EQ(events().size(), 2u);
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01", "")).isOk());
  auto items = events();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at("release:cases:12:parole-2").eventKey, "release:cases:12:parole");
  EXPECT_TRUE(items.at("release:cases:12:parole-2").remove);

  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01", "", "支援終了")).isOk());
  items = events();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_TRUE(items.at("release:cases:12:sentence_end-2").remove);
  EXPECT_EQ(items.at("release:cases:12:sentence_end-2").eventKey, "release:cases:12:sentence_end");
  // Closed again: nothing left to remove.
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-01", "", "支援終了")).isOk());
  EXPECT_EQ(events().size(), 4u);
}

TEST_F(ReleaseCalendarRuleTest, DatesOutsideTheWindowWaitForTheWindowToReachThem) {
  ReleaseCalendarRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-12-23")).isOk());  // window ends 12-22
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-11-21")).isOk());  // yesterday
  EXPECT_TRUE(outbox().empty());

  // The tick reads the mirror: the same case as the sync keeps it (clear values only).
  mirror("cases", 12,
         {{"ケース番号", "13-000012"},
          {"管理センター", kTokyo},
          {"現在の状況", "コーディネート"},
          {"刑期終了日", "date:2026-12-23"}});
  ASSERT_TRUE(rule.onTick(now).isOk());
  EXPECT_TRUE(outbox().empty());
  now = jstMs(2026, 11, 23, 0, 5);  // next JST day: the window now ends on 2026-12-23
  ASSERT_TRUE(rule.onTick(now).isOk());
  auto items = events();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.at("release:cases:12:sentence_end-1").date, "2026-12-23");
}

TEST_F(ReleaseCalendarRuleTest, TickScansAtMostOncePerHourAndIsIdempotent) {
  ReleaseCalendarRule rule(services());
  mirror("cases", 20,
         {{"ケース番号", "13-000020"},
          {"管理センター", kTokyo},
          {"現在の状況", "フォローアップ"},
          {"仮釈放日", "date:2026-12-10"}});
  for (int minute = 0; minute < 60; ++minute) {
    now = jstMs(2026, 11, 22, 10, minute);
    ASSERT_TRUE(rule.onTick(now).isOk());
  }
  auto items = events();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.at("release:cases:20:parole-1").date, "2026-12-10");

  // The date changes in the mirror (no webhook): seen in the same hour only by onRecord,
  // by the tick from the next hour on.
  mirror("cases", 20,
         {{"ケース番号", "13-000020"},
          {"管理センター", kTokyo},
          {"現在の状況", "フォローアップ"},
          {"仮釈放日", "date:2026-12-12"}});
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 10, 59)).isOk());
  EXPECT_EQ(events().size(), 1u);
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 11, 0)).isOk());
  items = events();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at("release:cases:20:parole-2").date, "2026-12-12");
  EXPECT_EQ(items.at("release:cases:20:parole-2").eventKey, "release:cases:20:parole");
}

TEST_F(ReleaseCalendarRuleTest, CaseDeletedFromTheMirrorLosesItsEvent) {
  ReleaseCalendarRule rule(services());
  mirror("cases", 21,
         {{"ケース番号", "13-000021"},
          {"管理センター", kTokyo},
          {"現在の状況", "コーディネート"},
          {"刑期終了日", "date:2026-12-02"}});
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 10)).isOk());
  ASSERT_TRUE(store().deleteRecord("cases", 21));
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 11)).isOk());
  auto items = events();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items.at("release:cases:21:sentence_end-2").remove);
  EXPECT_EQ(items.at("release:cases:21:sentence_end-2").date, "2026-12-02");
}

TEST_F(ReleaseCalendarRuleTest, EventOnAPassedDateStays) {
  ReleaseCalendarRule rule(services());
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-11-25")).isOk());
  now = jstMs(2026, 11, 27, 10);
  ASSERT_TRUE(rule.onRecord("cases", caseRecord("2026-11-25")).isOk());
  EXPECT_EQ(outbox().size(), 1u);
}

TEST_F(ReleaseCalendarRuleTest, CentreWithoutGaroonStaffGetsNoEventYet) {
  ReleaseCalendarRule rule(services());
  auto record = caseRecord("2026-12-01");
  record["管理センター"]["value"].SetString("青森県地域生活定着支援センター");
  ASSERT_TRUE(rule.onRecord("cases", record).isOk());
  EXPECT_TRUE(outbox().empty());
}

}  // namespace
}  // namespace teichaku::rules::testing
