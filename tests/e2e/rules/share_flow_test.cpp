#include <gtest/gtest.h>

#include "rules/share_ledger.h"
#include "rules_harness.h"

// Issue #5 "Done when", rules 1–2: a valid share reaches every destination user once, an
// invalid one goes back to the sender only, a receipt tells the sender, nothing personal
// reaches Garoon, and replays change nothing.
namespace teichaku::rules {
namespace {

using testing::kCanary;
using testing::kKanagawa;
using testing::kOsaka;
using testing::kTokyo;
using testing::RulesHarness;

const std::vector<std::string> kKanagawaGaroonStaff{"tk14-01", "tk14-02", "tk14-03"};

class ShareFlowTest : public ::testing::Test {
 protected:
  void TearDown() override {
    // Whatever a test did: no Garoon request ever carried the case's name.
    for (const auto& n : h.garoonNotices()) {
      EXPECT_EQ(n.body.find(kCanary), std::string::npos) << n.body;
    }
  }

  std::string text(const std::string& id, const char* code) {
    return h.record("shares", id)[code]["value"].GetString();
  }

  // A share sent back: status, the reason, and one new notice to the sender only.
  void expectReturned(const std::string& id, const std::string& reasonPart) {
    const std::size_t before = h.garoonNotices().size();
    ASSERT_TRUE(h.setStatus(id, "送信").isOk());
    EXPECT_EQ(h.deliverAll(), 2u);  // the kintone write and the sender's notice
    EXPECT_EQ(text(id, "共有状況"), "差戻し");
    EXPECT_NE(text(id, "差戻し理由").find(reasonPart), std::string::npos) << text(id, "差戻し理由");
    EXPECT_EQ(testing::entityField(h.record("shares", id), "閲覧組織"), "teichaku-13")
        << "no access for anyone else";
    const auto notices = h.garoonNotices();
    ASSERT_EQ(notices.size(), before + 1);
    EXPECT_EQ(notices.back().destinationCodes, std::vector<std::string>{"tk13-01"});
    EXPECT_EQ(notices.back().notificationKey, "share:shares:" + id + ":sender");
  }

  RulesHarness h;
};

TEST_F(ShareFlowTest, AValidShareNotifiesEachDestinationUserOnceAndGrantsAccess) {
  h.addCase("13-000001", kTokyo, true);
  const std::string id = h.addShare("13-000001", kTokyo, kKanagawa, true, "tk13-01");
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  EXPECT_EQ(h.deliverAll(), 2u);

  const auto notices = h.garoonNotices();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].notificationKey, "share:shares:" + id + ":destination");
  EXPECT_EQ(notices[0].operation, "add");
  // Three Garoon users in 神奈川; tk14-09 has kintone only and gets nothing.
  EXPECT_EQ(notices[0].destinationCodes, kKanagawaGaroonStaff);
  EXPECT_EQ(h.garoonItems().at("share:shares:" + id + ":destination"), 3u);
  EXPECT_EQ(testing::entityField(h.record("shares", id), "閲覧組織"), "teichaku-13,teichaku-14");

  // Our own 閲覧組織 write is a new revision at 送信: not a new decision.
  const auto outbox = h.outboxSize();
  ASSERT_TRUE(h.changed("shares", id).isOk());
  EXPECT_EQ(h.outboxSize(), outbox);
}

TEST_F(ShareFlowTest, TheSameWebhookTwiceChangesNothing) {
  h.addCase("13-000001", kTokyo, true);
  const std::string id = h.addShare("13-000001", kTokyo, kKanagawa, true, "tk13-01");
  h.setText("shares", id, "共有状況", "送信");
  ASSERT_TRUE(h.changed("shares", id).isOk());
  ASSERT_TRUE(h.changed("shares", id).isOk());
  EXPECT_EQ(h.outboxSize(), 2);
  EXPECT_EQ(h.deliverAll(), 2u);
  ASSERT_TRUE(h.changed("shares", id).isOk());
  EXPECT_EQ(h.deliverAll(), 0u);
  EXPECT_EQ(h.garoonNotices().size(), 1u);
}

TEST_F(ShareFlowTest, AReSendModifiesTheSameNotification) {
  h.addCase("13-000001", kTokyo, true);
  const std::string id = h.addShare("13-000001", kTokyo, kKanagawa, true, "tk13-01");
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  h.deliverAll();
  ASSERT_TRUE(h.setStatus(id, "下書き").isOk());
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  EXPECT_EQ(h.deliverAll(), 2u);

  const auto notices = h.garoonNotices();
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[1].notificationKey, notices[0].notificationKey);
  EXPECT_EQ(notices[1].operation, "modify");
  const auto items = h.garoonItems();
  EXPECT_EQ(items.size(), 1u) << "updated, not added";
  EXPECT_EQ(items.at("share:shares:" + id + ":destination"), 3u);
}

TEST_F(ShareFlowTest, ToTheOwnCentreIsSentBack) {
  h.addCase("13-000001", kTokyo, true);
  expectReturned(h.addShare("13-000001", kTokyo, kTokyo, true, "tk13-01"), "送信元センターと同じ");
}

TEST_F(ShareFlowTest, ToACentreTheBridgeDoesNotKnowIsSentBack) {
  h.addCase("13-000001", kTokyo, true);
  expectReturned(h.addShare("13-000001", kTokyo, kOsaka, true, "tk13-01"),
                 "送信先センターが登録されたセンターではありません");
}

TEST_F(ShareFlowTest, WithoutTheDestinationConfirmationIsSentBack) {
  h.addCase("13-000001", kTokyo, true);
  expectReturned(h.addShare("13-000001", kTokyo, kKanagawa, false, "tk13-01"), "送信先確認");
}

TEST_F(ShareFlowTest, ACaseOfAnotherCentreIsSentBack) {
  h.addCase("14-000002", kKanagawa, true);
  expectReturned(h.addShare("14-000002", kTokyo, kKanagawa, true, "tk13-01"),
                 "管理センターは送信元センターではありません");
}

TEST_F(ShareFlowTest, WithoutConsentIsSentBackAndAFixedShareGoesThrough) {
  const std::string caseId = h.addCase("13-000003", kTokyo, false);
  const std::string id = h.addShare("13-000003", kTokyo, kKanagawa, true, "tk13-01");
  expectReturned(id, "情報提供同意先");

  // The centre records the consent and sends again: accepted, reason cleared.
  rapidjson::Document updates;
  updates.Parse((R"([{"id":")" + caseId +
                 R"(","record":{"情報提供同意先":{"value":["他県の地域生活定着支援センター"]}}}])")
                    .c_str());
  ASSERT_TRUE(h.kintone().updateRecords("1", updates).outcome.isOk());
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  EXPECT_EQ(h.deliverAll(), 2u);
  EXPECT_EQ(text(id, "差戻し理由"), "");
  EXPECT_EQ(h.garoonNotices().back().destinationCodes, kKanagawaGaroonStaff);
}

TEST_F(ShareFlowTest, AReceiptNotifiesTheSenderAndRecordsTheTime) {
  h.addCase("13-000001", kTokyo, true);
  const std::string id = h.addShare("13-000001", kTokyo, kKanagawa, true, "tk13-01");
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  h.deliverAll();
  EXPECT_EQ(overdueShareCount(h.store(), h.settings(), h.now), 0u);

  h.now += 1000;
  ASSERT_TRUE(h.setStatus(id, "受領確認").isOk());
  EXPECT_EQ(h.deliverAll(), 2u);
  const auto notices = h.garoonNotices();
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[1].destinationCodes, std::vector<std::string>{"tk13-01"});
  EXPECT_EQ(notices[1].notificationKey, "receipt:shares:" + id + ":sender");
  // h.now = 1775000001000 ms = 2026-03-31T23:33:21Z (date -u -d @1775000001).
  EXPECT_EQ(text(id, "受領日時"), "2026-03-31T23:33:00Z");  // kintone keeps minutes

  ASSERT_TRUE(h.changed("shares", id).isOk());  // our 受領日時 write
  EXPECT_EQ(h.deliverAll(), 0u);
}

TEST_F(ShareFlowTest, AnUnconfirmedShareIsRemindedOnceAndCounted) {
  h.addCase("13-000001", kTokyo, true);
  const std::string id = h.addShare("13-000001", kTokyo, kKanagawa, true, "tk13-01");
  ASSERT_TRUE(h.setStatus(id, "送信").isOk());
  h.deliverAll();
  // The other rules tick too (the morning digest among them); only reminders count here.
  const std::string reminderKey = "receipt:shares:" + id + ":reminder";
  auto reminders = [&] {
    std::vector<testing::GaroonNotice> out;
    for (const auto& n : h.garoonNotices()) {
      if (n.notificationKey == reminderKey) {
        out.push_back(n);
      }
    }
    return out;
  };

  h.now += 47LL * 3600 * 1000;  // default receiptReminderHours = 48
  ASSERT_TRUE(h.engine().tick(h.now).isOk());
  h.deliverAll();
  EXPECT_TRUE(reminders().empty());
  EXPECT_EQ(overdueShareCount(h.store(), h.settings(), h.now), 0u);

  h.now += 3600 * 1000;
  EXPECT_EQ(overdueShareCount(h.store(), h.settings(), h.now), 1u);
  for (int minute = 0; minute < 5; ++minute) {
    ASSERT_TRUE(h.engine().tick(h.now + minute * 60000).isOk());
  }
  h.deliverAll();
  ASSERT_EQ(reminders().size(), 1u);
  EXPECT_EQ(reminders()[0].destinationCodes, kKanagawaGaroonStaff);

  ASSERT_TRUE(h.setStatus(id, "受領確認").isOk());
  EXPECT_EQ(overdueShareCount(h.store(), h.settings(), h.now), 0u);
}

TEST_F(ShareFlowTest, ADeletedRecordIsIgnored) {
  EXPECT_TRUE(h.changed("shares", "999").isOk());
  EXPECT_EQ(h.outboxSize(), 0);
}

}  // namespace
}  // namespace teichaku::rules
