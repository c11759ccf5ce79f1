#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <memory>
#include <set>
#include <vector>

#include "emulator/cybozu/test_requests.h"
#include "emulator/cybozu/user_directory.h"
#include "emulator/garoon/garoon_service.h"
#include "garoon/garoon_client.h"
#include "service_server.h"

// The Garoon client against the emulator's GaroonService (tests/emulator/garoon) on a
// loopback socket. Tenant: sender "bridge", staff1, staff2 (in organization "office"), all
// licensed for Garoon; external notification app "teichaku" allowing kintone links
// (garoon-cybozu-api.md A2 "Prerequisite").
namespace teichaku::garoon {
namespace {

namespace emu = teichaku::emulator;

class GaroonClientEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override { start(0); }

  void start(std::size_t shortPageItems) {
    server_.reset();
    emu::cybozu::DirectoryOptions options;
    options.adminPassword = "cybozu";
    directory_ = std::make_shared<emu::cybozu::UserDirectory>(options);
    std::vector<emu::cybozu::UserInput> users;
    for (const char* code : {"bridge", "staff1", "staff2"}) {
      emu::cybozu::UserInput input;
      input.code = code;
      input.name = std::string(code) + "-name";
      input.password = std::string("pw-") + code;
      input.services = std::set<std::string>{"garoon"};
      users.push_back(input);
    }
    ASSERT_FALSE(directory_->addUsers(users));
    emu::cybozu::OrganizationInput office;
    office.code = "office";
    office.name = "支援センター";
    ASSERT_FALSE(directory_->addOrganizations({office}));
    ASSERT_FALSE(directory_->setUserOrganizations({{"staff2", {{"office", ""}}}}));
    emu::garoon::GaroonConfig config;
    config.notificationApps.push_back(
        {"teichaku", "定着支援", {"https://example.cybozu.com/k/"}, {"bridge"}});
    config.shortPageItems = shortPageItems;
    service_ = std::make_unique<emu::garoon::GaroonService>(directory_, config);
    server_ = std::make_unique<testing::ServiceServer>(std::vector<emu::Service*>{service_.get()});
  }

  std::unique_ptr<GaroonClient> client(const std::string& login = "bridge",
                                       const std::string& password = "") {
    GaroonClientConfig config;
    config.baseUrl = server_->baseUrl();
    config.password = {login, password.empty() ? "pw-" + login : password};
    config.retry.base = std::chrono::milliseconds(1);
    return std::make_unique<GaroonClient>(
        config, [] { return 0.5; },
        [this](std::chrono::milliseconds delay) { sleeps_.push_back(delay); });
  }

  rapidjson::Document control(const std::string& path) {
    emu::Response response;
    EXPECT_TRUE(service_->handleControl(emu::testing::makeRequest("GET", path), response));
    return emu::testing::parse(response.body);
  }

  NotificationInput notification(EventKind kind, NotificationOperation operation) {
    NotificationInput input;
    input.app = "teichaku";
    input.notificationKey = "case-101-42";
    input.operation = operation;
    input.url = *guard_.recordUrl("101", "42");
    input.title = guard_.text().kind(kind).caseNumber("13-000042");
    input.body = guard_.text().centre("東京都地域生活定着支援センター");
    input.destinations = {Ref::code("staff1")};
    return input;
  }

  EventInput event(const std::string& start, const std::string& end) {
    EventInput input;
    input.subject = guard_.text().kind(EventKind::kInterview).caseNumber("13-000042");
    input.start = {start, "Asia/Tokyo"};
    input.end = EventTime{end, "Asia/Tokyo"};
    input.attendees = {{Attendee::Type::kUser, Ref::code("staff1")}};
    return input;
  }

  PayloadGuard guard_{"https://example.cybozu.com", {"東京都地域生活定着支援センター"}};
  std::shared_ptr<emu::cybozu::UserDirectory> directory_;
  std::unique_ptr<emu::garoon::GaroonService> service_;
  std::unique_ptr<testing::ServiceServer> server_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

// A2: sending the same notificationKey again updates the registered notification.
TEST_F(GaroonClientEmulatorTest, UpsertTwiceWithTheSameKeyUpdatesOneItem) {
  auto bridge = client();
  ASSERT_TRUE(
      bridge
          ->upsertNotification(notification(EventKind::kRecordAdded, NotificationOperation::kAdd),
                               {"鈴木花子"})
          .outcome.isOk());
  const auto second = bridge->upsertNotification(
      notification(EventKind::kRecordChanged, NotificationOperation::kModify), {"鈴木花子"});
  ASSERT_TRUE(second.outcome.isOk()) << second.outcome.message();

  const auto history = control("/__emulator/garoon/notifications");
  ASSERT_EQ(history["requests"].Size(), 2u);
  EXPECT_EQ(history["requests"][1]["status"].GetInt(), 200);
  const auto items = control("/__emulator/garoon/notifications/items");
  ASSERT_EQ(items["items"].Size(), 1u);
  EXPECT_STREQ(items["items"][0]["title"].GetString(), "【記録の更新】 ケース番号 13-000042");
  EXPECT_STREQ(items["items"][0]["operation"].GetString(), "modify");

  const auto seen = client("staff1")->listNotifications();
  ASSERT_TRUE(seen.outcome.isOk()) << seen.outcome.message();
  ASSERT_EQ(seen.value.size(), 1u);
  EXPECT_EQ(seen.value[0].title, "【記録の更新】 ケース番号 13-000042");
  EXPECT_EQ(seen.value[0].creatorCode, "bridge");
  EXPECT_EQ(seen.value[0].url, "https://example.cybozu.com/k/101/show#record=42");
}

// BRIEF.md: a personal value in the final payload stops it before anything is sent.
TEST_F(GaroonClientEmulatorTest, PayloadWithAPersonalValueNeverLeaves) {
  const auto result = client()->upsertNotification(
      notification(EventKind::kRecordAdded, NotificationOperation::kAdd), {"x", "13-000042"});
  EXPECT_EQ(result.outcome.messageId(), "GAROON_PAYLOAD_REJECTED");
  EXPECT_EQ(server_->requestsSeen(), 0);
  EXPECT_EQ(control("/__emulator/garoon/notifications")["requests"].Size(), 0u);
}

TEST_F(GaroonClientEmulatorTest, EventsCreateMoveSearchDelete) {
  auto bridge = client();
  const auto created =
      bridge->createEvent(event("2026-04-01T10:00:00+09:00", "2026-04-01T11:00:00+09:00"), {});
  ASSERT_TRUE(created.outcome.isOk()) << created.outcome.message();
  ASSERT_FALSE(created.value.id.empty());
  EXPECT_EQ(created.value.eventType, "REGULAR");

  const auto moved = bridge->updateEvent(
      created.value.id, event("2026-04-03T14:00:00+09:00", "2026-04-03T15:00:00+09:00"), {});
  ASSERT_TRUE(moved.outcome.isOk()) << moved.outcome.message();
  const auto fetched = bridge->getEvent(created.value.id);
  ASSERT_TRUE(fetched.outcome.isOk());
  EXPECT_EQ(fetched.value.start.dateTime.substr(0, 10), "2026-04-03");
  ASSERT_EQ(fetched.value.attendees.size(), 1u);
  EXPECT_EQ(fetched.value.attendees[0].code, "staff1");

  EventSearch search;
  search.rangeStart = "2026-04-02T00:00:00+09:00";
  search.rangeEnd = "2026-04-10T00:00:00+09:00";
  search.targetType = "user";
  search.target = directory_->userByCode("staff1")->garoonId;
  const auto found = bridge->searchEvents(search);
  ASSERT_TRUE(found.outcome.isOk()) << found.outcome.message();
  ASSERT_EQ(found.value.size(), 1u);
  EXPECT_EQ(found.value[0].id, created.value.id);

  ASSERT_TRUE(bridge->deleteEvent(created.value.id).outcome.isOk());
  const auto gone = bridge->getEvent(created.value.id);
  EXPECT_EQ(gone.outcome.messageId(), "GAROON_NOT_FOUND");
  EXPECT_EQ(gone.errorCode, "GRN_SCHD_13001");
}

// A1 "Pagination": one item per page while hasNext is true; the client follows hasNext.
TEST_F(GaroonClientEmulatorTest, BaseUsersOfAnOrganizationAndLoginCodeMap) {
  start(1);
  auto bridge = client();
  const auto office = bridge->organizationByCode("office");
  ASSERT_TRUE(office.outcome.isOk()) << office.outcome.message();
  ASSERT_TRUE(office.value);
  EXPECT_EQ(office.value->id, directory_->organizationByCode("office")->garoonId);

  const auto members = bridge->organizationUsers(office.value->id);
  ASSERT_TRUE(members.outcome.isOk());
  ASSERT_EQ(members.value.size(), 1u);
  EXPECT_EQ(members.value[0].code, "staff2");

  const auto ids = bridge->garoonIdsByCode({"staff1", "staff2", "staff", "nobody"});
  ASSERT_TRUE(ids.outcome.isOk()) << ids.outcome.message();
  ASSERT_EQ(ids.value.size(), 2u);  // "staff" matches both by substring, neither exactly
  EXPECT_EQ(ids.value.at("staff1"), directory_->userByCode("staff1")->garoonId);
  EXPECT_EQ(ids.value.at("staff2"), directory_->userByCode("staff2")->garoonId);
  EXPECT_NE(ids.value.at("staff1"), directory_->userByCode("staff1")->id);  // two id spaces

  EXPECT_FALSE(bridge->organizationByCode("nowhere").value);
}

TEST_F(GaroonClientEmulatorTest, ErrorsSurfaceWithGaroonCodesAndAreNotRetried) {
  const auto denied = client("bridge", "wrong")->listNotifications();
  EXPECT_EQ(denied.outcome.messageId(), "GAROON_AUTH_FAILED");
  EXPECT_EQ(denied.errorCode, "FW00007");
  EXPECT_EQ(denied.outcome.message().find("wrong"), std::string::npos);

  auto input = notification(EventKind::kRecordAdded, NotificationOperation::kAdd);
  input.app = "not-registered";
  const auto unknownApp = client()->upsertNotification(input, {});
  EXPECT_EQ(unknownApp.outcome.messageId(), "GAROON_BAD_REQUEST");
  EXPECT_EQ(unknownApp.errorCode, "GRN_REST_API_00202");

  EventSearch backwards;
  backwards.rangeStart = "2026-04-10T00:00:00+09:00";
  backwards.rangeEnd = "2026-04-01T00:00:00+09:00";
  const auto search = client()->searchEvents(backwards);
  EXPECT_EQ(search.errorCode, "GRN_REST_API_00203");
  EXPECT_EQ(server_->requestsSeen(), 3);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(GaroonClientEmulatorTest, RetriesAfter503ThenSucceeds) {
  server_->failNext(2);
  const auto result = client()->upsertNotification(
      notification(EventKind::kRecordAdded, NotificationOperation::kAdd), {});
  ASSERT_TRUE(result.outcome.isOk()) << result.outcome.message();
  EXPECT_EQ(server_->requestsSeen(), 3);
  EXPECT_EQ(sleeps_.size(), 2u);
  EXPECT_EQ(control("/__emulator/garoon/notifications/items")["items"].Size(), 1u);
}

}  // namespace
}  // namespace teichaku::garoon
