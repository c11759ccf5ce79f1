#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"

// An in-process emulator on 127.0.0.1:0 and a plain HTTP client (Poco), so every
// conformance test goes through real sockets and the real HTTP parsing.
namespace teichaku::emulator::testing {

inline constexpr const char* kAdminPassword = "conformance-admin";

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  rapidjson::Document json;  // parsed body (null when not JSON)

  std::string header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string code() const;                    // json["code"]
  std::string str(const char* pointer) const;  // JSON pointer, e.g. "/records/0/$id/value"
};

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Seeds apps/users from JSON text (README "Seed format").
  void seed(const std::string& json);
  // Sends a request; `headers` added verbatim. Password auth as Administrator unless
  // `auth` is false or an auth header is given.
  HttpResult call(const std::string& method, const std::string& target,
                  const std::string& body = {},
                  std::vector<std::pair<std::string, std::string>> headers = {}, bool auth = true);
  std::string baseUrl() const { return server_->baseUrl(); }
  std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<HttpServer> server_;
};

std::string adminAuthHeader();

}  // namespace teichaku::emulator::testing
