#include "emulator/garoon/garoon_test_fixture.h"

// Each test names the section of /work/shared/reference/garoon-cybozu-api.md it checks.
namespace teichaku::emulator::garoon {
namespace {

using testing::parse;

constexpr const char* kEvents = "/g/api/v1/schedule/events";

std::string event(const std::string& extra,
                  const std::string& start = "2026-04-10T10:00:00+09:00") {
  return R"({"eventType":"REGULAR","subject":"面談","start":{"dateTime":")" + start +
         R"(","timeZone":"Asia/Tokyo"},"attendees":[{"type":"USER","code":"staff1"}])" + extra +
         "}";
}

const std::string kEnd =
    R"(,"end":{"dateTime":"2026-04-10T11:00:00+09:00","timeZone":"Asia/Tokyo"})";

// A3 add: the response is the full event with id, creator and resolved attendees.
TEST_F(GaroonServiceTest, AddEventReturnsTheEvent) {
  const auto response = call("POST", kEvents, event(kEnd));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = parse(response.body);
  EXPECT_STREQ(json["id"].GetString(), "1");
  EXPECT_STREQ(json["creator"]["code"].GetString(), "bridge");
  EXPECT_STREQ(json["attendees"][0]["id"].GetString(), "1003");  // Garoon id of staff1
  EXPECT_STREQ(json["attendees"][0]["type"].GetString(), "USER");
  EXPECT_STREQ(json["end"]["dateTime"].GetString(), "2026-04-10T11:00:00+09:00");
  const auto fetched = parse(call("GET", std::string(kEvents) + "/1", "", "staff1").body);
  EXPECT_STREQ(fetched["subject"].GetString(), "面談");
}

// A3 "POST body" end / isStartOnly rules with the A1 codes 00224, 00223, 00205, 00203.
TEST_F(GaroonServiceTest, EndAndStartOnlyRules) {
  EXPECT_EQ(errorCode(call("POST", kEvents, event(""))), "GRN_REST_API_00224");
  EXPECT_EQ(call("POST", kEvents, event(R"(,"isStartOnly":true)")).status, 200);
  EXPECT_EQ(errorCode(call("POST", kEvents, event(R"(,"isStartOnly":true,"isAllDay":true)"))),
            "GRN_REST_API_00223");
  EXPECT_EQ(errorCode(call("POST", kEvents,
                           event(R"(,"isStartOnly":true,"facilities":[{"code":"room1"}])"))),
            "GRN_REST_API_00205");
  std::string allDay = event(R"(,"isStartOnly":true)");
  allDay.replace(allDay.find("REGULAR"), 7, "ALL_DAY");
  EXPECT_EQ(errorCode(call("POST", kEvents, allDay)), "GRN_REST_API_00205");
  EXPECT_EQ(errorCode(call("POST", kEvents, event(kEnd, "2026-04-10T12:00:00+09:00"))),
            "GRN_REST_API_00203");
}

// A3: only REGULAR and ALL_DAY can be created; attendees or facilities required.
TEST_F(GaroonServiceTest, EventTypeAndParticipants) {
  std::string repeating = event(kEnd);
  repeating.replace(repeating.find("REGULAR"), 7, "REPEATING");
  EXPECT_EQ(errorCode(call("POST", kEvents, repeating)), "GRN_REST_API_00212");
  const std::string nobody =
      R"({"eventType":"REGULAR","start":{"dateTime":"2026-04-10T10:00:00+09:00","timeZone":"Asia/Tokyo"},"isStartOnly":true})";
  EXPECT_EQ(errorCode(call("POST", kEvents, nobody)), "GRN_REST_API_00201");
  EXPECT_EQ(
      call(
          "POST", kEvents,
          R"({"eventType":"REGULAR","start":{"dateTime":"2026-04-10T10:00:00+09:00","timeZone":"Asia/Tokyo"},)"
          R"("end":{"dateTime":"2026-04-10T11:00:00+09:00","timeZone":"Asia/Tokyo"},"facilities":[{"code":"room1"}]})")
          .status,
      200);
  EXPECT_EQ(errorCode(call("POST", kEvents, event(kEnd, "2026-04-31T10:00:00+09:00"))),
            "GRN_REST_API_00220");
}

// A3 update: PATCH merges the sent fields and revalidates.
TEST_F(GaroonServiceTest, PatchUpdatesAndRevalidates) {
  ASSERT_EQ(call("POST", kEvents, event(kEnd)).status, 200);
  const std::string path = std::string(kEvents) + "/1";
  const auto patched = call("PATCH", path, R"({"subject":"変更後"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const auto json = parse(patched.body);
  EXPECT_STREQ(json["subject"].GetString(), "変更後");
  EXPECT_STREQ(json["end"]["dateTime"].GetString(), "2026-04-10T11:00:00+09:00");
  // Dropping end without isStartOnly breaks the end rule.
  EXPECT_EQ(errorCode(call("PATCH", path, R"({"end":null})")), "GRN_REST_API_00224");
  EXPECT_STREQ(parse(call("GET", path).body)["subject"].GetString(), "変更後");
}

TEST_F(GaroonServiceTest, DeleteRemovesTheEvent) {
  ASSERT_EQ(call("POST", kEvents, event(kEnd)).status, 200);
  const std::string path = std::string(kEvents) + "/1";
  EXPECT_EQ(call("DELETE", path).status, 204);
  const auto gone = call("GET", path);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(errorCode(gone), "GRN_SCHD_13001");
}

// A3 "Search": range by start, target/targetType, hasNext; rangeEnd after rangeStart.
TEST_F(GaroonServiceTest, SearchByRangeAndTarget) {
  ASSERT_EQ(call("POST", kEvents, event(kEnd)).status, 200);  // 10:00 JST = 01:00Z
  ASSERT_EQ(
      call("POST", kEvents, event(R"(,"isStartOnly":true)", "2026-04-11T10:00:00+09:00")).status,
      200);
  auto json = parse(get(kEvents,
                        {{"rangeStart", "2026-04-10T00:00:00Z"},
                         {"rangeEnd", "2026-04-11T00:00:00Z"},
                         {"target", "1003"},
                         {"targetType", "user"}},
                        "bridge")
                        .body);
  ASSERT_EQ(json["events"].Size(), 1u);
  EXPECT_STREQ(json["events"][0]["id"].GetString(), "1");
  EXPECT_FALSE(json["hasNext"].GetBool());

  // Default target is the caller: staff1 attends both, staff2 none.
  EXPECT_EQ(parse(call("GET", kEvents, "", "staff1").body)["events"].Size(), 2u);
  EXPECT_EQ(parse(call("GET", kEvents, "", "staff2").body)["events"].Size(), 0u);

  json = parse(get(kEvents, {{"orderBy", "start desc"}, {"limit", "1"}}, "staff1").body);
  ASSERT_EQ(json["events"].Size(), 1u);
  EXPECT_STREQ(json["events"][0]["id"].GetString(), "2");
  EXPECT_TRUE(json["hasNext"].GetBool());

  EXPECT_EQ(
      errorCode(get(kEvents,
                    {{"rangeStart", "2026-04-11T00:00:00Z"}, {"rangeEnd", "2026-04-10T00:00:00Z"}},
                    "staff1")),
      "GRN_REST_API_00203");
  EXPECT_EQ(errorCode(get(kEvents, {{"target", "1003"}}, "staff1")), "GRN_REST_API_00205");
}

// A3 "Documented behaviour": private events the caller cannot see are omitted.
TEST_F(GaroonServiceTest, PrivateEventsAreHiddenFromOthers) {
  ASSERT_EQ(call("POST", kEvents, event(kEnd + R"(,"visibilityType":"PRIVATE")")).status, 200);
  const auto others = get(kEvents, {{"target", "1003"}, {"targetType", "user"}}, "staff2");
  EXPECT_EQ(parse(others.body)["events"].Size(), 0u);
  EXPECT_EQ(call("GET", std::string(kEvents) + "/1", "", "staff2").status, 403);
  EXPECT_EQ(call("GET", std::string(kEvents) + "/1", "", "staff1").status, 200);
}

// Organization attendees: members see the event as theirs; organization target.
TEST_F(GaroonServiceTest, OrganizationAttendees) {
  const std::string body =
      R"({"eventType":"REGULAR","start":{"dateTime":"2026-04-10T10:00:00+09:00","timeZone":"Asia/Tokyo"},)"
      R"("isStartOnly":true,"attendees":[{"type":"ORGANIZATION","id":"501"}]})";
  ASSERT_EQ(call("POST", kEvents, body).status, 200);
  EXPECT_EQ(parse(call("GET", kEvents, "", "staff2").body)["events"].Size(), 1u);
  EXPECT_EQ(parse(get(kEvents, {{"target", "501"}, {"targetType", "organization"}}, "staff1")
                      .body)["events"]
                .Size(),
            1u);
}

}  // namespace
}  // namespace teichaku::emulator::garoon
