// GET /g/api/v1/base/users, base/organizations, base/organizations/{id}/users
// (garoon-cybozu-api.md A4). Ids are Garoon ids; sorted by id ascending.
#include <algorithm>

#include "emulator/garoon/garoon_support.h"

namespace teichaku::emulator::garoon {
using namespace detail;

namespace {

long long idValue(const std::string& id) {
  return std::stoll(id);
}

template <typename T>
void sortByGaroonId(std::vector<T>& items) {
  std::sort(items.begin(), items.end(),
            [](const T& a, const T& b) { return idValue(a.garoonId) < idValue(b.garoonId); });
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Response userList(const std::vector<cybozu::User>& users, const Paging& paging,
                  std::size_t shortPageItems) {
  const auto page = window(users.size(), paging, shortPageItems);
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writer.StartObject();
  cybozu::writeKey(writer, "users");
  writer.StartArray();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    writeUserRef(writer, users[i].garoonId, users[i].code, users[i].name);
  }
  writer.EndArray();
  cybozu::writeKey(writer, "hasNext");
  writer.Bool(page.hasNext);
  writer.EndObject();
  return jsonResponse(buffer);
}

}  // namespace

// `name` matches display name, login name or localized name (A4).
Response GaroonService::baseUsers(Call& call) {
  const auto paging = readPaging(call.query);
  const auto name = call.query.count("name") ? call.query.at("name") : std::string();
  std::vector<cybozu::User> users;
  for (const auto& user : directory_->users()) {
    auto localName = user.profile.find("localName");
    const bool matches = name.empty() || contains(user.name, name) || contains(user.code, name) ||
                         (localName != user.profile.end() && contains(localName->second, name));
    if (mayUseGaroon(user) && matches) {
      users.push_back(user);
    }
  }
  sortByGaroonId(users);
  return userList(users, paging, config_.shortPageItems);
}

Response GaroonService::baseOrganizations(Call& call) {
  const auto paging = readPaging(call.query);
  const auto name = call.query.count("name") ? call.query.at("name") : std::string();
  auto all = directory_->organizations();
  std::vector<cybozu::Organization> organizations;
  for (const auto& organization : all) {
    if (name.empty() || contains(organization.name, name) || contains(organization.code, name)) {
      organizations.push_back(organization);
    }
  }
  sortByGaroonId(organizations);
  const auto garoonIdOf = [&all](const std::string& code) {
    for (const auto& organization : all) {
      if (organization.code == code) {
        return organization.garoonId;
      }
    }
    return std::string();
  };
  const auto page = window(organizations.size(), paging, config_.shortPageItems);
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writer.StartObject();
  cybozu::writeKey(writer, "organizations");
  writer.StartArray();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const auto& organization = organizations[i];
    writer.StartObject();
    cybozu::writeKey(writer, "id");
    cybozu::writeString(writer, organization.garoonId);
    cybozu::writeKey(writer, "code");
    cybozu::writeString(writer, organization.code);
    cybozu::writeKey(writer, "name");
    cybozu::writeString(writer, organization.name);
    // parentOrganization / childOrganizations are typed by h000780 only (UNCONFIRMED).
    cybozu::writeKey(writer, "parentOrganization");
    cybozu::writeStringOrNull(writer, organization.parentCode.empty()
                                          ? std::string()
                                          : garoonIdOf(organization.parentCode));
    cybozu::writeKey(writer, "childOrganizations");
    writer.StartArray();
    for (const auto& child : all) {
      if (child.parentCode == organization.code) {
        writer.StartObject();
        cybozu::writeKey(writer, "id");
        cybozu::writeString(writer, child.garoonId);
        writer.EndObject();
      }
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  cybozu::writeKey(writer, "hasNext");
  writer.Bool(page.hasNext);
  writer.EndObject();
  return jsonResponse(buffer);
}

Response GaroonService::organizationUsers(Call& call, const std::string& organizationId) {
  const auto paging = readPaging(call.query);
  const auto organization = directory_->organizationByGaroonId(organizationId);
  if (!organization) {
    // A1 error table: 520 GRN_CMMN_00106 "organization not found".
    fail(520, "GRN_CMMN_00106", "指定された組織が見つかりません。");
  }
  std::vector<cybozu::User> users;
  for (const auto& user : directory_->usersOfOrganization(organization->code)) {
    if (mayUseGaroon(user)) {
      users.push_back(user);
    }
  }
  sortByGaroonId(users);
  return userList(users, paging, config_.shortPageItems);
}

}  // namespace teichaku::emulator::garoon
