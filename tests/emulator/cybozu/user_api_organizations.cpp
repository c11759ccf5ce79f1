// User API handlers for organizations and groups (B2 #12-#22).
#include <algorithm>

#include "emulator/cybozu/user_api_support.h"

namespace teichaku::emulator::cybozu {
using namespace detail;

namespace {

std::string indexed(const char* list, rapidjson::SizeType i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

template <typename T>
std::vector<T> selectByIdsOrCodes(const std::vector<T>& all,
                                  const std::map<std::string, std::vector<std::string>>& params) {
  const auto ids = listParam(params, "ids");
  const auto codes = listParam(params, "codes");
  if (!ids.empty() && !codes.empty()) {
    failValidation("ids", "idsとcodesは同時に指定できません。");
  }
  std::vector<T> selected;
  for (const auto& item : all) {
    if ((ids.empty() && codes.empty()) || std::find(ids.begin(), ids.end(), item.id) != ids.end() ||
        std::find(codes.begin(), codes.end(), item.code) != codes.end()) {
      selected.push_back(item);
    }
  }
  return selected;
}

}  // namespace

Response CybozuUserService::getOrganizations(Call& call) {
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  const auto selected = selectByIdsOrCodes(directory_->organizations(), call.params);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "organizations");
  writer.StartArray();
  for (const auto& organization : page(selected, offset, size)) {
    writeOrganization(writer, organization);
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

Response CybozuUserService::addOrganizations(Call& call) {
  const auto& list = arrayMember(call.body, "organizations", limits_.itemsPerWrite);
  std::vector<OrganizationInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseOrganizationInput(list[i], indexed("organizations", i), true));
  }
  throwIfRejected(directory_->addOrganizations(inputs));
  return emptyObject();
}

Response CybozuUserService::updateOrganizations(Call& call) {
  const auto& list = arrayMember(call.body, "organizations", limits_.itemsPerWrite);
  std::vector<OrganizationInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseOrganizationInput(list[i], indexed("organizations", i), false));
  }
  throwIfRejected(directory_->updateOrganizations(inputs));
  return emptyObject();
}

Response CybozuUserService::deleteOrganizations(Call& call) {
  const auto codes = stringArray(arrayMember(call.body, "codes", limits_.itemsPerWrite), "codes");
  throwIfRejected(directory_->deleteOrganizations(codes));
  return emptyObject();
}

Response CybozuUserService::changeOrganizationCodes(Call& call) {
  throwIfRejected(
      directory_->changeOrganizationCodes(parseCodeChanges(call.body, limits_.itemsPerWrite)));
  return emptyObject();
}

// B2 #17: {userTitles:[{user, title|null}]}, code, offset, size.
Response CybozuUserService::getOrganizationUsers(Call& call) {
  const auto code = singleParam(call.params, "code");
  if (!code) {
    failValidation("code", "必須です。");
  }
  const auto organization = directory_->organizationByCode(*code);
  if (!organization) {
    failValidation("code", "指定された組織が見つかりません。");
  }
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "userTitles");
  writer.StartArray();
  for (const auto& user : page(directory_->usersOfOrganization(*code), offset, size)) {
    std::string titleCode;
    for (const auto& membership : user.organizations) {
      if (membership.organizationId == organization->id) {
        titleCode = membership.titleCode;
      }
    }
    writer.StartObject();
    writeKey(writer, "user");
    writeUser(writer, user);
    writeKey(writer, "title");
    writeTitleOrNull(writer, titleCode.empty() ? std::nullopt : directory_->titleByCode(titleCode));
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

Response CybozuUserService::getGroups(Call& call) {
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  const auto selected = selectByIdsOrCodes(directory_->groups(), call.params);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "groups");
  writer.StartArray();
  for (const auto& group : page(selected, offset, size)) {
    writeGroup(writer, group);
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

Response CybozuUserService::addGroups(Call& call) {
  const auto& list = arrayMember(call.body, "groups", limits_.itemsPerWrite);
  std::vector<GroupInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseGroupInput(list[i], indexed("groups", i), true));
  }
  throwIfRejected(directory_->addGroups(inputs));
  return emptyObject();
}

// B2 #20: paths INFERRED by analogy with organizations.
Response CybozuUserService::updateGroups(Call& call) {
  const auto& list = arrayMember(call.body, "groups", limits_.itemsPerWrite);
  std::vector<GroupInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseGroupInput(list[i], indexed("groups", i), false));
  }
  throwIfRejected(directory_->updateGroups(inputs));
  return emptyObject();
}

Response CybozuUserService::deleteGroups(Call& call) {
  const auto codes = stringArray(arrayMember(call.body, "codes", limits_.itemsPerWrite), "codes");
  throwIfRejected(directory_->deleteGroups(codes));
  return emptyObject();
}

Response CybozuUserService::getGroupUsers(Call& call) {
  const auto code = singleParam(call.params, "code");
  if (!code) {
    failValidation("code", "必須です。");
  }
  if (!directory_->groupByCode(*code)) {
    failValidation("code", "指定されたグループが見つかりません。");
  }
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "users");
  writer.StartArray();
  for (const auto& user : page(directory_->usersOfGroup(*code), offset, size)) {
    writeUser(writer, user);
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

// B2 #22: {code, users:[loginName]}, full replace, static groups, up to 1,000 users.
Response CybozuUserService::putGroupUsers(Call& call) {
  const std::string code = requiredString(call.body, "code", "", 128);
  if (!call.body.HasMember("users")) {
    failValidation("users", "必須です。");
  }
  const auto users = stringArray(call.body["users"], "users");
  if (users.size() > limits_.groupMembersPerCall) {
    failValidation("users",
                   "一度に" + std::to_string(limits_.groupMembersPerCall) + "件まで指定できます。");
  }
  throwIfRejected(directory_->setGroupUsers(code, users));
  return emptyObject();
}

}  // namespace teichaku::emulator::cybozu
