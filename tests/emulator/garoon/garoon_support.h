#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/cybozu/json_io.h"
#include "emulator/garoon/garoon_service.h"

// Internals shared by the Garoon handler files.
namespace teichaku::emulator::garoon {

struct GaroonService::Call {
  explicit Call(const Request& r) : request(r) {}
  const Request& request;
  cybozu::User caller;
  rapidjson::Document body;                  // object, or Null without a body
  std::map<std::string, std::string> query;  // last value wins
  std::vector<std::string> segments;         // path after /g/api/v1/, split on '/'
};

namespace detail {

using cybozu::JsonWriter;

// Error codes from the A1 error table (UNOFFICIAL there; statuses as listed).
[[noreturn]] void fail(int status, const std::string& errorCode, const std::string& message);
[[noreturn]] void missing(const std::string& name);    // 400 GRN_REST_API_00201
[[noreturn]] void invalid(const std::string& name);    // 400 GRN_REST_API_00202
[[noreturn]] void notInEnum(const std::string& name);  // 400 GRN_REST_API_00212
Response errorResponse(const GaroonError& error);

struct Paging {
  std::size_t limit = 100;
  std::size_t offset = 0;
};
// A1 "Pagination": limit 1-1000 (default 100), offset >= 0 (default 0).
Paging readPaging(const std::map<std::string, std::string>& query);

// One page of `total` items: [begin, end) and whether more follow. Honours
// GaroonConfig::shortPageItems.
struct PageWindow {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool hasNext = false;
};
PageWindow window(std::size_t total, const Paging& paging, std::size_t shortPageItems);

// Lenient boolean (the official sample has "false" as a string, A3).
std::optional<bool> boolMember(const rapidjson::Value& object, const char* key);

void writeUserRef(JsonWriter& writer, const std::string& id, const std::string& code,
                  const std::string& name);
Response jsonResponse(const rapidjson::StringBuffer& buffer, int status = 200);

}  // namespace detail
}  // namespace teichaku::emulator::garoon
