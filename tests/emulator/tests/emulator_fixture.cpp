#include "emulator_fixture.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <rapidjson/pointer.h>

#include <algorithm>
#include <sstream>

namespace teichaku::emulator::testing {

std::string adminAuthHeader() {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << "Administrator:" << kAdminPassword;
  encoder.close();
  return out.str();
}

std::string HttpResult::code() const {
  return str("/code");
}

std::string HttpResult::str(const char* pointer) const {
  const rapidjson::Value* v = rapidjson::Pointer(pointer).Get(json);
  if (v == nullptr) {
    return "<missing>";
  }
  if (v->IsString()) {
    return v->GetString();
  }
  if (v->IsNull()) {
    return "<null>";
  }
  if (v->IsBool()) {
    return v->GetBool() ? "true" : "false";
  }
  return "<non-string>";
}

void EmulatorTest::SetUp() {
  EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  emulator_ = std::make_unique<Emulator>(options);
  server_ = std::make_unique<HttpServer>(*emulator_, ServerOptions{});
  server_->start();
}

void EmulatorTest::TearDown() {
  server_->stop();
  server_.reset();
  emulator_.reset();
}

void EmulatorTest::seed(const std::string& json) {
  HttpResult r = call("POST", "/__emulator/seed", json, {}, false);
  ASSERT_EQ(r.status, 200) << r.body;
}

HttpResult EmulatorTest::call(const std::string& method, const std::string& target,
                              const std::string& body,
                              std::vector<std::pair<std::string, std::string>> headers, bool auth) {
  Poco::Net::HTTPClientSession session("127.0.0.1", server_->port());
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  bool hasAuth = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.first == "X-Cybozu-API-Token" || h.first == "X-Cybozu-Authorization";
  });
  if (auth && !hasAuth) {
    request.set("X-Cybozu-Authorization", adminAuthHeader());
  }
  for (const auto& [name, value] : headers) {
    request.add(name, value);
  }
  if (!body.empty()) {
    if (!request.has("Content-Type")) {
      request.setContentType("application/json");
    }
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  std::ostream& out = session.sendRequest(request);
  out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    result.headers[lower] = value;
  }
  Poco::StreamCopier::copyToString(in, result.body);
  result.json.Parse(result.body.c_str());
  if (result.json.HasParseError()) {
    result.json.SetNull();
  }
  return result;
}

}  // namespace teichaku::emulator::testing
