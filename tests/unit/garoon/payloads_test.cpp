#include "garoon/payloads.h"

#include <gtest/gtest.h>

// Golden bodies follow the field tables of garoon-cybozu-api.md A2 (notification/items) and
// A3 (schedule/events POST body), written out by hand.
namespace teichaku::garoon {
namespace {

PayloadGuard guard() {
  return PayloadGuard("https://example.cybozu.com", {"千葉県地域生活定着支援センター"});
}

NotificationInput notification() {
  const PayloadGuard g = guard();
  NotificationInput input;
  input.app = "teichaku";
  input.notificationKey = "case-101-42";
  input.operation = NotificationOperation::kModify;
  input.url = *g.recordUrl("101", "42");
  input.title = g.text().kind(EventKind::kRecordChanged).caseNumber("12-000042");
  input.body = g.text().centre("千葉県地域生活定着支援センター");
  input.destinations = {Ref::code("staff1"), Ref::id("1004")};
  return input;
}

TEST(NotificationPayload, MatchesGoldenJson) {
  const PayloadResult result = notificationPayload(notification());
  ASSERT_TRUE(result.outcome.isOk()) << result.outcome.message();
  EXPECT_EQ(result.json,
            R"({"app":"teichaku","notificationKey":"case-101-42","operation":"modify",)"
            R"("url":"https://example.cybozu.com/k/101/show#record=42",)"
            R"("title":"【記録の更新】 ケース番号 12-000042",)"
            R"("body":"千葉県地域生活定着支援センター",)"
            R"("destinations":[{"type":"USER","code":"staff1"},{"type":"USER","id":"1004"}]})");
}

TEST(NotificationPayload, RequiresEveryDocumentedField) {
  auto noKey = notification();
  noKey.notificationKey.clear();
  EXPECT_EQ(notificationPayload(noKey).outcome.messageId(), "GAROON_INVALID_ARGUMENT");
  auto noUrl = notification();
  noUrl.url = GuardedUrl();
  EXPECT_EQ(notificationPayload(noUrl).outcome.messageId(), "GAROON_INVALID_ARGUMENT");
  auto noDestination = notification();
  noDestination.destinations.clear();
  EXPECT_EQ(notificationPayload(noDestination).outcome.messageId(), "GAROON_INVALID_ARGUMENT");
  auto noBody = notification();
  noBody.body = guard().text();
  EXPECT_EQ(notificationPayload(noBody).outcome.messageId(), "GAROON_INVALID_ARGUMENT");
}

TEST(NotificationPayload, RefusedPiecesStopThePayload) {
  auto input = notification();
  input.title.caseNumber("佐藤一郎");
  const PayloadResult result = notificationPayload(input);
  EXPECT_EQ(result.outcome.messageId(), "GAROON_PAYLOAD_REJECTED");
  EXPECT_TRUE(result.json.empty());
  EXPECT_EQ(result.outcome.message().find("佐藤"), std::string::npos);
}

EventInput event() {
  const PayloadGuard g = guard();
  EventInput input;
  input.type = EventType::kRegular;
  input.subject = g.text().kind(EventKind::kInterview).caseNumber("12-000042");
  input.notes = g.text().centre("千葉県地域生活定着支援センター");
  input.start = {"2026-04-01T10:00:00+09:00", "Asia/Tokyo"};
  input.end = EventTime{"2026-04-01T11:00:00+09:00", "Asia/Tokyo"};
  input.attendees = {{Attendee::Type::kUser, Ref::code("staff1")},
                     {Attendee::Type::kOrganization, Ref::id("501")}};
  return input;
}

TEST(EventPayload, AddMatchesGoldenJson) {
  const PayloadResult result = eventPayload(event(), false);
  ASSERT_TRUE(result.outcome.isOk()) << result.outcome.message();
  EXPECT_EQ(result.json,
            R"({"eventType":"REGULAR","subject":"【面談】 ケース番号 12-000042",)"
            R"("notes":"千葉県地域生活定着支援センター",)"
            R"("start":{"dateTime":"2026-04-01T10:00:00+09:00","timeZone":"Asia/Tokyo"},)"
            R"("end":{"dateTime":"2026-04-01T11:00:00+09:00","timeZone":"Asia/Tokyo"},)"
            R"("isAllDay":false,"isStartOnly":false,)"
            R"("attendees":[{"type":"USER","code":"staff1"},{"type":"ORGANIZATION","id":"501"}]})");
}

// A3: PATCH takes the add fields without eventType.
TEST(EventPayload, UpdateLeavesOutEventType) {
  auto input = event();
  input.type = EventType::kAllDay;
  input.isAllDay = true;
  const PayloadResult result = eventPayload(input, true);
  ASSERT_TRUE(result.outcome.isOk());
  EXPECT_EQ(result.json.find("eventType"), std::string::npos);
  EXPECT_NE(result.json.find(R"("isAllDay":true)"), std::string::npos);
}

// A3 POST body: end unless isStartOnly (GRN_REST_API_00224); end for ALL_DAY; isStartOnly and
// isAllDay not together (GRN_REST_API_00223); attendees or facilities required.
TEST(EventPayload, EnforcesDocumentedValidation) {
  auto noEnd = event();
  noEnd.end.reset();
  EXPECT_EQ(eventPayload(noEnd, false).outcome.messageId(), "GAROON_INVALID_ARGUMENT");

  auto startOnly = event();
  startOnly.end.reset();
  startOnly.isStartOnly = true;
  const PayloadResult ok = eventPayload(startOnly, false);
  ASSERT_TRUE(ok.outcome.isOk());
  EXPECT_EQ(ok.json.find("\"end\""), std::string::npos);

  auto allDayNoEnd = event();
  allDayNoEnd.type = EventType::kAllDay;
  allDayNoEnd.end.reset();
  allDayNoEnd.isStartOnly = true;
  EXPECT_EQ(eventPayload(allDayNoEnd, false).outcome.messageId(), "GAROON_INVALID_ARGUMENT");

  auto both = event();
  both.isStartOnly = true;
  both.isAllDay = true;
  EXPECT_EQ(eventPayload(both, false).outcome.messageId(), "GAROON_INVALID_ARGUMENT");

  auto nobody = event();
  nobody.attendees.clear();
  EXPECT_EQ(eventPayload(nobody, false).outcome.messageId(), "GAROON_INVALID_ARGUMENT");

  auto refused = event();
  refused.notes.centre("どこかの住所");
  EXPECT_EQ(eventPayload(refused, false).outcome.messageId(), "GAROON_PAYLOAD_REJECTED");
}

// A3 "Event object": the official sample has isAllDay as the string "false"; ids may be
// numbers (A1 "Identifiers").
TEST(ReadEvent, ParsesLenientBooleansAndNumericIds) {
  rapidjson::Document doc;
  doc.Parse(
      R"({"id":123,"eventType":"REGULAR","subject":"s","isAllDay":"true",)"
      R"("isStartOnly":false,"start":{"dateTime":"2026-04-01T10:00:00+09:00",)"
      R"("timeZone":"Asia/Tokyo"},"attendees":[{"id":"1003","code":"staff1","type":"USER"}]})");
  const auto parsed = readEvent(doc);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, "123");
  EXPECT_TRUE(parsed->isAllDay);
  EXPECT_FALSE(parsed->isStartOnly);
  EXPECT_FALSE(parsed->end);
  EXPECT_EQ(parsed->start.dateTime, "2026-04-01T10:00:00+09:00");
  ASSERT_EQ(parsed->attendees.size(), 1u);
  EXPECT_EQ(parsed->attendees[0].code, "staff1");

  doc.Parse(R"({"subject":"no id"})");
  EXPECT_FALSE(readEvent(doc));
}

}  // namespace
}  // namespace teichaku::garoon
