#include "rules/outbox_action.h"

#include <gtest/gtest.h>

namespace teichaku::rules {
namespace {

TEST(OutboxActionTest, NotificationRoundTrips) {
  NotificationAction a;
  a.notificationKey = "share:shares:12:destination";
  a.userCodes = {"tk14-01", "tk14-02"};
  a.title = "【記録の追加】 東京都地域生活定着支援センター ケース番号 13-000001";
  a.body = "東京都地域生活定着支援センター\nケース番号 13-000001";
  a.url = "https://example.cybozu.com/k/4/show#record=12";
  a.remove = true;
  a.personalSources = {{"shares", "12"}, {"cases", "3"}};
  auto back = notificationFromPayload(toPayload(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->notificationKey, a.notificationKey);
  EXPECT_EQ(back->userCodes, a.userCodes);
  EXPECT_EQ(back->title, a.title);
  EXPECT_EQ(back->body, a.body);
  EXPECT_EQ(back->url, a.url);
  EXPECT_TRUE(back->remove);
  EXPECT_EQ(back->personalSources, a.personalSources);
}

TEST(OutboxActionTest, EventRoundTrips) {
  EventAction a;
  a.eventKey = "release:cases:3:sentence_end";
  a.userCodes = {"tk13-01"};
  a.subject = "【釈放】 ケース番号 13-000001";
  a.notes = "釈放予定日 2026-05-01";
  a.date = "2026-05-01";
  a.personalSources = {{"cases", "3"}};
  auto back = eventFromPayload(toPayload(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->eventKey, a.eventKey);
  EXPECT_EQ(back->userCodes, a.userCodes);
  EXPECT_EQ(back->subject, a.subject);
  EXPECT_EQ(back->notes, a.notes);
  EXPECT_EQ(back->date, "2026-05-01");
  EXPECT_FALSE(back->remove);
  EXPECT_EQ(back->personalSources, a.personalSources);
}

TEST(OutboxActionTest, KintoneUpdateRoundTripsWithNestedJsonText) {
  KintoneUpdateAction a;
  a.appKey = "shares";
  a.recordId = "12";
  a.recordJson =
      R"({"共有状況":{"value":"差戻し"},"差戻し理由":{"value":"「送信先確認」に\"印\""}})";
  a.revision = 41;
  auto back = kintoneUpdateFromPayload(toPayload(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->appKey, "shares");
  EXPECT_EQ(back->recordId, "12");
  EXPECT_EQ(back->recordJson, a.recordJson);
  EXPECT_EQ(back->revision, 41);
}

TEST(OutboxActionTest, TaskAddKeepsItsUpsertKeyAndOlderPayloadsStillRead) {
  KintoneUpdateAction a;
  a.appKey = "tasks";
  a.recordJson = R"({"タスク":{"value":"初回面談"}})";
  a.upsertKeyField = "ブリッジキー";
  a.upsertKeyValue = "tasks:cases:5:共通:初回面談";
  auto back = kintoneUpdateFromPayload(toPayload(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->upsertKeyField, "ブリッジキー");
  EXPECT_EQ(back->upsertKeyValue, "tasks:cases:5:共通:初回面談");
  // An item enqueued before the upsert key existed: a plain add.
  auto old = kintoneUpdateFromPayload(
      R"({"appKey":"tasks","recordId":"","recordJson":"{}","revision":-1})");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->upsertKeyField, "");
}

TEST(OutboxActionTest, DamagedOrForeignPayloadsAreRefused) {
  EXPECT_FALSE(notificationFromPayload("not json"));
  EXPECT_FALSE(notificationFromPayload(R"({"notificationKey":1})"));
  EXPECT_FALSE(eventFromPayload(toPayload(NotificationAction{})));  // no eventKey
  EXPECT_FALSE(kintoneUpdateFromPayload(R"({"appKey":"a","recordId":"1","recordJson":"{}"})"));
  // The kind decides the reader: a notification payload is not an update.
  EXPECT_FALSE(kintoneUpdateFromPayload(toPayload(NotificationAction{})));
}

}  // namespace
}  // namespace teichaku::rules
