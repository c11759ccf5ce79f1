#include "kintone/request_builder.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

// Endpoint shapes: kintone-api.md §3; sizes §2; GET parameters and method override §1.2–1.3.
namespace teichaku::kintone {
namespace {

RequestBuilder builder() {
  AuthConfig auth;
  auth.apiTokensByApp["10"] = {"tok10"};
  auth.apiTokensByApp["11"] = {"tok11"};
  return RequestBuilder({"https://example.cybozu.com", std::nullopt}, auth, "teichaku-test");
}

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  EXPECT_FALSE(doc.HasParseError()) << json;
  return doc;
}

TEST(RequestBuilderTest, GetRecordsUsesTheQueryString) {
  HttpRequest r =
      builder().getRecords("10", "$id > 0 order by $id asc limit 500", {"氏名", "$id"}, true);
  EXPECT_EQ(r.method, HttpMethod::kGet);
  EXPECT_EQ(r.url,
            "https://example.cybozu.com/k/v1/records.json?app=10&query=%24id%20%3E%200%20order%"
            "20by%20%24id%20asc%20limit%20500&fields%5B0%5D=%E6%B0%8F%E5%90%8D&fields%5B1%5D=%"
            "24id&totalCount=true");
  ASSERT_NE(r.header("x-cybozu-api-token"), nullptr);
  EXPECT_EQ(*r.header("X-Cybozu-API-Token"), "tok10");
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.idempotent);
  EXPECT_EQ(r.budgetApp, "10");
}

TEST(RequestBuilderTest, LongGetBecomesPostWithMethodOverride) {
  std::string query = "レコード番号 in (";
  for (int i = 0; i < 600; ++i) {  // about 6,000 characters once encoded
    query += (i == 0 ? "" : ",") + std::to_string(100000 + i);
  }
  query += ")";
  HttpRequest r = builder().getRecords("10", query, {}, false);
  EXPECT_EQ(r.method, HttpMethod::kPost);
  EXPECT_EQ(r.url, "https://example.cybozu.com/k/v1/records.json");
  ASSERT_NE(r.header("X-HTTP-Method-Override"), nullptr);
  EXPECT_EQ(*r.header("X-HTTP-Method-Override"), "GET");
  EXPECT_TRUE(r.idempotent);
  auto body = parse(r.body);
  EXPECT_STREQ(body["app"].GetString(), "10");
  EXPECT_EQ(std::string(body["query"].GetString()), query);
}

TEST(RequestBuilderTest, AddRecordsIsAPostThatIsNotReplayed) {
  auto records = parse(R"([{"氏名":{"value":"試験"}}])");
  HttpRequest r = builder().addRecords("10", records);
  EXPECT_EQ(r.method, HttpMethod::kPost);
  EXPECT_FALSE(r.idempotent);
  EXPECT_EQ(*r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"app":"10","records":[{"氏名":{"value":"試験"}}]})");
}

TEST(RequestBuilderTest, MoreThanOneHundredRecordsAreRefused) {
  rapidjson::Document records(rapidjson::kArrayType);
  for (int i = 0; i < 101; ++i) {
    records.PushBack(rapidjson::Value(rapidjson::kObjectType), records.GetAllocator());
  }
  EXPECT_THROW(builder().addRecords("10", records), std::invalid_argument);
  EXPECT_THROW(builder().updateRecords("10", records, false), std::invalid_argument);
}

TEST(RequestBuilderTest, UpdateRecordsWithUpsertIsAnIdempotentPut) {
  auto updates = parse(
      R"([{"updateKey":{"field":"ケース番号","value":"C-1"},"record":{"年齢":{"value":"70"}}}])");
  HttpRequest r = builder().updateRecords("10", updates, true);
  EXPECT_EQ(r.method, HttpMethod::kPut);
  EXPECT_TRUE(r.idempotent);
  EXPECT_EQ(
      r.body,
      R"({"app":"10","upsert":true,"records":[{"updateKey":{"field":"ケース番号","value":"C-1"},"record":{"年齢":{"value":"70"}}}]})");
}

TEST(RequestBuilderTest, DeleteRecordsSendsIdsAndRevisionsInTheQuery) {
  HttpRequest r = builder().deleteRecords("10", {"3", "4"}, {"7", "-1"});
  EXPECT_EQ(r.method, HttpMethod::kDelete);
  EXPECT_EQ(r.url,
            "https://example.cybozu.com/k/v1/records.json?app=10&ids%5B0%5D=3&ids%5B1%5D=4&"
            "revisions%5B0%5D=7&revisions%5B1%5D=-1");
  EXPECT_THROW(builder().deleteRecords("10", {}, {}), std::invalid_argument);
  EXPECT_THROW(builder().deleteRecords("10", {"1"}, {"1", "2"}), std::invalid_argument);
}

TEST(RequestBuilderTest, CursorRequests) {
  HttpRequest create = builder().createCursor("10", {"$id"}, "order by 氏名 asc", 500);
  EXPECT_EQ(create.url, "https://example.cybozu.com/k/v1/records/cursor.json");
  EXPECT_EQ(create.body, R"({"app":"10","fields":["$id"],"query":"order by 氏名 asc","size":500})");
  EXPECT_FALSE(create.idempotent);
  EXPECT_THROW(builder().createCursor("10", {}, "", 501), std::invalid_argument);
  HttpRequest get = builder().getCursor("10", "abc-def");
  EXPECT_EQ(get.url, "https://example.cybozu.com/k/v1/records/cursor.json?id=abc-def");
  EXPECT_FALSE(get.idempotent);  // a replay would skip a page
  EXPECT_EQ(builder().deleteCursor("10", "abc").method, HttpMethod::kDelete);
}

TEST(RequestBuilderTest, BulkRequestUsesApiPathsAndEveryAppsToken) {
  std::vector<BulkItem> items{{HttpMethod::kPut, "records", "10", R"({"app":"10","records":[]})"},
                              {HttpMethod::kPost, "record", "11", R"({"app":"11"})"}};
  HttpRequest r = builder().bulkRequest(items);
  EXPECT_EQ(r.url, "https://example.cybozu.com/k/v1/bulkRequest.json");
  EXPECT_EQ(*r.header("X-Cybozu-API-Token"), "tok10,tok11");
  EXPECT_EQ(
      r.body,
      R"({"requests":[{"method":"PUT","api":"/k/v1/records.json","payload":{"app":"10","records":[]}},{"method":"POST","api":"/k/v1/record.json","payload":{"app":"11"}}]})");
  EXPECT_FALSE(r.idempotent);        // contains a POST
  EXPECT_TRUE(r.budgetApp.empty());  // bulkRequest is not counted per app
  std::vector<BulkItem> tooMany(21, items[0]);
  EXPECT_THROW(builder().bulkRequest(tooMany), std::invalid_argument);
}

TEST(RequestBuilderTest, GuestSpaceAndPreviewPaths) {
  AuthConfig auth;
  auth.password = PasswordAuth{"admin", "pw"};
  RequestBuilder guest({"https://example.cybozu.com", "3"}, auth, "t");
  EXPECT_EQ(guest.getFormFields("10", true).url,
            "https://example.cybozu.com/k/guest/3/v1/preview/app/form/fields.json?app=10");
  EXPECT_EQ(guest.deployApps({{"10", "5"}}, false).body,
            R"({"apps":[{"app":"10","revision":"5"}]})");
  EXPECT_EQ(guest.getDeployStatus({"10", "11"}).url,
            "https://example.cybozu.com/k/guest/3/v1/preview/app/deploy.json?apps%5B0%5D=10&apps%"
            "5B1%5D=11");
  EXPECT_EQ(guest.getApps(100, 100).url,
            "https://example.cybozu.com/k/guest/3/v1/apps.json?offset=100&limit=100");
}

TEST(RequestBuilderTest, AppsJsonNeedsPasswordAuth) {
  // apps.json does not accept API tokens (kintone-api.md §1.2).
  EXPECT_THROW(builder().getApps(0, 100), AuthError);
}

TEST(RequestBuilderTest, FileRequests) {
  HttpRequest up = builder().uploadFile("10", {"file", "報告書.pdf", "application/pdf", "%PDF"});
  ASSERT_TRUE(up.file.has_value());
  EXPECT_EQ(up.file->partName, "file");
  EXPECT_EQ(up.url, "https://example.cybozu.com/k/v1/file.json");
  EXPECT_FALSE(up.idempotent);
  EXPECT_TRUE(up.budgetApp.empty());
  HttpRequest down = builder().downloadFile("10", "2012020611555");
  EXPECT_EQ(down.url, "https://example.cybozu.com/k/v1/file.json?fileKey=2012020611555");
  EXPECT_TRUE(down.budgetApp.empty());
}

}  // namespace
}  // namespace teichaku::kintone
