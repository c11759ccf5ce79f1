#include "emulator/cybozu/user_api_support.h"

#include <algorithm>
#include <regex>
#include <set>

namespace teichaku::emulator::cybozu::detail {
namespace {

constexpr const char* kInvalidInput = "入力内容が正しくありません。";

std::string tooLong(std::size_t maxChars) {
  return std::to_string(maxChars) + "文字以内で入力してください。";
}

// B3 "User input": optional string attributes and their documented limits.
struct ProfileField {
  const char* key;
  std::size_t maxChars;
};
constexpr ProfileField kProfileFields[] = {
    {"surName", 64},          {"givenName", 64},    {"surNameReading", 64},
    {"givenNameReading", 64}, {"localName", 128},   {"localNameLocale", 16},
    {"locale", 16},           {"timezone", 64},     {"description", 1000},
    {"phone", 100},           {"mobilePhone", 100}, {"extensionNumber", 100},
    {"email", 256},           {"callto", 256},      {"url", 256},
    {"employeeNumber", 100},  {"birthDate", 10},    {"joinDate", 10},
};

const std::set<std::string> kLocales = {"ja", "en", "zh", "zh-TW", "es", "pt-BR", "th", "auto"};

}  // namespace

void failValidation(const std::string& field, const std::string& message) {
  throw UserApiError{400, "CB_VA01", kInvalidInput, {{field, message}}};
}

void failForbidden() {
  throw UserApiError{403, "CB_NO02", "権限がありません。", {}};
}

void throwIfRejected(const WriteResult& result) {
  if (result) {
    failValidation(result->field, result->message);
  }
}

std::vector<std::string> listParam(const std::map<std::string, std::vector<std::string>>& params,
                                   const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string> singleParam(
    const std::map<std::string, std::vector<std::string>>& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.front();
}

std::size_t boundedParam(const std::map<std::string, std::vector<std::string>>& params,
                         const std::string& name, std::size_t min, std::size_t max,
                         std::size_t fallback) {
  const auto text = singleParam(params, name);
  if (!text) {
    return fallback;
  }
  static const std::regex kDigits(R"(\d{1,10})");
  if (!std::regex_match(*text, kDigits)) {
    failValidation(name, "整数でなければなりません。");
  }
  const auto value = std::stoull(*text);
  if (value < min) {
    failValidation(name, std::to_string(min) + "以上である必要があります。");
  }
  if (value > max) {
    failValidation(name, std::to_string(max) + "以下である必要があります。");
  }
  return static_cast<std::size_t>(value);
}

const rapidjson::Value& arrayMember(const rapidjson::Value& body, const char* key,
                                    std::size_t cap) {
  if (!body.IsObject() || !body.HasMember(key) || !body[key].IsArray() || body[key].Empty()) {
    failValidation(key, "必須です。");
  }
  const auto& list = body[key];
  if (list.Size() > cap) {
    failValidation(key, "一度に" + std::to_string(cap) + "件まで指定できます。");
  }
  return list;
}

std::string requiredString(const rapidjson::Value& object, const char* key, const std::string& path,
                           std::size_t maxChars) {
  const auto value = stringMember(object, key);
  const std::string field = path.empty() ? std::string(key) : path + "." + key;
  if (!value || value->empty() || value->find_first_not_of(" \t") == std::string::npos) {
    failValidation(field, "必須です。");
  }
  if (utf8Length(*value) > maxChars) {
    failValidation(field, tooLong(maxChars));
  }
  return *value;
}

std::optional<std::optional<std::string>> optionalString(const rapidjson::Value& object,
                                                         const char* key, const std::string& path,
                                                         std::size_t maxChars) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) {
    return std::nullopt;
  }
  if (it->value.IsNull()) {
    return std::optional<std::string>();
  }
  const std::string field = path.empty() ? std::string(key) : path + "." + key;
  if (!it->value.IsString()) {
    failValidation(field, "文字列でなければなりません。");
  }
  std::string value(it->value.GetString(), it->value.GetStringLength());
  if (utf8Length(value) > maxChars) {
    failValidation(field, tooLong(maxChars));
  }
  return std::optional<std::string>(std::move(value));
}

std::vector<std::string> stringArray(const rapidjson::Value& value, const std::string& path) {
  if (!value.IsArray()) {
    failValidation(path, "配列でなければなりません。");
  }
  std::vector<std::string> result;
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    if (!value[i].IsString()) {
      failValidation(path + "[" + std::to_string(i) + "]", "文字列でなければなりません。");
    }
    result.emplace_back(value[i].GetString(), value[i].GetStringLength());
  }
  return result;
}

UserInput parseUserInput(const rapidjson::Value& item, const std::string& path, bool adding) {
  if (!item.IsObject()) {
    failValidation(path, "必須です。");
  }
  UserInput input;
  input.code = requiredString(item, "code", path, 128);
  if (adding || item.HasMember("password")) {
    input.password = requiredString(item, "password", path, 64);
  }
  if (adding || item.HasMember("name")) {
    input.name = requiredString(item, "name", path, 128);
  }
  if (item.HasMember("valid")) {
    if (!item["valid"].IsBool()) {
      failValidation(path + ".valid", "真偽値でなければなりません。");
    }
    input.valid = item["valid"].GetBool();
  }
  for (const auto& field : kProfileFields) {
    if (auto value = optionalString(item, field.key, path, field.maxChars)) {
      input.profile[field.key] = *value;
    }
  }
  for (const char* localeKey : {"locale", "localNameLocale"}) {
    auto it = input.profile.find(localeKey);
    if (it != input.profile.end() && it->second &&
        (kLocales.count(*it->second) == 0 ||
         (*it->second == "auto" && std::string(localeKey) == "localNameLocale"))) {
      failValidation(path + "." + localeKey, "指定できない値です。");
    }
  }
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  for (const char* dateKey : {"birthDate", "joinDate"}) {
    auto it = input.profile.find(dateKey);
    if (it != input.profile.end() && it->second && !std::regex_match(*it->second, kDate)) {
      failValidation(path + "." + dateKey, "日付の形式が不正です。");
    }
  }
  // Format (id or code, string or number) is UNCONFIRMED (B3); stored as given.
  if (auto it = item.FindMember("primaryOrganization"); it != item.MemberEnd()) {
    if (it->value.IsString()) {
      input.profile["primaryOrganization"] = std::string(it->value.GetString());
    } else if (it->value.IsInt64()) {
      input.profile["primaryOrganization"] = std::to_string(it->value.GetInt64());
    } else {
      input.profile["primaryOrganization"] = std::nullopt;
    }
  }
  return input;
}

OrganizationInput parseOrganizationInput(const rapidjson::Value& item, const std::string& path,
                                         bool adding) {
  if (!item.IsObject()) {
    failValidation(path, "必須です。");
  }
  OrganizationInput input;
  input.code = requiredString(item, "code", path, 100);
  if (adding || item.HasMember("name")) {
    input.name = requiredString(item, "name", path, 100);
  }
  auto nonNull = [](std::optional<std::optional<std::string>> value) {
    return value ? std::optional<std::string>(value->value_or("")) : std::nullopt;
  };
  input.localName = nonNull(optionalString(item, "localName", path, 100));
  input.localNameLocale = nonNull(optionalString(item, "localNameLocale", path, 16));
  input.parentCode = nonNull(optionalString(item, "parentCode", path, 100));
  input.description = nonNull(optionalString(item, "description", path, 1000));
  return input;
}

GroupInput parseGroupInput(const rapidjson::Value& item, const std::string& path, bool adding) {
  if (!item.IsObject()) {
    failValidation(path, "必須です。");
  }
  GroupInput input;
  input.code = requiredString(item, "code", path, 100);
  if (adding || item.HasMember("name")) {
    input.name = requiredString(item, "name", path, 100);
  }
  if (adding) {
    input.type = requiredString(item, "type", path, 16);
  }
  if (auto description = optionalString(item, "description", path, 1000)) {
    input.description = description->value_or("");
  }
  return input;
}

std::vector<CodeChange> parseCodeChanges(const rapidjson::Value& body, std::size_t cap) {
  const auto& list = arrayMember(body, "codes", cap);
  std::vector<CodeChange> changes;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = "codes[" + std::to_string(i) + "]";
    if (!list[i].IsObject()) {
      failValidation(path, "必須です。");
    }
    changes.push_back({requiredString(list[i], "currentCode", path, 128),
                       requiredString(list[i], "newCode", path, 128)});
  }
  return changes;
}

std::vector<MembershipInput> parseMemberships(const rapidjson::Value& list, const std::string& path,
                                              std::size_t cap) {
  if (!list.IsArray()) {
    failValidation(path, "配列でなければなりません。");
  }
  if (list.Size() > cap) {
    failValidation(path, "一度に" + std::to_string(cap) + "件まで指定できます。");
  }
  std::vector<MembershipInput> result;
  for (rapidjson::SizeType j = 0; j < list.Size(); ++j) {
    const std::string itemPath = path + "[" + std::to_string(j) + "]";
    if (!list[j].IsObject()) {
      failValidation(itemPath, "必須です。");
    }
    // orgCode is required whenever titleCode is given (update-users-departments).
    MembershipInput membership;
    membership.orgCode = requiredString(list[j], "orgCode", itemPath, 100);
    membership.titleCode = stringMember(list[j], "titleCode").value_or("");
    result.push_back(std::move(membership));
  }
  return result;
}

void writeUser(JsonWriter& writer, const User& user) {
  writer.StartObject();
  writeKey(writer, "id");
  writeString(writer, user.id);
  writeKey(writer, "code");
  writeString(writer, user.code);
  writeKey(writer, "ctime");
  writeString(writer, user.ctime);
  writeKey(writer, "mtime");
  writeString(writer, user.mtime);
  writeKey(writer, "valid");
  writer.Bool(user.valid);
  writeKey(writer, "name");
  writeString(writer, user.name);
  for (const auto& field : kProfileFields) {
    writeKey(writer, field.key);
    auto it = user.profile.find(field.key);
    writeStringOrNull(writer, it == user.profile.end() ? "" : it->second);
  }
  writeKey(writer, "primaryOrganization");
  auto primary = user.profile.find("primaryOrganization");
  writeStringOrNull(writer, primary == user.profile.end() ? "" : primary->second);
  writeKey(writer, "sortOrder");
  writer.Null();
  writeKey(writer, "customItemValues");
  writer.StartArray();
  writer.EndArray();
  writer.EndObject();
}

void writeOrganization(JsonWriter& writer, const Organization& organization) {
  writer.StartObject();
  writeKey(writer, "id");
  writeString(writer, organization.id);
  writeKey(writer, "code");
  writeString(writer, organization.code);
  writeKey(writer, "name");
  writeString(writer, organization.name);
  writeKey(writer, "localName");
  writeStringOrNull(writer, organization.localName);
  writeKey(writer, "localNameLocale");
  writeStringOrNull(writer, organization.localNameLocale);
  writeKey(writer, "parentCode");
  writeStringOrNull(writer, organization.parentCode);
  writeKey(writer, "description");
  writeString(writer, organization.description);
  writer.EndObject();
}

void writeGroup(JsonWriter& writer, const Group& group) {
  writer.StartObject();
  writeKey(writer, "id");
  writeString(writer, group.id);
  writeKey(writer, "code");
  writeString(writer, group.code);
  writeKey(writer, "name");
  writeString(writer, group.name);
  writeKey(writer, "description");
  writeString(writer, group.description);
  writer.EndObject();
}

void writeTitleOrNull(JsonWriter& writer, const std::optional<Title>& title) {
  if (!title) {
    writer.Null();
    return;
  }
  writer.StartObject();
  writeKey(writer, "id");
  writeString(writer, title->id);
  writeKey(writer, "code");
  writeString(writer, title->code);
  writeKey(writer, "name");
  writeString(writer, title->name);
  writeKey(writer, "description");
  writeString(writer, title->description);
  writer.EndObject();
}

Response jsonResponse(const rapidjson::StringBuffer& buffer, int status) {
  Response response;
  response.status = status;
  response.body = buffer.GetString();
  return response;
}

Response emptyObject() {
  Response response;
  response.body = "{}";
  return response;
}

}  // namespace teichaku::emulator::cybozu::detail
