#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "cybozu/cybozu_types.h"

// JSON bodies for User API writes (garoon-cybozu-api.md B2) and readers for its answers.
// Pure functions, tested against golden JSON. Each body holds one batch; the client cuts
// lists into batches of kMaxItemsPerWrite.
namespace teichaku::cybozu {

inline constexpr std::size_t kMaxItemsPerWrite = 100;  // B2 "Limit per call"
inline constexpr int kMaxPageSize = 100;               // B2 #1, #10, #12: size 1–100

// The services PUT users/services.json accepts (B2 #11).
bool isKnownService(const std::string& service);

// {"users":[…]}: POST when adding (code, password, name required), PUT when updating.
std::string usersBody(const std::vector<UserInput>& users);
std::string codesBody(const std::vector<std::string>& codes);  // {"codes":[…]} for DELETE
std::string codeChangesBody(const std::vector<CodeChange>& changes);
std::string organizationsBody(const std::vector<OrganizationInput>& organizations);
std::string userOrganizationsBody(const std::vector<UserOrganizations>& assignments);
std::string userServicesBody(const std::vector<UserServices>& services);

std::optional<CybozuUser> readUser(const rapidjson::Value& value);
std::optional<Organization> readOrganization(const rapidjson::Value& value);
std::optional<UserServices> readUserServices(const rapidjson::Value& value);
std::optional<Group> readGroup(const rapidjson::Value& value);

}  // namespace teichaku::cybozu
