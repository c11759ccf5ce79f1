#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "kintone/json_util.h"
#include "kintone/kintone_client.h"
#include "test_server.h"

// KintoneClient against a loopback server that answers like kintone for the calls under
// test (shapes from kintone-api.md §3.1). These are the tests to point at the emulator
// (tests/emulator) once it exists.
namespace teichaku::kintone {
namespace {

using testing::RecordedRequest;
using testing::TestServer;

std::string queryParam(const std::string& uri, const std::string& name) {
  for (const auto& [key, value] : Poco::URI(uri).getQueryParameters()) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string pathOf(const std::string& uri) {
  return Poco::URI(uri).getPath();
}

std::string recordsJson(long from, long to) {  // ids from..to inclusive
  std::string json = R"({"records":[)";
  for (long id = from; id <= to; ++id) {
    json += (id == from ? "" : ",") + std::string(R"({"$id":{"type":"__ID__","value":")") +
            std::to_string(id) + R"("}})";
  }
  return json + "]}";
}

struct Harness {
  std::mutex mutex;
  std::vector<std::chrono::milliseconds> sleeps;

  ClientConfig config(const std::string& baseUrl) {
    ClientConfig c;
    c.endpoint.baseUrl = baseUrl;
    c.auth.apiTokensByApp["10"] = {"tok10"};
    c.transport.proxy = "";
    c.transport.totalTimeout = std::chrono::milliseconds(5000);
    c.retry.base = std::chrono::milliseconds(100);
    c.retry.cap = std::chrono::milliseconds(1000);
    c.retry.maxAttempts = 3;
    c.cursorSlots = 1;
    return c;
  }
  KintoneClient::Sleeper sleeper() {
    return [this](std::chrono::milliseconds d) {
      std::lock_guard lock(mutex);
      sleeps.push_back(d);
    };
  }
};

TEST(KintoneClientTest, SeekReadsEveryRecordInIdOrder) {
  static constexpr long kTotal = 1203;
  TestServer server([](const RecordedRequest& r, auto&, auto& response) {
    std::smatch m;
    const std::string query = queryParam(r.uri, "query");
    static const std::regex seek(
        R"(\(状況 = "支援中"\) and \$id > (\d+) order by \$id asc limit (\d+))");
    if (!std::regex_match(query, m, seek)) {
      TestServer::sendJson(response, 400, R"({"code":"CB_VA01"})");
      return;
    }
    long after = std::stol(m[1]);
    long limit = std::stol(m[2]);
    TestServer::sendJson(response, 200, recordsJson(after + 1, std::min(kTotal, after + limit)));
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.5; }, h.sleeper());
  std::vector<std::size_t> pageSizes;
  long expectedNext = 1;
  bool inOrder = true;
  Outcome outcome = client.getAllRecordsBySeek(
      "10", R"(状況 = "支援中")", {"氏名"}, [&](const rapidjson::Value& records) {
        pageSizes.push_back(records.Size());
        for (const auto& record : records.GetArray()) {
          inOrder = inOrder && std::stol(record["$id"]["value"].GetString()) == expectedNext++;
        }
        return true;
      });
  EXPECT_TRUE(outcome.isOk()) << outcome.message();
  EXPECT_EQ(pageSizes, (std::vector<std::size_t>{500, 500, 203}));
  EXPECT_TRUE(inOrder);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(queryParam(seen[0].uri, "fields[0]"), "氏名");
  EXPECT_EQ(queryParam(seen[0].uri, "fields[1]"), "$id");  // added so the seek can continue
  EXPECT_EQ(client.budgetUsed("10"), 3);
}

TEST(KintoneClientTest, RateLimitIsRetriedAfterRetryAfter) {
  int calls = 0;
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    if (++calls == 1) {
      response.add("Retry-After", "2");
      TestServer::sendJson(response, 429, R"({"code":"GAIA_TO04","message":"m"})");
    } else {
      TestServer::sendJson(response, 200, R"({"record":{}})");
    }
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.5; }, h.sleeper());
  JsonResult result = client.getRecord("10", "1");
  EXPECT_TRUE(result.outcome.isOk());
  ASSERT_EQ(h.sleeps.size(), 1u);
  EXPECT_EQ(h.sleeps[0], std::chrono::milliseconds(2050));  // 2 s + 0.5 × base
  EXPECT_EQ(client.budgetUsed("10"), 2);                    // both sends count
}

TEST(KintoneClientTest, PostIsNotReplayedAfterAServerError) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    response.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
    response.setContentType("text/plain");
    response.send() << "Service Unavailable";
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.5; }, h.sleeper());
  rapidjson::Document records;
  records.Parse(R"([{"氏名":{"value":"試験"}}])");
  WriteResult result = client.addRecords("10", records);
  EXPECT_EQ(result.outcome.messageId(), "KINTONE_OUTCOME_UNKNOWN");
  EXPECT_EQ(server.requestCount(), 1u);
  EXPECT_TRUE(h.sleeps.empty());
}

TEST(KintoneClientTest, GetIsRetriedUpToMaxAttemptsThenReportsRetry) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 502, "<html>bad gateway</html>");
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.999; }, h.sleeper());
  JsonResult result = client.getRecord("10", "1");
  EXPECT_TRUE(result.outcome.isRetry());
  EXPECT_EQ(result.outcome.messageId(), "KINTONE_SERVER_ERROR");
  EXPECT_EQ(server.requestCount(), 3u);
  ASSERT_EQ(h.sleeps.size(), 2u);
  EXPECT_LT(h.sleeps[0], std::chrono::milliseconds(100));  // window 100 ms
  EXPECT_LT(h.sleeps[1], std::chrono::milliseconds(200));  // window 200 ms
  EXPECT_GE(h.sleeps[1], std::chrono::milliseconds(190));
}

TEST(KintoneClientTest, TruncatedSuccessBodyIsRetriedForReads) {
  int calls = 0;
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, ++calls == 1 ? R"({"record":{"a")" : R"({"record":{}})");
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  EXPECT_TRUE(client.getRecord("10", "1").outcome.isOk());
  EXPECT_EQ(server.requestCount(), 2u);
}

TEST(KintoneClientTest, AddRecordsIsSplitIntoChunksOfOneHundred) {
  std::mutex mutex;
  long nextId = 1;
  TestServer server([&](const RecordedRequest& r, auto&, auto& response) {
    rapidjson::Document body;
    body.Parse(r.body.c_str());
    std::string ids = "[";
    std::string revisions = "[";
    std::lock_guard lock(mutex);
    for (rapidjson::SizeType i = 0; i < body["records"].Size(); ++i) {
      ids += (i == 0 ? "\"" : ",\"") + std::to_string(nextId++) + "\"";
      revisions += (i == 0 ? "" : ",") + std::string("\"1\"");
    }
    TestServer::sendJson(response, 200,
                         R"({"ids":)" + ids + R"(],"revisions":)" + revisions + "]}");
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  rapidjson::Document records(rapidjson::kArrayType);
  for (int i = 0; i < 250; ++i) {
    rapidjson::Value record(rapidjson::kObjectType);
    records.PushBack(record, records.GetAllocator());
  }
  WriteResult result = client.addRecords("10", records);
  EXPECT_TRUE(result.outcome.isOk()) << result.outcome.message();
  EXPECT_EQ(result.recordsDone, 250u);
  ASSERT_EQ(result.ids.size(), 250u);
  EXPECT_EQ(result.ids.front(), "1");
  EXPECT_EQ(result.ids.back(), "250");
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  std::vector<rapidjson::SizeType> sizes;
  for (const RecordedRequest& r : seen) {
    rapidjson::Document body;
    body.Parse(r.body.c_str());
    sizes.push_back(body["records"].Size());
  }
  EXPECT_EQ(sizes, (std::vector<rapidjson::SizeType>{100, 100, 50}));
}

TEST(KintoneClientTest, FailedChunkReportsHowManyRecordsWereStored) {
  int calls = 0;
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    if (++calls == 2) {
      TestServer::sendJson(response, 400,
                           R"({"code":"CB_VA01","message":"入力内容が正しくありません。"})");
      return;
    }
    std::string ids = "[";
    for (int i = 0; i < 100; ++i) {
      ids += (i == 0 ? "\"" : ",\"") + std::to_string(i) + "\"";
    }
    TestServer::sendJson(response, 200, R"({"ids":)" + ids + R"(],"revisions":[]})");
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  rapidjson::Document records(rapidjson::kArrayType);
  for (int i = 0; i < 150; ++i) {
    records.PushBack(rapidjson::Value(rapidjson::kObjectType), records.GetAllocator());
  }
  WriteResult result = client.addRecords("10", records);
  EXPECT_EQ(result.outcome.messageId(), "KINTONE_BAD_REQUEST");
  EXPECT_EQ(result.recordsDone, 100u);
}

TEST(KintoneClientTest, CursorIsDeletedWhenAbandonedAndSlotsAreCapped) {
  TestServer server([](const RecordedRequest& r, auto&, auto& response) {
    const std::string path = pathOf(r.uri);
    if (path == "/k/v1/records/cursor.json" && r.method == "POST") {
      TestServer::sendJson(response, 200, R"({"id":"cur-1","totalCount":"1000"})");
    } else if (path == "/k/v1/records/cursor.json" && r.method == "GET") {
      TestServer::sendJson(response, 200, R"({"records":[{"$id":{"value":"1"}}],"next":true})");
    } else {
      TestServer::sendJson(response, 200, "{}");
    }
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  {
    CursorResult first = client.openCursor("10", {}, "order by 氏名 asc");
    ASSERT_TRUE(first.outcome.isOk());
    EXPECT_EQ(first.cursor->totalCount(), "1000");
    CursorResult second = client.openCursor("10", {}, "");
    EXPECT_EQ(second.outcome.messageId(), "KINTONE_CURSOR_SLOTS_BUSY");  // our share is 1
    ASSERT_TRUE(first.cursor->next().outcome.isOk());
    EXPECT_TRUE(first.cursor->hasMore());
  }  // abandoned mid-way
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);  // create, get, delete (the refused open sent nothing)
  EXPECT_EQ(seen[2].method, "DELETE");
  EXPECT_EQ(queryParam(seen[2].uri, "id"), "cur-1");
  EXPECT_TRUE(client.openCursor("10", {}, "").outcome.isOk());  // the slot came back
}

TEST(KintoneClientTest, CursorReadToTheEndIsNotDeletedAgain) {
  int gets = 0;
  TestServer server([&](const RecordedRequest& r, auto&, auto& response) {
    if (r.method == "POST") {
      TestServer::sendJson(response, 200, R"({"id":"cur-2","totalCount":"2"})");
    } else if (r.method == "GET") {
      ++gets;
      TestServer::sendJson(
          response, 200,
          gets == 1 ? R"({"records":[],"next":true})"
                    : R"({"records":[{"$id":{"value":"1"}},{"$id":{"value":"2"}}],"next":false})");
    } else {
      TestServer::sendJson(response, 200, "{}");
    }
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  std::size_t total = 0;
  Outcome outcome =
      client.forEachCursorPage("10", {}, "order by 氏名 asc", [&](const rapidjson::Value& records) {
        total += records.Size();
        return true;
      });
  EXPECT_TRUE(outcome.isOk());
  EXPECT_EQ(total, 2u);  // the empty first page with next:true did not stop the loop
  for (const RecordedRequest& r : server.requests()) {
    EXPECT_NE(r.method, "DELETE");  // kintone deleted it after the last page
  }
}

TEST(KintoneClientTest, DailyCeilingRefusesNonUrgentRequestsWithoutSending) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, R"({"record":{}})");
  });
  Harness h;
  ClientConfig config = h.config(server.baseUrl());
  config.budget.ceiling = 2;
  KintoneClient client(
      config, [] { return 0.0; }, h.sleeper());
  EXPECT_TRUE(client.getRecord("10", "1").outcome.isOk());
  EXPECT_TRUE(client.getRecord("10", "2").outcome.isOk());
  JsonResult refused = client.getRecord("10", "3");
  EXPECT_TRUE(refused.outcome.isRetry());
  EXPECT_EQ(refused.outcome.messageId(), "KINTONE_DAILY_BUDGET_RESERVED");
  EXPECT_EQ(server.requestCount(), 2u);
  HttpRequest urgent = client.builder().getRecord("10", "3");
  urgent.urgent = true;
  EXPECT_TRUE(client.send(urgent).outcome.isOk());
  EXPECT_EQ(client.budgetUsed("10"), 3);
}

TEST(KintoneClientTest, MissingTokenIsAFailNotAnException) {
  Harness h;
  KintoneClient client(
      h.config("http://127.0.0.1:9"), [] { return 0.0; }, h.sleeper());
  JsonResult result = client.getRecord("99", "1");
  EXPECT_EQ(result.outcome.messageId(), "KINTONE_AUTH_CONFIG");
}

TEST(KintoneClientTest, DownloadReturnsRawBytes) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    response.setContentType("application/pdf");
    response.send() << "%PDF-1.7";
  });
  Harness h;
  KintoneClient client(
      h.config(server.baseUrl()), [] { return 0.0; }, h.sleeper());
  BytesResult file = client.downloadFile("10", "key1");
  EXPECT_TRUE(file.outcome.isOk());
  EXPECT_EQ(file.bytes, "%PDF-1.7");
  EXPECT_EQ(file.contentType, "application/pdf");
  EXPECT_EQ(client.budgetUsed("10"), 0);  // file APIs are not counted (kintone-api.md §2)
}

}  // namespace
}  // namespace teichaku::kintone
