#include <thread>

#include "emulator/garoon/garoon_test_fixture.h"

// Each test names the section of /work/shared/reference/garoon-cybozu-api.md it checks.
namespace teichaku::emulator::garoon {
namespace {

using testing::makeRequest;
using testing::parse;

constexpr const char* kPath = "/g/api/v1/notification/items";

std::string notification(const std::string& key, const std::string& title,
                         const std::string& destinations,
                         const std::string& url = "https://example.cybozu.com/k/12/show#record=3") {
  return R"({"app":"teichaku","notificationKey":")" + key + R"(","operation":"add","url":")" + url +
         R"(","title":")" + title + R"(","body":"対応期限が近づいています","destinations":)" +
         destinations + "}";
}

// A2 POST: registered app, allowed URL; creator = the authenticated caller.
TEST_F(GaroonServiceTest, PostNotificationReachesRecipientByIdOrCode) {
  const auto response =
      call("POST", kPath,
           notification("rec-3", "期限通知",
                        R"([{"type":"USER","id":"1003"},{"type":"USER","code":"staff2"}])"));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto item = parse(response.body);
  EXPECT_STREQ(item["moduleId"].GetString(), "x.1");  // first registered app
  EXPECT_STREQ(item["creator"]["id"].GetString(), "1002");
  EXPECT_STREQ(item["creator"]["code"].GetString(), "bridge");
  EXPECT_STREQ(item["createdAt"].GetString(), kFixedNow);
  EXPECT_FALSE(item["isRead"].GetBool());

  for (const char* login : {"staff1", "staff2"}) {
    const auto json = parse(call("GET", kPath, "", login).body);
    ASSERT_EQ(json["items"].Size(), 1u) << login;
    EXPECT_STREQ(json["items"][0]["title"].GetString(), "期限通知");
  }
  // A2 GET: only the caller's own items; the sender is no recipient.
  EXPECT_EQ(parse(call("GET", kPath).body)["items"].Size(), 0u);
}

// A2 "Repeated notificationKey": same (app, key) updates the registered notification.
TEST_F(GaroonServiceTest, SameKeyUpsertsInsteadOfAdding) {
  ASSERT_EQ(call("POST", kPath, notification("k", "一回目", R"([{"type":"USER","code":"staff1"}])"))
                .status,
            200);
  ASSERT_EQ(call("POST", kPath, notification("k", "二回目", R"([{"type":"USER","code":"staff1"}])"))
                .status,
            200);
  const auto json = parse(call("GET", kPath, "", "staff1").body);
  ASSERT_EQ(json["items"].Size(), 1u);
  EXPECT_STREQ(json["items"][0]["title"].GetString(), "二回目");
}

// The control history keeps every request body as received, failures included.
TEST_F(GaroonServiceTest, HistoryRecordsEveryRequestAsReceived) {
  const std::string first = notification("a", "件名1", R"([{"type":"USER","code":"staff1"}])");
  const std::string rejected = notification("b", "件名2", R"([{"type":"USER","code":"nobody"}])");
  call("POST", kPath, first);
  call("POST", kPath, rejected);
  Response history;
  ASSERT_TRUE(
      service_->handleControl(makeRequest("GET", "/__emulator/garoon/notifications"), history));
  const auto json = parse(history.body);
  ASSERT_EQ(json["requests"].Size(), 2u);
  EXPECT_EQ(json["requests"][0]["body"].GetString(), first);
  EXPECT_EQ(json["requests"][0]["status"].GetInt(), 200);
  EXPECT_STREQ(json["requests"][0]["caller"].GetString(), "bridge");
  EXPECT_STREQ(json["requests"][0]["receivedAt"].GetString(), kFixedNow);
  EXPECT_EQ(json["requests"][1]["body"].GetString(), rejected);
  EXPECT_EQ(json["requests"][1]["status"].GetInt(), 404);  // GRN_CMMN_00105
}

// A2 "Prerequisite": unregistered app or URL outside the allowed URLs.
TEST_F(GaroonServiceTest, UnregisteredAppAndDisallowedUrlAreRejected) {
  std::string body = notification("k", "t", R"([{"type":"USER","code":"staff1"}])");
  body.replace(body.find("teichaku"), 8, "other");
  const auto app = call("POST", kPath, body);
  EXPECT_EQ(app.status, 400);
  EXPECT_EQ(errorCode(app), "GRN_REST_API_00202");
  const auto url = call(
      "POST", kPath,
      notification("k", "t", R"([{"type":"USER","code":"staff1"}])", "https://evil.example.com/"));
  EXPECT_EQ(url.status, 400);
  EXPECT_EQ(parse(call("GET", kPath, "", "staff1").body)["items"].Size(), 0u);
}

// help-ext: a mismatching notification is "not displayed" (MismatchPolicy::kAcceptHidden).
TEST_F(GaroonServiceTest, AcceptHiddenPolicyStoresButDoesNotShow) {
  GaroonConfig config;
  config.notificationApps.push_back({"teichaku", "定着支援", {"https://example.cybozu.com/"}, {}});
  config.disallowedUrl = MismatchPolicy::kAcceptHidden;
  configure(config);
  const auto response = call("POST", kPath,
                             notification("k", "t", R"([{"type":"USER","code":"staff1"}])",
                                          "https://elsewhere.example.com/"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(parse(call("GET", kPath, "", "staff1").body)["items"].Size(), 0u);
  Response items;
  ASSERT_TRUE(
      service_->handleControl(makeRequest("GET", "/__emulator/garoon/notifications/items"), items));
  const auto json = parse(items.body);
  ASSERT_EQ(json["items"].Size(), 1u);
  EXPECT_TRUE(json["items"][0]["hidden"].GetBool());
}

// Senders are limited per registered app (GaroonConfig::allowedSenders): 403 GRN_CMMN_00005.
TEST_F(GaroonServiceTest, OnlyAllowedSendersMayPost) {
  const auto response =
      call("POST", kPath, notification("k", "t", R"([{"type":"USER","code":"staff2"}])"), "staff1");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(errorCode(response), "GRN_CMMN_00005");
}

// A2 field table: required fields, operation enum, destination type USER only.
TEST_F(GaroonServiceTest, PostValidation) {
  EXPECT_EQ(errorCode(call("POST", kPath, R"({"app":"teichaku"})")), "GRN_REST_API_00201");
  std::string body = notification("k", "t", R"([{"type":"USER","code":"staff1"}])");
  body.replace(body.find("\"add\""), 5, "\"create\"");
  EXPECT_EQ(errorCode(call("POST", kPath, body)), "GRN_REST_API_00212");
  EXPECT_EQ(errorCode(call("POST", kPath,
                           notification("k", "t", R"([{"type":"ORGANIZATION","code":"office"}])"))),
            "GRN_REST_API_00212");
  EXPECT_EQ(errorCode(call("POST", kPath, notification("k", "t", "[]"))), "GRN_REST_API_00201");
  // A Garoon id is not a cybozu.com id: "3" is staff1's User API id, no Garoon user.
  const auto wrongSpace =
      call("POST", kPath, notification("k", "t", R"([{"type":"USER","id":"3"}])"));
  EXPECT_EQ(wrongSpace.status, 404);
  EXPECT_EQ(errorCode(wrongSpace), "GRN_CMMN_00105");
}

// A2 GET + A1 "Pagination": newest first, limit/offset, hasNext.
TEST_F(GaroonServiceTest, GetNotificationsPages) {
  for (const char* key : {"k1", "k2", "k3"}) {
    ASSERT_EQ(
        call("POST", kPath, notification(key, key, R"([{"type":"USER","code":"staff1"}])")).status,
        200);
  }
  auto json = parse(get(kPath, {{"limit", "2"}}, "staff1").body);
  ASSERT_EQ(json["items"].Size(), 2u);
  EXPECT_STREQ(json["items"][0]["title"].GetString(), "k3");
  EXPECT_TRUE(json["hasNext"].GetBool());
  json = parse(get(kPath, {{"limit", "2"}, {"offset", "2"}}, "staff1").body);
  ASSERT_EQ(json["items"].Size(), 1u);
  EXPECT_STREQ(json["items"][0]["title"].GetString(), "k1");
  EXPECT_FALSE(json["hasNext"].GetBool());
}

// The HTTP front end is multi-threaded: concurrent posts all land once.
TEST_F(GaroonServiceTest, ConcurrentPostsAreAllRecorded) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 5; ++i) {
        const std::string key = std::to_string(t) + "-" + std::to_string(i);
        EXPECT_EQ(
            call("POST", kPath, notification(key, key, R"([{"type":"USER","code":"staff1"}])"))
                .status,
            200);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(parse(get(kPath, {{"limit", "1000"}}, "staff1").body)["items"].Size(), 20u);
  Response history;
  ASSERT_TRUE(
      service_->handleControl(makeRequest("GET", "/__emulator/garoon/notifications"), history));
  EXPECT_EQ(parse(history.body)["requests"].Size(), 20u);
}

TEST_F(GaroonServiceTest, ResetDropsNotificationsButKeepsUsers) {
  call("POST", kPath, notification("k", "t", R"([{"type":"USER","code":"staff1"}])"));
  Response response;
  ASSERT_TRUE(service_->handleControl(makeRequest("POST", "/__emulator/garoon/reset"), response));
  EXPECT_EQ(parse(call("GET", kPath, "", "staff1").body)["items"].Size(), 0u);
  ASSERT_TRUE(
      service_->handleControl(makeRequest("GET", "/__emulator/garoon/notifications"), response));
  EXPECT_EQ(parse(response.body)["requests"].Size(), 0u);
  EXPECT_TRUE(directory_->userByCode("staff1"));
  EXPECT_FALSE(service_->handleControl(makeRequest("GET", "/__emulator/cybozu/changes"), response));
}

}  // namespace
}  // namespace teichaku::emulator::garoon
