#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <stdexcept>

#include "server_fixture.h"

// The HTTP endpoint over real sockets (issue #5 "Webhook hardening tests"; reliability.md P15).
namespace teichaku::server::testing {
namespace {

using HttpServerTest = ServerTest;

TEST_F(HttpServerTest, HealthzAnswersOk) {
  start();
  HttpAnswer answer = client_.get(url("/healthz"));
  EXPECT_EQ(answer.code, CURLE_OK);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "ok\n");
}

TEST_F(HttpServerTest, AWebhookForAKnownAppQueuesItsRecord) {
  start();
  HttpAnswer answer = client_.post(hookUrl(), updateWebhook(kKnownApp, 34));
  EXPECT_EQ(answer.status, 200);
  auto drained = queue_->drain(10);
  ASSERT_EQ(drained.size(), 1u);
  EXPECT_EQ(drained[0].appId, kKnownApp);
  EXPECT_EQ(drained[0].recordId, 34);
  EXPECT_EQ(drained[0].type, "UPDATE_RECORD");
  EXPECT_TRUE(channel_->contains("WEBHOOK_QUEUED app=12 record=34 type=UPDATE_RECORD"));
}

TEST_F(HttpServerTest, AWrongOrMissingSecretIsTheSame404AsAnUnknownPath) {
  start();
  HttpAnswer unknown = client_.post(url("/nowhere"), updateWebhook(kKnownApp, 1));
  ASSERT_EQ(unknown.status, 404);
  const std::string wrongSecrets[] = {
      "",                                     // missing
      "wrong",                                //
      kSecret.substr(0, kSecret.size() - 1),  // a prefix
      kSecret + "x",                          // longer
      kSecret + "/",                          //
      std::string(kSecret.size(), 'A'),       // same length
  };
  for (const std::string& wrong : wrongSecrets) {
    HttpAnswer answer = client_.post(url("/hooks/kintone/" + wrong), updateWebhook(kKnownApp, 1));
    EXPECT_EQ(answer.status, 404) << wrong;
    EXPECT_EQ(answer.body, unknown.body) << wrong;
    EXPECT_EQ(answer.contentType, unknown.contentType) << wrong;
  }
  // Wrong method with a wrong secret is still a 404, not a 405 that would confirm the route.
  HttpAnswer get = client_.get(url("/hooks/kintone/wrong"));
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(get.body, unknown.body);
  EXPECT_EQ(client_.get(url("/hooks/kintone")).status, 404);
  EXPECT_EQ(queue_->size(), 0u);
  EXPECT_TRUE(channel_->contains("WEBHOOK_SECRET_MISMATCH"));
}

TEST_F(HttpServerTest, WithoutASecretTheWebhookRouteIsClosed) {
  ServerOptions options = defaults();
  options.webhookSecret.clear();
  start(options);
  EXPECT_EQ(client_.post(url("/hooks/kintone/"), updateWebhook(kKnownApp, 1)).status, 404);
  EXPECT_EQ(queue_->size(), 0u);
}

TEST_F(HttpServerTest, TheRightSecretWithTheWrongMethodIs405) {
  start();
  HttpAnswer answer = client_.get(hookUrl());
  EXPECT_EQ(answer.status, 405);
  EXPECT_EQ(client_.post(url("/healthz"), "{}").status, 405);
  EXPECT_EQ(client_.send("DELETE", url("/metrics"), nullptr, false).status, 405);
  EXPECT_EQ(client_.post(url("/readyz"), "").status, 405);
}

TEST_F(HttpServerTest, ABodyOverTheLimitIs413WithContentLengthAndChunked) {
  start();
  std::string twoMiB(2 * 1024 * 1024, ' ');
  HttpAnswer sized = client_.post(hookUrl(), twoMiB);
  EXPECT_EQ(sized.code, CURLE_OK) << curl_easy_strerror(sized.code);
  EXPECT_EQ(sized.status, 413);
  HttpAnswer chunked = client_.postChunked(hookUrl(), twoMiB);
  EXPECT_EQ(chunked.code, CURLE_OK) << curl_easy_strerror(chunked.code);
  EXPECT_EQ(chunked.status, 413);
  EXPECT_EQ(client_.get(url("/healthz")).status, 200);
  EXPECT_EQ(queue_->size(), 0u);
  EXPECT_TRUE(channel_->contains("WEBHOOK_TOO_LARGE limit_bytes=1048576"));
}

TEST_F(HttpServerTest, TheLimitIsInclusive) {
  ServerOptions options = defaults();
  options.maxBodyBytes = 4096;
  start(options);
  std::string body = updateWebhook(kKnownApp, 7);
  body.resize(4096, ' ');  // trailing whitespace keeps it valid JSON
  EXPECT_EQ(client_.post(hookUrl(), body).status, 200);
  EXPECT_EQ(client_.postChunked(hookUrl(), body).status, 200);
  body += ' ';
  EXPECT_EQ(client_.post(hookUrl(), body).status, 413);
  EXPECT_EQ(client_.postChunked(hookUrl(), body).status, 413);
  EXPECT_EQ(queue_->size(), 1u);
}

TEST_F(HttpServerTest, DeeplyNestedJsonIs400AndTheServerLivesOn) {
  start();
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  HttpAnswer answer = client_.post(hookUrl(), deep);
  EXPECT_EQ(answer.status, 400);
  std::string deepObject;
  for (int i = 0; i < 10000; ++i) {
    deepObject += "{\"a\":";
  }
  deepObject += "1" + std::string(10000, '}');
  EXPECT_EQ(client_.post(hookUrl(), deepObject).status, 400);
  EXPECT_EQ(client_.get(url("/healthz")).status, 200);
  EXPECT_TRUE(channel_->contains("WEBHOOK_INVALID"));
  EXPECT_TRUE(channel_->contains("nested deeper than 64"));
}

TEST_F(HttpServerTest, InvalidJsonIs400WithALogLine) {
  start();
  EXPECT_EQ(client_.post(hookUrl(), "{\"type\": \"UPDATE_RECORD\",").status, 400);
  EXPECT_EQ(client_.post(hookUrl(), "").status, 400);
  EXPECT_EQ(client_.post(hookUrl(), R"({"type":"UPDATE_RECORD","app":{"id":"12"}})").status, 400);
  EXPECT_EQ(queue_->size(), 0u);
  EXPECT_TRUE(channel_->contains("WEBHOOK_INVALID reason=\"invalid JSON:"));
}

TEST_F(HttpServerTest, AnUnknownAppIsIgnoredWith200) {
  start();
  HttpAnswer answer = client_.post(hookUrl(), updateWebhook(999, 1));
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "ignored\n");
  EXPECT_EQ(queue_->size(), 0u);
  EXPECT_TRUE(channel_->contains("WEBHOOK_APP_IGNORED app=999"));
}

TEST_F(HttpServerTest, AForgedWebhookPassesOnlyAppAndRecord) {
  start();
  // Field values that are false, or would be harmful if trusted: only (app, record, type)
  // may leave the server; nothing of the rest reaches the queue or the log.
  std::string forged =
      updateWebhook(kKnownApp, 77,
                    R"(,"氏名":{"type":"SINGLE_LINE_TEXT","value":"CANARY_偽名"},)"
                    R"("共有先センター":{"type":"DROP_DOWN","value":"CANARY_CENTRE"},)"
                    R"("$id_shadow":{"type":"__ID__","value":"1"})");
  ASSERT_EQ(client_.post(hookUrl(), forged).status, 200);
  auto drained = queue_->drain(10);
  ASSERT_EQ(drained.size(), 1u);
  EXPECT_EQ(drained[0].appId, kKnownApp);
  EXPECT_EQ(drained[0].recordId, 77);
  EXPECT_EQ(drained[0].type, "UPDATE_RECORD");
  EXPECT_FALSE(channel_->contains("CANARY"));
}

TEST_F(HttpServerTest, AStormOf10000WebhooksOn50RecordsLeaves50Entries) {
  start();
  for (int i = 0; i < 10000; ++i) {
    ASSERT_EQ(client_.post(hookUrl(), updateWebhook(kKnownApp, 1 + i % 50)).status, 200) << i;
  }
  EXPECT_EQ(queue_->size(), 50u);
  EXPECT_FALSE(queue_->takeOverflow());
  std::string text = client_.get(url("/metrics")).body;
  EXPECT_NE(text.find("teichaku_webhooks_total{result=\"queued\"} 50\n"), std::string::npos);
  EXPECT_NE(text.find("teichaku_webhooks_total{result=\"merged\"} 9950\n"), std::string::npos);
  EXPECT_NE(text.find("teichaku_webhook_queue_depth 50\n"), std::string::npos);
}

TEST_F(HttpServerTest, OverCapacityDropsAndSetsTheOverflowFlag) {
  start(defaults(), 20);
  for (int record = 1; record <= 50; ++record) {
    EXPECT_EQ(client_.post(hookUrl(), updateWebhook(kKnownApp, record)).status, 200);
  }
  EXPECT_EQ(queue_->size(), 20u);
  EXPECT_TRUE(queue_->takeOverflow());
  auto drained = queue_->drain(100);
  ASSERT_EQ(drained.size(), 20u);
  EXPECT_EQ(drained.front().recordId, 1);  // the first 20 stay; later ones go to the poll
  EXPECT_EQ(drained.back().recordId, 20);
  // One warning for the overflow, not one per dropped webhook.
  std::size_t warnings = 0;
  for (const auto& line : channel_->lines()) {
    warnings += line.rfind("WEBHOOK_QUEUE_FULL", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(warnings, 1u);
}

TEST_F(HttpServerTest, MetricsIsPrometheusText) {
  start();
  metrics_.setGauge("teichaku_sync_lag_seconds", {{"app", "ケース \"A\"\n"}}, 4);
  client_.get(url("/healthz"));
  client_.get(url("/healthz"));
  client_.get(url("/nowhere"));
  HttpAnswer answer = client_.get(url("/metrics"));
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.contentType, "text/plain; version=0.0.4; charset=utf-8");
  // Every line is a comment (HELP/TYPE) or a sample; label values are escaped.
  const std::regex help(R"(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*)");
  const std::regex type(R"(# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge))");
  const std::regex sample(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")"
      R"((,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")*\})? (-?[0-9.e+]+|NaN|[+-]Inf))");
  std::istringstream lines(answer.body);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(std::regex_match(line, help) || std::regex_match(line, type) ||
                std::regex_match(line, sample))
        << line;
  }
  EXPECT_GT(count, 4u);
  EXPECT_NE(answer.body.find("teichaku_http_requests_total{route=\"healthz\",status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(answer.body.find("teichaku_http_requests_total{route=\"other\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(answer.body.find("# TYPE teichaku_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(answer.body.find("# HELP teichaku_http_requests_total "), std::string::npos);
  EXPECT_NE(answer.body.find("teichaku_sync_lag_seconds{app=\"ケース \\\"A\\\"\\n\"} 4\n"),
            std::string::npos);
}

TEST_F(HttpServerTest, ReadyzFollowsReady) {
  start();
  EXPECT_EQ(client_.get(url("/readyz")).status, 200);
  ready_ = false;
  EXPECT_EQ(client_.get(url("/readyz")).status, 503);
  EXPECT_EQ(client_.get(url("/healthz")).status, 200);  // alive, only not ready
  ready_ = true;
  EXPECT_EQ(client_.get(url("/readyz")).status, 200);
  readyThrows_ = true;
  EXPECT_EQ(client_.get(url("/readyz")).status, 503);
  EXPECT_TRUE(channel_->contains("HTTP_READY_CHECK_FAILED"));
}

TEST_F(HttpServerTest, ServesTlsWithTheGivenCertificate) {
  // The test CA and a 127.0.0.1 certificate it signed, kept for the kintone transport tests
  // (tests/unit/kintone/tls/README.md); tests run from the source directory.
  ServerOptions options = defaults();
  options.tlsCertFile = "tests/unit/kintone/tls/localhost.pem";
  options.tlsKeyFile = "tests/unit/kintone/tls/localhost.key";
  start(options);
  std::string https = "https://127.0.0.1:" + std::to_string(server_->port());
  client_.trustCa("tests/unit/kintone/tls/ca.pem");
  HttpAnswer answer = client_.get(https + "/healthz");
  EXPECT_EQ(answer.code, CURLE_OK) << curl_easy_strerror(answer.code);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(client_.post(https + "/hooks/kintone/" + kSecret, updateWebhook(kKnownApp, 3)).status,
            200);
  EXPECT_EQ(queue_->size(), 1u);
  // Plain HTTP to the TLS port gets no HTTP answer.
  HttpClient plain;
  EXPECT_NE(plain.get(url("/healthz")).status, 200);
}

TEST_F(HttpServerTest, AShortSecretIsRefused) {
  ServerOptions options = defaults();
  options.webhookSecret = kSecret.substr(0, kMinWebhookSecretLength - 1);
  WebhookQueue queue(1);
  EXPECT_THROW(HttpServer(options, queue, metrics_, nullptr), std::invalid_argument);
}

TEST_F(HttpServerTest, ASecretNeedingPercentEncodingIsRefused) {
  ServerOptions options = defaults();
  options.webhookSecret = kSecret + "/x";
  WebhookQueue queue(1);
  EXPECT_THROW(HttpServer(options, queue, metrics_, nullptr), std::invalid_argument);
  options.webhookSecret = kSecret + "%41";
  EXPECT_THROW(HttpServer(options, queue, metrics_, nullptr), std::invalid_argument);
}

// Sends raw bytes and reads whatever comes back until the server closes or 5 s pass.
std::string rawExchange(std::uint16_t port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  std::string answer;
  try {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    socket.shutdownSend();
    char buffer[4096];
    int n = 0;
    while ((n = socket.receiveBytes(buffer, sizeof buffer)) > 0) {
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  } catch (const Poco::Exception&) {
    // The server may cut the connection while we still send (a header too long) or reset it;
    // either ends the exchange. The assertions are about the server afterwards.
  }
  return answer;
}

TEST_F(HttpServerTest, MalformedRequestsLeaveTheServerServing) {
  start();
  const std::string hook = "POST /hooks/kintone/" + kSecret + " HTTP/1.1\r\nHost: t\r\n";
  const std::string requests[] = {
      "GARBAGE\r\n\r\n",
      hook + "Content-Length: abc\r\n\r\n{}",
      hook + "Content-Length: -5\r\n\r\n",
      hook + "Content-Length: 99999999999999999999999\r\n\r\n",
      hook + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n",
      hook + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc",
      hook + "X-Long: " + std::string(100000, 'a') + "\r\n\r\n",
      hook + "Content-Length: 500\r\n\r\n{\"type\":",  // the client stops half-way
  };
  for (const std::string& request : requests) {
    std::string answer = rawExchange(server_->port(), request);
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << request.substr(0, 80);
    EXPECT_EQ(client_.get(url("/healthz")).status, 200) << request.substr(0, 80);
  }
  EXPECT_EQ(queue_->size(), 0u);
}

TEST_F(HttpServerTest, StopIsIdempotentAndRefusesNewConnections) {
  start();
  std::string healthz = url("/healthz");
  server_->stop();
  server_->stop();
  HttpClient fresh;
  EXPECT_NE(fresh.get(healthz).code, CURLE_OK);
}

}  // namespace
}  // namespace teichaku::server::testing
