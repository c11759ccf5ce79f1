#pragma once

#include <Poco/Base64Encoder.h>
#include <rapidjson/document.h>

#include <sstream>
#include <string>

#include "emulator/service.h"

// Test-only helpers for building emulator Requests and reading JSON responses.
namespace teichaku::emulator::testing {

inline std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return out.str();
}

inline Request makeRequest(std::string method, std::string path, std::string body = {},
                           const std::string& login = "Administrator",
                           const std::string& password = "cybozu") {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.body = std::move(body);
  if (!request.body.empty()) {
    request.headers["content-type"] = "application/json";
  }
  if (!login.empty()) {
    request.headers["x-cybozu-authorization"] = base64(login + ":" + password);
  }
  return request;
}

inline rapidjson::Document parse(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  return document;
}

}  // namespace teichaku::emulator::testing
