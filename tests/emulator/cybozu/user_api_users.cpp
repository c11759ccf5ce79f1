// User API handlers for users and their memberships and services (B2 #1-#11).
#include <algorithm>

#include "emulator/cybozu/user_api_support.h"

namespace teichaku::emulator::cybozu {
using namespace detail;

namespace {

std::string indexed(const char* list, rapidjson::SizeType i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

}  // namespace

// B2 #1: ids or codes (not both), size 1-100, offset; sorted by id.
Response CybozuUserService::getUsers(Call& call) {
  const auto ids = listParam(call.params, "ids");
  const auto codes = listParam(call.params, "codes");
  if (!ids.empty() && !codes.empty()) {
    failValidation("ids", "idsとcodesは同時に指定できません。");
  }
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  std::vector<User> selected;
  for (const auto& user : directory_->users()) {
    const bool wanted = (ids.empty() && codes.empty()) ||
                        std::find(ids.begin(), ids.end(), user.id) != ids.end() ||
                        std::find(codes.begin(), codes.end(), user.code) != codes.end();
    if (wanted) {
      selected.push_back(user);
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "users");
  writer.StartArray();
  for (const auto& user : page(selected, offset, size)) {
    writeUser(writer, user);
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

Response CybozuUserService::addUsers(Call& call) {
  const auto& list = arrayMember(call.body, "users", limits_.itemsPerWrite);
  std::vector<UserInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseUserInput(list[i], indexed("users", i), true));
  }
  throwIfRejected(directory_->addUsers(inputs));
  return emptyObject();
}

Response CybozuUserService::updateUsers(Call& call) {
  const auto& list = arrayMember(call.body, "users", limits_.itemsPerWrite);
  std::vector<UserInput> inputs;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    inputs.push_back(parseUserInput(list[i], indexed("users", i), false));
  }
  throwIfRejected(directory_->updateUsers(inputs));
  return emptyObject();
}

Response CybozuUserService::deleteUsers(Call& call) {
  const auto codes = stringArray(arrayMember(call.body, "codes", limits_.itemsPerWrite), "codes");
  throwIfRejected(directory_->deleteUsers(codes));
  return emptyObject();
}

Response CybozuUserService::changeUserCodes(Call& call) {
  throwIfRejected(directory_->changeUserCodes(parseCodeChanges(call.body, limits_.itemsPerWrite)));
  return emptyObject();
}

// B2 #6: {organizationTitles:[{organization, title|null}]}.
Response CybozuUserService::getUserOrganizations(Call& call) {
  const auto code = singleParam(call.params, "code");
  if (!code) {
    failValidation("code", "必須です。");
  }
  const auto user = directory_->userByCode(*code);
  if (!user) {
    failValidation("code", "指定されたユーザーが見つかりません。");
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "organizationTitles");
  writer.StartArray();
  for (const auto& membership : user->organizations) {
    const auto organization = directory_->organizationById(membership.organizationId);
    if (!organization) {
      continue;
    }
    writer.StartObject();
    writeKey(writer, "organization");
    writeOrganization(writer, *organization);
    writeKey(writer, "title");
    writeTitleOrNull(writer, membership.titleCode.empty()
                                 ? std::nullopt
                                 : directory_->titleByCode(membership.titleCode));
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

// B2 #7: full replace; 100 users x 100 organizations per call.
Response CybozuUserService::putUserOrganizations(Call& call) {
  const auto& list = arrayMember(call.body, "userOrganizations", limits_.itemsPerWrite);
  std::vector<std::pair<std::string, std::vector<MembershipInput>>> byCode;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = indexed("userOrganizations", i);
    if (!list[i].IsObject()) {
      failValidation(path, "必須です。");
    }
    const std::string code = requiredString(list[i], "code", path, 128);
    if (!list[i].HasMember("organizations")) {
      failValidation(path + ".organizations", "必須です。");
    }
    byCode.emplace_back(code, parseMemberships(list[i]["organizations"], path + ".organizations",
                                               limits_.itemsPerWrite));
  }
  throwIfRejected(directory_->setUserOrganizations(byCode));
  return emptyObject();
}

Response CybozuUserService::getUserGroups(Call& call) {
  const auto code = singleParam(call.params, "code");
  if (!code) {
    failValidation("code", "必須です。");
  }
  const auto user = directory_->userByCode(*code);
  if (!user) {
    failValidation("code", "指定されたユーザーが見つかりません。");
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "groups");
  writer.StartArray();
  for (const auto& group : directory_->groups()) {
    if (group.code == kEveryoneGroup || user->groupIds.count(group.id) > 0) {
      writeGroup(writer, group);
    }
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

// B2 #9: {code, groups:[groupCode]}, full replace, up to 1,000 groups.
Response CybozuUserService::putUserGroups(Call& call) {
  const std::string code = requiredString(call.body, "code", "", 128);
  if (!call.body.HasMember("groups")) {
    failValidation("groups", "必須です。");
  }
  const auto groups = stringArray(call.body["groups"], "groups");
  if (groups.size() > limits_.groupMembersPerCall) {
    failValidation("groups",
                   "一度に" + std::to_string(limits_.groupMembersPerCall) + "件まで指定できます。");
  }
  throwIfRejected(directory_->setUserGroups(code, groups));
  return emptyObject();
}

// B2 #10: {users:[{code, services}]}, codes[] filter, size/offset.
Response CybozuUserService::getUserServices(Call& call) {
  const auto codes = listParam(call.params, "codes");
  const auto size = boundedParam(call.params, "size", 1, limits_.maxPageSize, limits_.maxPageSize);
  const auto offset = boundedParam(call.params, "offset", 0, 2147483647, 0);
  std::vector<User> selected;
  for (const auto& user : directory_->users()) {
    if (codes.empty() || std::find(codes.begin(), codes.end(), user.code) != codes.end()) {
      selected.push_back(user);
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "users");
  writer.StartArray();
  for (const auto& user : page(selected, offset, size)) {
    writer.StartObject();
    writeKey(writer, "code");
    writeString(writer, user.code);
    writeKey(writer, "services");
    writer.StartArray();
    for (const auto& service : user.services) {
      writeString(writer, service);
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

// B2 #11: full replace of each user's licences; [] removes all.
Response CybozuUserService::putUserServices(Call& call) {
  const auto& list = arrayMember(call.body, "users", limits_.itemsPerWrite);
  std::vector<std::pair<std::string, std::set<std::string>>> byCode;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = indexed("users", i);
    if (!list[i].IsObject()) {
      failValidation(path, "必須です。");
    }
    const std::string code = requiredString(list[i], "code", path, 128);
    if (!list[i].HasMember("services")) {
      failValidation(path + ".services", "必須です。");
    }
    const auto services = stringArray(list[i]["services"], path + ".services");
    byCode.emplace_back(code, std::set<std::string>(services.begin(), services.end()));
  }
  throwIfRejected(directory_->setUserServices(byCode));
  return emptyObject();
}

}  // namespace teichaku::emulator::cybozu
