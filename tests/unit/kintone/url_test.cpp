#include "kintone/url.h"

#include <gtest/gtest.h>

namespace teichaku::kintone {
namespace {

TEST(UrlTest, HttpsRequiredExceptForLoopback) {
  EXPECT_FALSE(checkBaseUrl("https://example.cybozu.com").has_value());
  EXPECT_FALSE(checkBaseUrl("http://127.0.0.1:8080").has_value());
  EXPECT_FALSE(checkBaseUrl("http://localhost:8080").has_value());
  EXPECT_FALSE(checkBaseUrl("http://[::1]:8080").has_value());
  EXPECT_TRUE(checkBaseUrl("http://example.cybozu.com").has_value());
  EXPECT_TRUE(checkBaseUrl("http://127.0.0.1.example.com").has_value());
  EXPECT_TRUE(checkBaseUrl("ftp://example.cybozu.com").has_value());
  EXPECT_TRUE(checkBaseUrl("https://user:pw@example.cybozu.com").has_value());
  EXPECT_TRUE(checkBaseUrl("https://example.cybozu.com/k/v1").has_value());
  EXPECT_TRUE(checkBaseUrl("not a url").has_value());
}

TEST(UrlTest, ApiPathsForNormalGuestAndPreview) {
  // kintone-api.md §1.1 URL patterns.
  Endpoint normal{"https://example.cybozu.com/", std::nullopt};
  Endpoint guest{"https://example.cybozu.com", "12"};
  EXPECT_EQ(apiUrl(normal, "records"), "https://example.cybozu.com/k/v1/records.json");
  EXPECT_EQ(apiUrl(guest, "records/cursor"),
            "https://example.cybozu.com/k/guest/12/v1/records/cursor.json");
  EXPECT_EQ(apiPath(normal, "app/form/fields", true), "/k/v1/preview/app/form/fields.json");
  EXPECT_EQ(apiPath(guest, "app/deploy", true), "/k/guest/12/v1/preview/app/deploy.json");
}

TEST(UrlTest, QueryIsPercentEncodedIncludingJapanese) {
  // Expected string from Python urllib.parse.quote(..., safe="").
  EXPECT_EQ(encodeQuery({{"app", "1"}, {"query", "氏名 = \"山田\" and $id > 0"}}),
            "app=1&query=%E6%B0%8F%E5%90%8D%20%3D%20%22%E5%B1%B1%E7%94%B0%22%20and%20%24id%20%3E%"
            "200");
  EXPECT_EQ(encodeQuery({{"fields[0]", "a&b=c+d"}}), "fields%5B0%5D=a%26b%3Dc%2Bd");
}

}  // namespace
}  // namespace teichaku::kintone
