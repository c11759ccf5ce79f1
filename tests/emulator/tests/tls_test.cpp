// --tls-cert/--tls-key: the emulator serves HTTPS (README "Running").
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>

#include "emulator_fixture.h"

namespace teichaku::emulator::testing {
namespace {

TEST(EmulatorTlsTest, ServesHttpsWithTheGivenCertificate) {
  EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  Emulator emulator(options);
  ServerOptions serverOptions;
  serverOptions.tlsCertFile = "tests/emulator/tests/tls/test-cert.pem";  // cwd = source dir
  serverOptions.tlsKeyFile = "tests/emulator/tests/tls/test-key.pem";
  HttpServer server(emulator, serverOptions);
  server.start();
  EXPECT_EQ(server.baseUrl().rfind("https://127.0.0.1:", 0), 0u);

  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", "tests/emulator/tests/tls/test-cert.pem",
      Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("127.0.0.1", server.port(), context);
  Poco::Net::HTTPRequest request("GET", "/k/v1/apps.json", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Cybozu-Authorization", adminAuthHeader());
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_OK);
  EXPECT_EQ(body, R"({"apps":[]})");
  server.stop();
}

}  // namespace
}  // namespace teichaku::emulator::testing
