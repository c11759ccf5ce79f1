#include "garoon/garoon_requests.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "garoon/garoon_client.h"
#include "garoon/password_headers.h"

// Routes: garoon-cybozu-api.md A2–A4; auth headers: A1 "Authentication".
namespace teichaku::garoon {
namespace {

GaroonRequests requests() {
  return GaroonRequests(
      "https://example.cybozu.com/",
      passwordHeaders({"bridge", "pw-bridge"}, kintone::BasicAuth{"basic-user", "basic-pw"}),
      "teichaku-bridge");
}

// base64("bridge:pw-bridge") and base64("basic-user:basic-pw"), computed outside the code.
TEST(GaroonRequests, SendsPasswordAndBasicHeaders) {
  const auto request = requests().getEvent("12");
  ASSERT_NE(request.header("X-Cybozu-Authorization"), nullptr);
  EXPECT_EQ(*request.header("X-Cybozu-Authorization"), "YnJpZGdlOnB3LWJyaWRnZQ==");
  ASSERT_NE(request.header("Authorization"), nullptr);
  EXPECT_EQ(*request.header("Authorization"), "Basic YmFzaWMtdXNlcjpiYXNpYy1wdw==");
  EXPECT_EQ(request.header("Content-Type"), nullptr);  // no body, no Content-Type (A1)
  EXPECT_EQ(request.url, "https://example.cybozu.com/g/api/v1/schedule/events/12");
}

TEST(GaroonRequests, NotificationPostIsIdempotentAndEventPostIsNot) {
  const auto notification = requests().postNotification("{}");
  EXPECT_EQ(notification.method, kintone::HttpMethod::kPost);
  EXPECT_EQ(notification.url, "https://example.cybozu.com/g/api/v1/notification/items");
  EXPECT_TRUE(notification.idempotent);
  ASSERT_NE(notification.header("Content-Type"), nullptr);
  EXPECT_EQ(*notification.header("Content-Type"), "application/json");
  EXPECT_FALSE(requests().addEvent("{}").idempotent);
  EXPECT_FALSE(requests().deleteEvent("5").idempotent);
  EXPECT_EQ(requests().deleteEvent("5").method, kintone::HttpMethod::kDelete);
}

TEST(GaroonRequests, EventUpdateIsARealPatch) {
  const auto patch = requests().patchEvent("7", "{}");
  EXPECT_EQ(patch.method, kintone::HttpMethod::kPatch);
  EXPECT_EQ(patch.header("X-HTTP-Method-Override"), nullptr);
  EXPECT_EQ(patch.url, "https://example.cybozu.com/g/api/v1/schedule/events/7");
  EXPECT_TRUE(patch.idempotent);
}

TEST(GaroonRequests, QueryStrings) {
  EXPECT_EQ(requests().getNotifications(100, 200).url,
            "https://example.cybozu.com/g/api/v1/notification/items?limit=100&offset=200");
  EventSearch search;
  search.rangeStart = "2026-04-01T00:00:00+09:00";
  search.rangeEnd = "2026-05-01T00:00:00+09:00";
  search.targetType = "user";
  search.target = "1003";
  search.orderBy = "start asc";
  EXPECT_EQ(requests().searchEvents(search, 10, 0).url,
            "https://example.cybozu.com/g/api/v1/schedule/events?limit=10&offset=0"
            "&rangeStart=2026-04-01T00%3A00%3A00%2B09%3A00"
            "&rangeEnd=2026-05-01T00%3A00%3A00%2B09%3A00&targetType=user&target=1003"
            "&orderBy=start%20asc");
  EXPECT_EQ(requests().organizationUsers("501", 1000, 0).url,
            "https://example.cybozu.com/g/api/v1/base/organizations/501/users?limit=1000&offset=0");
}

TEST(GaroonRequests, RefusesIdsThatAreNotNumbersAndBadPaging) {
  EXPECT_THROW(requests().getEvent("../base/users"), std::invalid_argument);
  EXPECT_THROW(requests().organizationUsers("", 10, 0), std::invalid_argument);
  EXPECT_THROW(requests().getNotifications(1001, 0), std::invalid_argument);
  EXPECT_THROW(requests().getNotifications(0, 0), std::invalid_argument);
  EventSearch half;
  half.target = "1003";
  EXPECT_THROW(requests().searchEvents(half, 10, 0), std::invalid_argument);
}

TEST(GaroonClientConfig, HttpsUnlessLoopback) {
  GaroonClientConfig config;
  config.baseUrl = "http://garoon.example.com";
  EXPECT_THROW(GaroonClient{config}, std::invalid_argument);
  config.baseUrl = "https://example.cybozu.com/g/";
  EXPECT_THROW(GaroonClient{config}, std::invalid_argument);
  config.baseUrl = "http://127.0.0.1:9";
  EXPECT_NO_THROW(GaroonClient{config});
}

}  // namespace
}  // namespace teichaku::garoon
