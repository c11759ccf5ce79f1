// Faults (reliability.md §2), concurrency (kintone-api.md §2), webhooks (§7), control API.
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <future>
#include <mutex>

#include "emulator_fixture.h"
#include "kintone/kintone_service.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorFaultsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
  }
};

// reliability.md §2.4: 503 with a text/plain body (not JSON), as maintenance pages are.
TEST_F(EmulatorFaultsTest, Injected503IsPlainText) {
  call("PUT", "/__emulator/faults", R"({"/k/v1/records.json":{"rate503":1,"remaining":1}})", {},
       false);
  auto r = call("GET", "/k/v1/records.json?app=1");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("content-type"), "text/plain");
  EXPECT_EQ(r.body, "Service Unavailable");
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1").status, 200);  // remaining was 1
}

// kintone-api.md §2: 429 GAIA_TO04 with X-Cybozu-Error and the concurrency headers.
TEST_F(EmulatorFaultsTest, Injected429HasKintoneBodyAndHeaders) {
  call("PUT", "/__emulator/faults", R"({"*":{"rate429":1}})", {}, false);
  auto r = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code(), "GAIA_TO04");
  EXPECT_EQ(r.header("x-cybozu-error"), "GAIA_TO04");
  EXPECT_EQ(r.header("x-concurrencylimit-limit"), "100");
  call("DELETE", "/__emulator/faults", {}, {}, false);
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1").status, 200);
}

// reliability.md §2.1 latency and limit_data (truncated body) equivalents.
TEST_F(EmulatorFaultsTest, LatencyAndTruncation) {
  call("PUT", "/__emulator/faults", R"({"/k/v1/records.json":{"latencyMs":200}})", {}, false);
  auto start = std::chrono::steady_clock::now();
  call("GET", "/k/v1/records.json?app=1");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  call("PUT", "/__emulator/faults", R"({"/k/v1/records.json":{"truncateRate":1}})", {}, false);
  // The body ends before Content-Length: the client sees an error or a short body.
  try {
    auto r = call("GET", "/k/v1/records.json?app=1");
    EXPECT_LT(r.body.size(), std::stoul(r.header("content-length")));
  } catch (const Poco::Exception&) {
    SUCCEED();
  }
}

// reliability.md §2.1 slicer: the body arrives complete, in small delayed chunks.
TEST_F(EmulatorFaultsTest, TrickledBodyIsCompleteButSlow) {
  auto fast = call("GET", "/k/v1/app/form/fields.json?app=1");
  call("PUT", "/__emulator/faults",
       R"({"/k/v1/app/form/fields.json":{"trickleBytes":200,"trickleDelayMs":20}})", {}, false);
  auto start = std::chrono::steady_clock::now();
  auto slow = call("GET", "/k/v1/app/form/fields.json?app=1");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(slow.body, fast.body);
  // ceil(size / 200) chunks with 20 ms between them (the client is done before the pause
  // after the last one).
  auto chunks = static_cast<long>((fast.body.size() + 199) / 200);
  ASSERT_GE(chunks, 2);
  EXPECT_GE(elapsed, std::chrono::milliseconds(20 * (chunks - 1)));
}

// reliability.md §2.1 reset_peer: the connection dies mid-response.
TEST_F(EmulatorFaultsTest, ConnectionReset) {
  call("PUT", "/__emulator/faults", R"({"/k/v1/records.json":{"resetRate":1}})", {}, false);
  bool failed = false;
  try {
    auto r = call("GET", "/k/v1/records.json?app=1");
    failed = r.json.IsNull();
  } catch (const Poco::Exception&) {
    failed = true;
  }
  EXPECT_TRUE(failed);
}

// kintone-api.md §2: above the concurrency limit -> 429 GAIA_TO04.
TEST_F(EmulatorFaultsTest, ConcurrencyLimit) {
  seed(R"({"concurrencyLimit":1,"faults":{"/k/v1/records.json":{"latencyMs":400}}})");
  auto slow =
      std::async(std::launch::async, [this] { return call("GET", "/k/v1/records.json?app=1"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto second = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(second.status, 429);
  EXPECT_EQ(second.code(), "GAIA_TO04");
  EXPECT_EQ(second.header("x-concurrencylimit-running"), "2");
  EXPECT_EQ(slow.get().status, 200);
}

// Control API: request log counts per route, app and day; reset drops records.
TEST_F(EmulatorFaultsTest, RequestLogAndReset) {
  call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"a"}}})");
  call("GET", "/k/v1/records.json?app=1");
  call("GET", "/k/v1/records.json?app=2");
  auto log = call("GET", "/__emulator/log", {}, {}, false);
  EXPECT_EQ(log.json["total"].GetUint64(), 3u);
  EXPECT_EQ(log.json["routes"]["/k/v1/records.json"].GetUint64(), 2u);
  EXPECT_EQ(log.json["apps"]["1"].GetUint64(), 2u);
  ASSERT_EQ(call("POST", "/__emulator/reset", {}, {}, false).status, 200);
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1").code(), "GAIA_AP01");
}

// A local webhook receiver that records POST bodies.
class Receiver {
 public:
  Receiver() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket_,
                                                      new Poco::Net::HTTPServerParams);
    server_->start();
  }
  ~Receiver() { server_->stopAll(true); }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/hook";
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(Receiver& r) : receiver_(r) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
      std::string body;
      Poco::StreamCopier::copyToString(in.stream(), body);
      {
        std::lock_guard lock(receiver_.mutex_);
        receiver_.bodies_.push_back(body);
      }
      out.send() << "ok";
    }
    Receiver& receiver_;
  };
  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(Receiver& r) : receiver_(r) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return new Handler(receiver_);
    }
    Receiver& receiver_;
  };

  Poco::Net::ServerSocket socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

// §7: single-record add/update and comments send webhooks; bulk records.json never does;
// at most N per minute, the rest dropped.
TEST_F(EmulatorFaultsTest, WebhooksOnlyForSingleRecordOperationsAndRateLimited) {
  Receiver receiver;
  seed(R"({"kintone":{"webhookRatePerMinute":3},"apps":[{"id":9,"name":"hooked",
          "fields":{"title":{"type":"SINGLE_LINE_TEXT"}},
          "webhooks":[{"url":")" +
       receiver.url() + R"("}]}]})");
  call("POST", "/k/v1/record.json", R"({"app":9,"record":{"title":{"value":"a"}}})");
  call("POST", "/k/v1/records.json", R"({"app":9,"records":[{"title":{"value":"b"}}]})");
  call("PUT", "/k/v1/records.json", R"({"app":9,"records":[{"id":1,"record":{}}]})");
  call("PUT", "/k/v1/record.json", R"({"app":9,"id":1,"record":{"title":{"value":"c"}}})");
  call("POST", "/k/v1/record/comment.json", R"({"app":9,"record":1,"comment":{"text":"hi"}})");
  call("PUT", "/k/v1/record.json", R"({"app":9,"id":2,"record":{"title":{"value":"d"}}})");
  auto log = call("GET", "/__emulator/kintone/webhooks", {}, {}, false);
  ASSERT_EQ(log.json["deliveries"].Size(), 4u) << log.body;
  EXPECT_EQ(log.str("/deliveries/0/type"), "ADD_RECORD");
  EXPECT_EQ(log.str("/deliveries/1/type"), "UPDATE_RECORD");
  EXPECT_EQ(log.str("/deliveries/2/type"), "ADD_RECORD_COMMENT");
  EXPECT_EQ(log.str("/deliveries/3/result"), "dropped: rate limit");
  auto bodies = receiver.bodies();
  ASSERT_EQ(bodies.size(), 3u);
  rapidjson::Document first;
  first.Parse(bodies[0].c_str());
  EXPECT_STREQ(first["type"].GetString(), "ADD_RECORD");
  EXPECT_STREQ(first["app"]["id"].GetString(), "9");
  EXPECT_STREQ(first["record"]["title"]["value"].GetString(), "a");
  EXPECT_STREQ(first["record"]["$id"]["value"].GetString(), "1");
}

}  // namespace
}  // namespace teichaku::emulator::testing

namespace teichaku::emulator::testing {
namespace {

// §7: UPDATE_STATUS for a single status change; records/status.json (bulk) sends none.
TEST_F(EmulatorFaultsTest, StatusWebhookOnlyForSingleChange) {
  seed(R"({"apps":[{"id":8,"name":"flow","fields":{},
          "status":{"enable":true,"states":{"A":{"name":"A","index":"0"},"B":{"name":"B","index":"1"}},
                    "actions":[{"name":"go","from":"A","to":"B"},{"name":"back","from":"B","to":"A"}]},
          "webhooks":[{"url":"http://127.0.0.1:1/unreachable"}]}]})");
  call("POST", "/k/v1/records.json", R"({"app":8,"records":[{},{}]})");
  call("PUT", "/k/v1/record/status.json", R"({"app":8,"id":1,"action":"go"})");
  call("PUT", "/k/v1/records/status.json",
       R"({"app":8,"records":[{"id":1,"action":"back"},{"id":2,"action":"go"}]})");
  auto log = call("GET", "/__emulator/kintone/webhooks", {}, {}, false);
  ASSERT_EQ(log.json["deliveries"].Size(), 1u) << log.body;
  EXPECT_EQ(log.str("/deliveries/0/type"), "UPDATE_STATUS");
  EXPECT_EQ(log.str("/deliveries/0/body/record/ステータス/value"), "B");
  EXPECT_EQ(log.str("/deliveries/0/result").rfind("failed", 0), 0u);  // no retry, logged
}

}  // namespace
}  // namespace teichaku::emulator::testing
