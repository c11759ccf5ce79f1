#include "kintone/transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "test_server.h"

// Transport behaviour against a loopback server: reliability.md §3.1 (timeouts, stall,
// size cap), §3.4 (Retry-After), §3.5 (no redirects, scheme rule), §3.6 (masked trace).
// When the emulator lands these can stay here; client_test.cpp is the part to repoint.
namespace teichaku::kintone {
namespace {

using testing::RecordedRequest;
using testing::TestServer;

TransportConfig fastConfig() {
  TransportConfig config;
  config.connectTimeout = std::chrono::milliseconds(2000);
  config.totalTimeout = std::chrono::milliseconds(5000);
  config.lowSpeedBytesPerSecond = 1000;
  config.lowSpeedTime = std::chrono::seconds(1);
  config.maxResponseBytes = 1024 * 1024;
  config.proxy = "";  // the test must not go through a proxy from the environment
  return config;
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.idempotent = true;
  request.headers = {{"X-Cybozu-API-Token", "tok-secret-123"}};
  return request;
}

TEST(TransportTest, SendsHeadersAndBodyAndReadsTheResponse) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    response.add("X-Cybozu-Test", "yes");
    TestServer::sendJson(response, 200, R"({"ok":true})");
  });
  Transport transport(fastConfig());
  HttpRequest request = get(server.baseUrl() + "/k/v1/records.json");
  request.method = HttpMethod::kPut;
  request.body = R"({"app":"1"})";
  request.headers.push_back({"Content-Type", "application/json"});
  HttpResponse response = transport.submit(request).get();
  EXPECT_EQ(response.error, TransportError::kNone);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"ok":true})");
  ASSERT_NE(response.header("x-cybozu-test"), nullptr);
  EXPECT_EQ(*response.header("x-cybozu-test"), "yes");
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].body, R"({"app":"1"})");
  EXPECT_EQ(seen[0].headers["x-cybozu-api-token"], "tok-secret-123");
  EXPECT_EQ(seen[0].headers.count("expect"), 0u);
}

TEST(TransportTest, DeleteWithoutBodySendsNoContentType) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, "{}");
  });
  Transport transport(fastConfig());
  HttpRequest request = get(server.baseUrl() + "/k/v1/records.json?app=1&ids%5B0%5D=3");
  request.method = HttpMethod::kDelete;
  ASSERT_EQ(transport.submit(request).get().status, 200);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "DELETE");
  EXPECT_EQ(seen[0].uri, "/k/v1/records.json?app=1&ids%5B0%5D=3");
  EXPECT_EQ(seen[0].headers.count("content-type"), 0u);
  EXPECT_TRUE(seen[0].body.empty());
}

TEST(TransportTest, ReusesTheConnection) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, "{}");
  });
  Transport transport(fastConfig());
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(transport.submit(get(server.baseUrl() + "/x")).get().status, 200);
  }
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 5u);
  for (const RecordedRequest& r : seen) {
    EXPECT_EQ(r.clientPort, seen[0].clientPort);  // same TCP connection
  }
}

TEST(TransportTest, OverallTimeout) {
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    server.pause(3000);
    TestServer::sendJson(response, 200, "{}");
  });
  TransportConfig config = fastConfig();
  config.totalTimeout = std::chrono::milliseconds(300);
  Transport transport(config);
  auto start = std::chrono::steady_clock::now();
  HttpResponse response = transport.submit(get(server.baseUrl() + "/slow")).get();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(response.error, TransportError::kTimeout);
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
}

TEST(TransportTest, SlowBodyIsAbortedByTheLowSpeedLimit) {
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    response.setContentLength(100000);
    std::ostream& out = response.send();
    for (int i = 0; i < 100 && !server.stopping() && out.good(); ++i) {
      out << "0123456789" << std::flush;  // 50 B/s, far under 1,000 B/s
      server.pause(200);
    }
  });
  TransportConfig config = fastConfig();
  config.totalTimeout = std::chrono::milliseconds(20000);
  Transport transport(config);
  auto start = std::chrono::steady_clock::now();
  HttpResponse response = transport.submit(get(server.baseUrl() + "/trickle")).get();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(response.error, TransportError::kTimeout);
  EXPECT_LT(elapsed, std::chrono::milliseconds(5000));  // stall detection, not the 20 s cap
}

TEST(TransportTest, ResponseLargerThanTheCapIsAborted) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, std::string(2 * 1024 * 1024, 'x'));
  });
  Transport transport(fastConfig());
  HttpResponse response = transport.submit(get(server.baseUrl() + "/big")).get();
  EXPECT_EQ(response.error, TransportError::kResponseTooLarge);
  EXPECT_TRUE(response.body.empty());
}

TEST(TransportTest, RetryAfterIsRead) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    response.add("Retry-After", "7");
    TestServer::sendJson(response, 429, R"({"code":"GAIA_TO04"})");
  });
  Transport transport(fastConfig());
  HttpResponse response = transport.submit(get(server.baseUrl() + "/busy")).get();
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.retryAfter, std::chrono::seconds(7));
}

TEST(TransportTest, AbsentRetryAfterStaysEmpty) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 429, "{}");
  });
  Transport transport(fastConfig());
  EXPECT_FALSE(transport.submit(get(server.baseUrl() + "/busy")).get().retryAfter.has_value());
}

TEST(TransportTest, ConnectionResetIsANetworkError) {
  TestServer server(
      [](const RecordedRequest&, auto& request, auto&) { TestServer::resetConnection(request); });
  Transport transport(fastConfig());
  HttpResponse response = transport.submit(get(server.baseUrl() + "/reset")).get();
  EXPECT_EQ(response.error, TransportError::kNetwork);
}

TEST(TransportTest, RedirectsAreNotFollowed) {
  TestServer server([](const RecordedRequest& request, auto&, auto& response) {
    if (request.uri == "/start") {
      response.redirect("/elsewhere", Poco::Net::HTTPResponse::HTTP_FOUND);
    } else {
      TestServer::sendJson(response, 200, "{}");
    }
  });
  Transport transport(fastConfig());
  HttpResponse response = transport.submit(get(server.baseUrl() + "/start")).get();
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(server.requestCount(), 1u);
}

TEST(TransportTest, PlainHttpToANonLoopbackHostIsRefusedBeforeSending) {
  Transport transport(fastConfig());
  HttpResponse response = transport.submit(get("http://example.invalid/k/v1/app.json")).get();
  EXPECT_EQ(response.error, TransportError::kRejected);
}

TEST(TransportTest, RefusedConnectionIsAConnectError) {
  std::string url;
  {
    TestServer server([](const RecordedRequest&, auto&, auto&) {});
    url = server.baseUrl() + "/gone";
  }  // the port is closed now
  Transport transport(fastConfig());
  EXPECT_EQ(transport.submit(get(url)).get().error, TransportError::kConnect);
}

TEST(TransportTest, NeverMoreInFlightThanTheLimit) {
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    server.pause(150);
    TestServer::sendJson(response, 200, "{}");
  });
  TransportConfig config = fastConfig();
  config.concurrency.max = 3;
  Transport transport(config);
  std::vector<std::future<HttpResponse>> futures;
  for (int i = 0; i < 10; ++i) {
    futures.push_back(transport.submit(get(server.baseUrl() + "/p")));
  }
  for (auto& future : futures) {
    EXPECT_EQ(future.get().status, 200);
  }
  EXPECT_LE(server.maxConcurrent(), 3);
  EXPECT_GE(server.maxConcurrent(), 2);  // it does run requests in parallel
  EXPECT_LE(transport.maxInFlightSeen(), 3);
}

TEST(TransportTest, TraceMasksSecretHeaders) {
  TestServer server([](const RecordedRequest&, auto&, auto& response) {
    TestServer::sendJson(response, 200, "{}");
  });
  std::mutex mutex;
  std::string trace;
  TransportConfig config = fastConfig();
  config.trace = [&](std::string_view text) {
    std::lock_guard lock(mutex);
    trace += text;
  };
  Transport transport(config);
  HttpRequest request = get(server.baseUrl() + "/t");
  request.headers.push_back({"Authorization", "Basic dXNlcjpwYTpzcw=="});
  ASSERT_EQ(transport.submit(request).get().status, 200);
  std::lock_guard lock(mutex);
  EXPECT_NE(trace.find("X-Cybozu-API-Token: ***"), std::string::npos);
  EXPECT_EQ(trace.find("tok-secret-123"), std::string::npos);
  EXPECT_EQ(trace.find("dXNlcjpwYTpzcw=="), std::string::npos);
}

TEST(TransportTest, PendingRequestsAreCancelledOnShutdown) {
  TestServer server([&](const RecordedRequest&, auto&, auto& response) {
    server.pause(2000);
    TestServer::sendJson(response, 200, "{}");
  });
  std::future<HttpResponse> pending;
  {
    Transport transport(fastConfig());
    pending = transport.submit(get(server.baseUrl() + "/hang"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(pending.get().error, TransportError::kCancelled);
}

}  // namespace
}  // namespace teichaku::kintone
