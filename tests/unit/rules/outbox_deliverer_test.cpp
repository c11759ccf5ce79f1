#include "rules/outbox_deliverer.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "rules_harness.h"

namespace teichaku::rules {
namespace {

using testing::RulesHarness;

constexpr const char* kRoute = "/g/api/v1/notification/items";

NotificationAction notice(const garoon::PayloadGuard& guard, const std::string& caseNumber,
                          const std::string& shareId) {
  NotificationAction a;
  a.notificationKey = "test:shares:" + shareId + ":destination";
  a.userCodes = {"tk14-01"};
  a.title = guard.text()
                .kind(garoon::EventKind::kRecordAdded)
                .centre(testing::kTokyo)
                .caseNumber(caseNumber)
                .str();
  a.body = guard.text().centre(testing::kTokyo).lineBreak().caseNumber(caseNumber).str();
  a.url = guard.recordUrl("4", shareId)->str();
  a.personalSources = {{"shares", shareId}};
  return a;
}

// POSTs to notification/items the emulator's front end saw, faulted ones included (the
// service's own history only has those that got through).
std::uint64_t notificationPosts(RulesHarness& h) {
  rapidjson::Document log;
  log.Parse(h.emulator().requestLog().toJson().c_str());
  const auto& routes = log["routes"];
  return routes.HasMember(kRoute) ? routes[kRoute].GetUint64() : 0;
}

store::OutboxItem only(store::MirrorStore& store) {
  auto items = store.listOutbox(std::nullopt, 10);
  EXPECT_EQ(items.size(), 1u);
  return items.empty() ? store::OutboxItem{} : items.front();
}

TEST(OutboxDelivererTest, ARetryableFailureBacksOffThenSucceeds) {
  RulesHarness h;
  emulator::FaultSpec fault;
  fault.rate500 = 1;
  fault.remaining = 1;
  h.emulator().faults().set(kRoute, fault);
  ASSERT_TRUE(enqueue(h.store(), "k1", notice(h.guard(), "13-000001", "1"), h.now));

  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  auto item = only(h.store());
  EXPECT_EQ(item.state, store::OutboxState::kPending);
  EXPECT_EQ(item.attempts, 1);
  // Full jitter with u = 0.5: half of base (30 s) · 2^0.
  EXPECT_EQ(item.nextAttemptAt, h.now + 15000);
  EXPECT_EQ(item.lastError.rfind("GAROON_SERVER_ERROR: ", 0), 0u) << item.lastError;

  EXPECT_EQ(h.deliverer().deliverDue(10), 0u) << "not due yet";
  h.now += 15000;
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  EXPECT_EQ(only(h.store()).state, store::OutboxState::kDone);
  EXPECT_EQ(notificationPosts(h), 2u);  // the faulted POST and the good one
  const auto notices = h.garoonNotices();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].operation, "add");
  EXPECT_EQ(notices[0].destinationCodes, std::vector<std::string>{"tk14-01"});
  EXPECT_EQ(h.garoonItems().at("test:shares:1:destination"), 1u);
}

TEST(OutboxDelivererTest, ParksAfterTheConfiguredAttemptsWithAFixedErrorText) {
  RulesHarness h;  // outboxMaxAttempts = 3
  emulator::FaultSpec fault;
  fault.rate500 = 1;
  h.emulator().faults().set(kRoute, fault);
  ASSERT_TRUE(enqueue(h.store(), "k1", notice(h.guard(), "13-000001", "1"), h.now));

  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  h.now += 15000;  // u · 30 s
  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  EXPECT_EQ(only(h.store()).nextAttemptAt, h.now + 30000);  // u · 60 s
  h.now += 30000;
  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  auto item = only(h.store());
  EXPECT_EQ(item.state, store::OutboxState::kParked);
  EXPECT_EQ(item.attempts, 3);
  EXPECT_EQ(item.lastError,
            "GAROON_SERVER_ERROR: 送信できませんでした（試行 3 回目）。詳細は docs/messages.md "
            "のこの ID を参照してください。");
  h.now += 3600 * 1000;
  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  EXPECT_EQ(notificationPosts(h), 3u) << "a parked item is not sent again";
}

TEST(OutboxDelivererTest, APersonalValueOfTheRecordStopsTheSendAndStaysOutOfLastError) {
  RulesHarness h;
  h.addCase("13-000777", testing::kTokyo, true);
  const std::string share =
      h.addShare("13-000777", testing::kTokyo, testing::kKanagawa, true, "tk13-01");
  // 共有内容 is personal (mappings/raito-plus.toml); here it repeats the case number, so
  // the final check must refuse the otherwise whitelisted title.
  h.setText("shares", share, "共有内容", "13-000777");
  ASSERT_TRUE(enqueue(h.store(), "k1", notice(h.guard(), "13-000777", share), h.now));

  EXPECT_EQ(h.deliverer().deliverDue(10), 0u);
  auto item = only(h.store());
  EXPECT_EQ(item.state, store::OutboxState::kParked) << "a permanent refusal is not retried";
  EXPECT_EQ(item.lastError.rfind("GAROON_PAYLOAD_REJECTED: ", 0), 0u) << item.lastError;
  EXPECT_EQ(item.lastError.find("13-000777"), std::string::npos);
  EXPECT_TRUE(h.garoonNotices().empty()) << "nothing reached Garoon";
}

TEST(OutboxDelivererTest, AStaleKintoneUpdateIsSupersededNotParked) {
  RulesHarness h;
  h.addCase("13-000001", testing::kTokyo, true);
  const std::string share =
      h.addShare("13-000001", testing::kTokyo, testing::kKanagawa, true, "tk13-01");
  h.setText("shares", share, "共有内容", "追記");  // revision 1 -> 2
  KintoneUpdateAction update;
  update.appKey = "shares";
  update.recordId = share;
  update.recordJson = R"({"共有状況":{"value":"差戻し"}})";
  update.revision = 1;
  ASSERT_TRUE(enqueue(h.store(), "k1", update, h.now));
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  EXPECT_EQ(only(h.store()).state, store::OutboxState::kDone);
  EXPECT_STREQ(h.record("shares", share)["共有状況"]["value"].GetString(), "下書き");
}

TEST(OutboxDelivererTest, EventsAreCreatedMovedAndDeletedUnderOneKey) {
  RulesHarness h;
  EventAction event;
  event.eventKey = "release:cases:1:sentence_end";
  event.userCodes = {"tk13-01", "tk13-02"};
  event.subject = h.guard().text().kind(garoon::EventKind::kRelease).caseNumber("13-000001").str();
  event.notes = h.guard().text().centre(testing::kTokyo).str();
  event.date = "2026-05-01";
  ASSERT_TRUE(enqueue(h.store(), "e1", event, h.now));
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  const auto id = h.store().meta("garoon.event." + event.eventKey);
  ASSERT_TRUE(id && !id->empty());

  event.date = "2026-05-08";
  ASSERT_TRUE(enqueue(h.store(), "e2", event, h.now));
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  EXPECT_EQ(h.store().meta("garoon.event." + event.eventKey), id) << "moved, not a second event";
  auto moved = h.garoon().getEvent(*id);
  ASSERT_TRUE(moved.outcome.isOk()) << moved.outcome.message();
  EXPECT_EQ(moved.value.start.dateTime.substr(0, 10), "2026-05-08");

  event.remove = true;
  ASSERT_TRUE(enqueue(h.store(), "e3", event, h.now));
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  EXPECT_FALSE(h.garoon().getEvent(*id).outcome.isOk());
  EXPECT_EQ(h.store().meta("garoon.event." + event.eventKey), "");
}

// Issue 5: a task add whose markDone was lost is sent again; with the upsert key (a unique
// field, kintone-api.md "PUT records.json" upsert) the repeat updates the same record.
TEST(OutboxDelivererTest, ATaskAddSentTwiceLeavesOneRecord) {
  RulesHarness h;
  h.addCase("13-000001", testing::kTokyo, true);
  KintoneUpdateAction add;
  add.appKey = "tasks";
  add.recordJson =
      R"({"対象者番号":{"value":"13-000001"},"タスク":{"value":"初回面談"},"業務区分":{"value":"共通"},)"
      R"("タスク状況":{"value":"未着手"},"期限":{"value":"2026-04-07"},)"
      R"("タスク担当者":{"value":[{"code":"tk13-01"}]},"閲覧組織":{"value":[{"code":"teichaku-13"}]}})";
  add.upsertKeyField = "ブリッジキー";
  add.upsertKeyValue = "tasks:cases:1:共通:初回面談";
  ASSERT_TRUE(enqueue(h.store(), add.upsertKeyValue, add, h.now));
  ASSERT_EQ(h.deliverer().deliverDue(10), 1u);
  // The same send again, as after a crash before markDone (a second item, since the
  // store keeps the first as done).
  ASSERT_TRUE(enqueue(h.store(), add.upsertKeyValue + "#replay", add, h.now));
  ASSERT_EQ(h.deliverer().deliverDue(10), 1u);

  auto found = h.kintone().getRecords("3", R"(ブリッジキー = "tasks:cases:1:共通:初回面談")",
                                      {"$id", "タスク"}, true);
  ASSERT_TRUE(found.outcome.isOk()) << found.outcome.message();
  ASSERT_EQ(found.json["records"].Size(), 1u) << "a repeated add must not add a second task";
  EXPECT_STREQ(found.json["records"][0]["タスク"]["value"].GetString(), "初回面談");
  auto all = h.kintone().getRecords("3", "", {"$id"}, true);
  ASSERT_TRUE(all.outcome.isOk()) << all.outcome.message();
  EXPECT_EQ(all.json["records"].Size(), 1u);
}

// Garoon events on the date with `subject` that `code` attends, as Garoon lists them.
std::vector<garoon::Event> eventsOn(RulesHarness& h, const std::string& code,
                                    const std::string& date, const std::string& subject) {
  auto ids = h.garoon().garoonIdsByCode({code});
  EXPECT_TRUE(ids.outcome.isOk()) << ids.outcome.message();
  garoon::EventSearch search;
  search.rangeStart = date + "T00:00:00+09:00";
  search.rangeEnd = date + "T23:59:59+09:00";
  search.targetType = "user";
  search.target = ids.value[code];
  auto found = h.garoon().searchEvents(search);
  EXPECT_TRUE(found.outcome.isOk()) << found.outcome.message();
  std::vector<garoon::Event> out;
  for (const auto& event : found.value) {
    if (event.subject == subject) {
      out.push_back(event);
    }
  }
  return out;
}

// Issue 5: the create reached Garoon but the process died before markDone. The restarted
// run releases the in-flight item; the repeat must adopt that event, not add a second one.
TEST(OutboxDelivererTest, AnEventCreatedBeforeACrashIsAdoptedNotCreatedAgain) {
  RulesHarness h;
  EventAction event;
  event.eventKey = "release:cases:7:sentence_end";
  event.userCodes = {"tk13-01", "tk13-02"};
  event.subject = h.guard().text().kind(garoon::EventKind::kRelease).caseNumber("13-000007").str();
  event.notes = h.guard().text().centre(testing::kTokyo).str();
  event.date = "2026-06-03";
  ASSERT_TRUE(enqueue(h.store(), "crash1", event, h.now));
  ASSERT_TRUE(h.store().claim(h.now).has_value());

  // What the first run sent before dying: the same all-day event.
  garoon::EventInput input;
  input.type = garoon::EventType::kAllDay;
  input.isAllDay = true;
  input.subject = h.guard().text().kind(garoon::EventKind::kRelease).caseNumber("13-000007");
  input.notes = h.guard().text().centre(testing::kTokyo);
  input.start = {"2026-06-03T00:00:00+09:00", "Asia/Tokyo"};
  input.end = garoon::EventTime{"2026-06-03T23:59:59+09:00", "Asia/Tokyo"};
  input.attendees = {{garoon::Attendee::Type::kUser, garoon::Ref::code("tk13-02")},
                     {garoon::Attendee::Type::kUser, garoon::Ref::code("tk13-01")}};
  auto created = h.garoon().createEvent(input, {});
  ASSERT_TRUE(created.outcome.isOk()) << created.outcome.message();
  ASSERT_FALSE(created.value.id.empty());

  EXPECT_EQ(h.store().releaseInFlight(), 1);
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  EXPECT_EQ(h.store().meta("garoon.event." + event.eventKey), created.value.id);
  const auto events = eventsOn(h, "tk13-01", "2026-06-03", event.subject);
  ASSERT_EQ(events.size(), 1u) << "the repeat must not create a second event";
  EXPECT_EQ(events.front().id, created.value.id);
  EXPECT_EQ(only(h.store()).state, store::OutboxState::kDone);
}

// A different event on the same date (another case) is not mistaken for ours.
TEST(OutboxDelivererTest, AnotherCasesEventOnTheDateIsNotAdopted) {
  RulesHarness h;
  garoon::EventInput other;
  other.type = garoon::EventType::kAllDay;
  other.isAllDay = true;
  other.subject = h.guard().text().kind(garoon::EventKind::kRelease).caseNumber("13-000008");
  other.notes = h.guard().text().centre(testing::kTokyo);
  other.start = {"2026-06-03T00:00:00+09:00", "Asia/Tokyo"};
  other.end = garoon::EventTime{"2026-06-03T23:59:59+09:00", "Asia/Tokyo"};
  other.attendees = {{garoon::Attendee::Type::kUser, garoon::Ref::code("tk13-01")}};
  auto otherId = h.garoon().createEvent(other, {});
  ASSERT_TRUE(otherId.outcome.isOk()) << otherId.outcome.message();

  EventAction event;
  event.eventKey = "release:cases:7:sentence_end";
  event.userCodes = {"tk13-01"};
  event.subject = h.guard().text().kind(garoon::EventKind::kRelease).caseNumber("13-000007").str();
  event.notes = h.guard().text().centre(testing::kTokyo).str();
  event.date = "2026-06-03";
  ASSERT_TRUE(enqueue(h.store(), "e1", event, h.now));
  EXPECT_EQ(h.deliverer().deliverDue(10), 1u);
  const auto id = h.store().meta("garoon.event." + event.eventKey);
  ASSERT_TRUE(id && !id->empty());
  EXPECT_NE(*id, otherId.value.id);
  EXPECT_EQ(eventsOn(h, "tk13-01", "2026-06-03", event.subject).size(), 1u);
}

}  // namespace
}  // namespace teichaku::rules
