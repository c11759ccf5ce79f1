#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/cybozu/cybozu_user_service.h"
#include "emulator/cybozu/json_io.h"

// Internals shared by the User API handler files: the parsed call, parameter and
// body readers that throw UserApiError, and the JSON shapes of B3.
namespace teichaku::emulator::cybozu {

struct CybozuUserService::Call {
  explicit Call(const Request& r) : request(r) {}
  const Request& request;
  std::string caller;
  rapidjson::Document body;  // an object, or Null when there was no body
  // Query (and, for X-HTTP-Method-Override GETs, body) parameters; "codes[0]" is
  // stored under "codes" (B1 "GET params").
  std::map<std::string, std::vector<std::string>> params;
};

namespace detail {

[[noreturn]] void failValidation(const std::string& field, const std::string& message);
[[noreturn]] void failForbidden();
void throwIfRejected(const WriteResult& result);

std::vector<std::string> listParam(const std::map<std::string, std::vector<std::string>>& params,
                                   const std::string& name);
std::optional<std::string> singleParam(
    const std::map<std::string, std::vector<std::string>>& params, const std::string& name);
// Integer parameter within [min, max]; `fallback` when absent.
std::size_t boundedParam(const std::map<std::string, std::vector<std::string>>& params,
                         const std::string& name, std::size_t min, std::size_t max,
                         std::size_t fallback);

// Body member `key` as an array of 1..cap items.
const rapidjson::Value& arrayMember(const rapidjson::Value& body, const char* key, std::size_t cap);
// String member, required, non-blank, at most maxChars characters.
std::string requiredString(const rapidjson::Value& object, const char* key, const std::string& path,
                           std::size_t maxChars);
// String member when present (null allowed when `allowNull`), length-checked.
std::optional<std::optional<std::string>> optionalString(const rapidjson::Value& object,
                                                         const char* key, const std::string& path,
                                                         std::size_t maxChars);
std::vector<std::string> stringArray(const rapidjson::Value& value, const std::string& path);

UserInput parseUserInput(const rapidjson::Value& item, const std::string& path, bool adding);
OrganizationInput parseOrganizationInput(const rapidjson::Value& item, const std::string& path,
                                         bool adding);
GroupInput parseGroupInput(const rapidjson::Value& item, const std::string& path, bool adding);
std::vector<CodeChange> parseCodeChanges(const rapidjson::Value& body, std::size_t cap);
std::vector<MembershipInput> parseMemberships(const rapidjson::Value& list, const std::string& path,
                                              std::size_t cap);

void writeUser(JsonWriter& writer, const User& user);
void writeOrganization(JsonWriter& writer, const Organization& organization);
void writeGroup(JsonWriter& writer, const Group& group);
void writeTitleOrNull(JsonWriter& writer, const std::optional<Title>& title);

template <typename T>
std::vector<T> page(const std::vector<T>& all, std::size_t offset, std::size_t size) {
  if (offset >= all.size()) {
    return {};
  }
  const std::size_t end = std::min(all.size(), offset + size);
  return std::vector<T>(all.begin() + static_cast<std::ptrdiff_t>(offset),
                        all.begin() + static_cast<std::ptrdiff_t>(end));
}

Response jsonResponse(const rapidjson::StringBuffer& buffer, int status = 200);
Response emptyObject();

}  // namespace detail
}  // namespace teichaku::emulator::cybozu
