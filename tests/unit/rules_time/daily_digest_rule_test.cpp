#include "rules/daily_digest_rule.h"

#include <gtest/gtest.h>

#include "rules/reguard.h"
#include "rules_time_fixture.h"

namespace teichaku::rules::testing {
namespace {

// Today 2026-11-22 (JST): yesterday is 2026-11-21, "this week" 2026-11-22 … 2026-11-28.
class DailyDigestRuleTest : public RulesTimeTest {
 protected:
  DailyDigestRuleTest() {
    now = jstMs(2026, 11, 22, 8);
    const std::string open = "コーディネート";
    mirror("cases", 1,
           {{"ケース番号", "13-000001"},
            {"管理センター", kTokyo},
            {"現在の状況", open},
            {"刑期終了日", "date:2026-11-25"}});
    mirror("cases", 2,
           {{"ケース番号", "13-000002"},
            {"管理センター", kTokyo},
            {"現在の状況", open},
            {"仮釈放日", "date:2026-11-28"}});
    mirror("cases", 3,
           {{"ケース番号", "13-000003"},
            {"管理センター", kTokyo},
            {"現在の状況", open},
            {"刑期終了日", "date:2026-11-29"}});  // next week
    mirror("cases", 4,
           {{"ケース番号", "13-000004"},
            {"管理センター", kTokyo},
            {"現在の状況", "支援終了"},
            {"刑期終了日", "date:2026-11-24"}});  // closed
    mirror("cases", 5,
           {{"ケース番号", "27-000005"}, {"管理センター", kOsaka}, {"現在の状況", open}});

    record(101, "13-000001", kTokyo, "2026-11-21", "重要な情報");
    record(102, "13-000002", kTokyo, "2026-11-21", "重要な情報");
    record(103, "13-000001", kTokyo, "2026-11-21", "取得情報");
    record(104, "13-000003", kTokyo, "2026-11-21", "通常の記録");
    record(105, "13-000003", kTokyo, "2026-11-21", "通常の記録");
    record(106, "13-000001", kTokyo, "2026-11-21", "通常の記録");
    record(107, "13-000002", kTokyo, "2026-11-20", "重要な情報");  // the day before
    record(108, "27-000005", kOsaka, "2026-11-21", "終了情報");

    mirror("tasks", 201,
           {{"対象者番号", "13-000001"},
            {"対象者センター", kTokyo},
            {"期限", "date:2026-11-23"},
            {"タスク状況", "対応中"}});
    mirror("tasks", 202,
           {{"対象者番号", "13-000002"},
            {"対象者センター", kTokyo},
            {"期限", "date:2026-11-23"},
            {"タスク状況", "完了"}});
    mirror("tasks", 203,
           {{"対象者番号", "27-000005"},
            {"対象者センター", kOsaka},
            {"期限", "date:2026-11-30"},
            {"タスク状況", "未着手"}});

    mirror("shares", 301,
           {{"対象者番号", "27-000005"},
            {"送信元センター", kOsaka},
            {"送信先センター", kTokyo},
            {"共有状況", "送信"}});
    mirror("shares", 302,
           {{"対象者番号", "27-000006"},
            {"送信元センター", kOsaka},
            {"送信先センター", kTokyo},
            {"共有状況", "受領確認"}});
  }

  void record(std::int64_t id, const std::string& caseNumber, const std::string& centre,
              const std::string& date, const std::string& kind) {
    mirror("support_records", id,
           {{"対象者番号", caseNumber},
            {"対象者センター", centre},
            {"記録日", "date:" + date},
            {"区分2", kind}});
  }
};

TEST_F(DailyDigestRuleTest, NothingBeforeTheDigestHour) {
  DailyDigestRule rule(services());
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 7, 59)).isOk());
  EXPECT_TRUE(outbox().empty());
}

TEST_F(DailyDigestRuleTest, EachCentreGetsCountsAndCaseNumbersButNoName) {
  DailyDigestRule rule(services());
  ASSERT_TRUE(rule.onTick(now).isOk());
  auto items = notifications();
  ASSERT_EQ(items.size(), 2u);

  const auto& tokyo = items.at("digest:centres:teichaku-13:2026-11-22");
  EXPECT_EQ(tokyo.notificationKey, "digest:centres:teichaku-13:2026-11-22");
  EXPECT_EQ(tokyo.userCodes, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(tokyo.title, "【日次まとめ】 " + kTokyo);
  EXPECT_EQ(tokyo.body,
            "■昨日の支援記録\n"
            "重要 2件\nケース番号 13-000001 ケース番号 13-000002\n"
            "取得 1件\nケース番号 13-000001\n"
            "移行 0件\n"
            "終了 0件\n"
            "通常 3件\nケース番号 13-000001 ケース番号 13-000003\n"
            "■今週の釈放予定\n"
            "釈放予定 2件\nケース番号 13-000001 ケース番号 13-000002\n"
            "■今週が期限のタスク\n"
            "期限の近いタスク 1件\nケース番号 13-000001\n"
            "■受領確認待ちの共有\n"
            "届いた共有 1件\nケース番号 27-000005\n"
            "送った共有 0件");
  // The link opens the support-record app's list (app 2 in the fixture), without a query
  // that could carry a centre name or a field value.
  EXPECT_EQ(tokyo.url, "https://example.cybozu.com/k/2/");
  // The deliverer re-reads every stored piece through the guard (rules/reguard.h): the
  // digest must come back exactly, or it would be parked instead of sent.
  const auto title = reguardText(services().guard, tokyo.title);
  ASSERT_TRUE(title);
  EXPECT_EQ(title->str(), tokyo.title);
  const auto body = reguardText(services().guard, tokyo.body);
  ASSERT_TRUE(body);
  EXPECT_EQ(body->str(), tokyo.body);
  const auto url = reguardUrl(services().guard, tokyo.url);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->str(), tokyo.url);

  const auto& osaka = items.at("digest:centres:teichaku-27:2026-11-22");
  EXPECT_EQ(osaka.userCodes, std::vector<std::string>{"o1"});
  EXPECT_NE(osaka.body.find("終了 1件\nケース番号 27-000005\n"), std::string::npos) << osaka.body;
  EXPECT_NE(osaka.body.find("送った共有 1件\nケース番号 27-000005"), std::string::npos);
  EXPECT_NE(osaka.body.find("期限の近いタスク 0件"), std::string::npos);
  EXPECT_TRUE(reguardText(services().guard, osaka.body));
  EXPECT_TRUE(reguardText(services().guard, osaka.title));

  for (const auto& item : outbox()) {
    EXPECT_EQ(item.payload.find(kCanary), std::string::npos);
  }
}

TEST_F(DailyDigestRuleTest, SentOncePerDayHoweverOftenItTicks) {
  DailyDigestRule rule(services());
  for (int minute = 0; minute < 60; ++minute) {
    ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 8, minute)).isOk());
  }
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 22, 23, 59)).isOk());
  EXPECT_EQ(outbox().size(), 2u);

  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 23, 7, 0)).isOk());
  EXPECT_EQ(outbox().size(), 2u);
  ASSERT_TRUE(rule.onTick(jstMs(2026, 11, 23, 8, 0)).isOk());
  auto items = notifications();
  ASSERT_EQ(items.size(), 4u);
  ASSERT_EQ(items.count("digest:centres:teichaku-13:2026-11-23"), 1u);
  // On the 23rd, yesterday's records are the 22nd's: none.
  EXPECT_NE(items.at("digest:centres:teichaku-13:2026-11-23").body.find("重要 0件"),
            std::string::npos);
}

TEST_F(DailyDigestRuleTest, ManyCaseNumbersAreCutAfterTen) {
  for (int i = 0; i < 12; ++i) {
    char number[16];
    std::snprintf(number, sizeof number, "13-1000%02d", i);
    record(400 + i, number, kTokyo, "2026-11-21", "移行情報");
  }
  DailyDigestRule rule(services());
  ASSERT_TRUE(rule.onTick(now).isOk());
  const std::string body = notifications().at("digest:centres:teichaku-13:2026-11-22").body;
  EXPECT_NE(
      body.find(
          "移行 12件\nケース番号 13-100000 ケース番号 13-100001 ケース番号 13-100002 "
          "ケース番号 13-100003 ケース番号 13-100004 ケース番号 13-100005 ケース番号 "
          "13-100006 ケース番号 13-100007 ケース番号 13-100008 ケース番号 13-100009 ほか 2件\n"),
      std::string::npos)
      << body;
  EXPECT_TRUE(reguardText(services().guard, body));
}

}  // namespace
}  // namespace teichaku::rules::testing
