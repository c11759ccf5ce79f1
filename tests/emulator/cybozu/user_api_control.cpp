// Test control of the User API emulator: change log, seeding, reset.
#include "emulator/cybozu/user_api_support.h"

namespace teichaku::emulator::cybozu {
using namespace detail;

namespace {

constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);

std::string indexed(const char* list, rapidjson::SizeType i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

const rapidjson::Value* optionalArray(const rapidjson::Value& body, const char* key) {
  auto it = body.FindMember(key);
  if (it == body.MemberEnd()) {
    return nullptr;
  }
  if (!it->value.IsArray()) {
    failValidation(key, "配列でなければなりません。");
  }
  return &it->value;
}

}  // namespace

bool CybozuUserService::handleControl(const Request& request, Response& response) {
  const std::string prefix = "/__emulator/cybozu/";
  if (request.path.rfind(prefix, 0) != 0) {
    return false;
  }
  const std::string action = request.path.substr(prefix.size());
  if (action == "changes" && request.method == "GET") {
    response = changes();
  } else if (action == "seed" && request.method == "POST") {
    response = seed(request);
  } else if (action == "reset" && request.method == "POST") {
    reset();
    response = emptyObject();
  } else {
    return false;
  }
  return true;
}

Response CybozuUserService::changes() {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "changes");
  writer.StartArray();
  for (const auto& change : directory_->changes()) {
    writer.StartObject();
    writeKey(writer, "sequence");
    writer.Int64(change.sequence);
    writeKey(writer, "time");
    writeString(writer, change.time);
    writeKey(writer, "action");
    writeString(writer, change.action);
    writeKey(writer, "codes");
    writer.StartArray();
    for (const auto& code : change.codes) {
      writeString(writer, code);
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return jsonResponse(buffer);
}

// Order: organizations (parents first), titles, groups, users, then each user's
// services, organizations and groups. Each step is all-or-nothing on its own; a
// failing seed reports the first bad item and keeps the steps before it.
Response CybozuUserService::seed(const Request& request) {
  try {
    rapidjson::Document body;
    if (!parseObject(request.body, body)) {
      throw UserApiError{400, "CB_IJ01", "不正なJSON文字列です。", {}};
    }
    if (const auto* list = optionalArray(body, "organizations")) {
      std::vector<OrganizationInput> inputs;
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        inputs.push_back(parseOrganizationInput((*list)[i], indexed("organizations", i), true));
      }
      throwIfRejected(directory_->addOrganizations(inputs));
    }
    if (const auto* list = optionalArray(body, "titles")) {
      std::vector<Title> titles;
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = indexed("titles", i);
        if (!(*list)[i].IsObject()) {
          failValidation(path, "必須です。");
        }
        Title title;
        title.code = requiredString((*list)[i], "code", path, 100);
        title.name = requiredString((*list)[i], "name", path, 100);
        title.description = stringMember((*list)[i], "description").value_or("");
        titles.push_back(std::move(title));
      }
      throwIfRejected(directory_->addTitles(titles));
    }
    if (const auto* list = optionalArray(body, "groups")) {
      std::vector<GroupInput> inputs;
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        inputs.push_back(parseGroupInput((*list)[i], indexed("groups", i), true));
      }
      throwIfRejected(directory_->addGroups(inputs));
    }
    if (const auto* list = optionalArray(body, "users")) {
      std::vector<UserInput> inputs;
      std::vector<std::pair<std::string, std::set<std::string>>> services;
      std::vector<std::pair<std::string, std::vector<MembershipInput>>> memberships;
      std::vector<std::pair<std::string, std::vector<std::string>>> groups;
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = indexed("users", i);
        UserInput input = parseUserInput((*list)[i], path, true);
        const auto& item = (*list)[i];
        if (item.HasMember("services")) {
          const auto names = stringArray(item["services"], path + ".services");
          services.emplace_back(input.code, std::set<std::string>(names.begin(), names.end()));
        }
        if (item.HasMember("organizations")) {
          memberships.emplace_back(
              input.code,
              parseMemberships(item["organizations"], path + ".organizations", kUnlimited));
        }
        if (item.HasMember("groups")) {
          groups.emplace_back(input.code, stringArray(item["groups"], path + ".groups"));
        }
        inputs.push_back(std::move(input));
      }
      throwIfRejected(directory_->addUsers(inputs));
      if (!services.empty()) {
        throwIfRejected(directory_->setUserServices(services));
      }
      if (!memberships.empty()) {
        throwIfRejected(directory_->setUserOrganizations(memberships));
      }
      for (const auto& [code, groupCodes] : groups) {
        throwIfRejected(directory_->setUserGroups(code, groupCodes));
      }
    }
    return emptyObject();
  } catch (const UserApiError& error) {
    return errorResponse(error);
  }
}

}  // namespace teichaku::emulator::cybozu
