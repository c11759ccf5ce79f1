#include <gtest/gtest.h>

#include <cstdlib>

#include "kintone/transport.h"
#include "test_server.h"

// TLS verification is always on (reliability.md §3.5): a private CA must be named with
// caInfo, and the certificate must match the host. Fixtures: tests/unit/kintone/tls/.
namespace teichaku::kintone {
namespace {

using testing::RecordedRequest;
using testing::TestServer;
using testing::TlsFiles;

std::string fixture(const std::string& name) {
  const char* source = std::getenv("TEICHAKU_SOURCE_DIR");
  return std::string(source != nullptr ? source : ".") + "/tests/unit/kintone/tls/" + name;
}

TransportConfig tlsConfig(bool withTestCa) {
  TransportConfig config;
  config.proxy = "";
  config.connectTimeout = std::chrono::milliseconds(3000);
  config.totalTimeout = std::chrono::milliseconds(5000);
  if (withTestCa) {
    config.caInfo = fixture("ca.pem");
  }
  return config;
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.idempotent = true;
  return request;
}

void answerOk(const RecordedRequest&, Poco::Net::HTTPServerRequest&,
              Poco::Net::HTTPServerResponse& response) {
  TestServer::sendJson(response, 200, "{}");
}

TEST(TransportTlsTest, TrustedCertificateForTheHostWorks) {
  TlsFiles files{fixture("localhost.pem"), fixture("localhost.key")};
  TestServer server(answerOk, &files);
  Transport transport(tlsConfig(true));
  HttpResponse response =
      transport.submit(get("https://localhost:" + std::to_string(server.port()) + "/x")).get();
  EXPECT_EQ(response.error, TransportError::kNone) << response.errorDetail;
  EXPECT_EQ(response.status, 200);
}

TEST(TransportTlsTest, UnknownCaIsRefused) {
  TlsFiles files{fixture("localhost.pem"), fixture("localhost.key")};
  TestServer server(answerOk, &files);
  Transport transport(tlsConfig(false));  // system CAs only
  HttpResponse response =
      transport.submit(get("https://localhost:" + std::to_string(server.port()) + "/x")).get();
  EXPECT_EQ(response.error, TransportError::kTls);
  EXPECT_EQ(server.requestCount(), 0u);
}

TEST(TransportTlsTest, CertificateForAnotherHostIsRefused) {
  TlsFiles files{fixture("wronghost.pem"), fixture("wronghost.key")};
  TestServer server(answerOk, &files);
  Transport transport(tlsConfig(true));
  HttpResponse response =
      transport.submit(get("https://localhost:" + std::to_string(server.port()) + "/x")).get();
  EXPECT_EQ(response.error, TransportError::kTls);
  EXPECT_EQ(server.requestCount(), 0u);
}

}  // namespace
}  // namespace teichaku::kintone
