#include "cybozu/user_api_payloads.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <string_view>

#include "garoon/payloads.h"

namespace teichaku::cybozu {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void key(Writer& writer, std::string_view name) {
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void string(Writer& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void optionalString(Writer& writer, std::string_view name,
                    const std::optional<std::string>& value) {
  if (value) {
    key(writer, name);
    string(writer, *value);
  }
}

template <typename T, typename WriteItem>
std::string listBody(std::string_view listKey, const std::vector<T>& items, WriteItem writeItem) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  key(writer, listKey);
  writer.StartArray();
  for (const T& item : items) {
    writeItem(writer, item);
  }
  writer.EndArray();
  writer.EndObject();
  return buffer.GetString();
}

// null and missing both read as nullopt (B3: string|null).
std::optional<std::string> optionalMember(const rapidjson::Value& object, const char* name) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) {
    return std::nullopt;
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

}  // namespace

bool isKnownService(const std::string& service) {
  static constexpr std::array<std::string_view, 5> kServices{"kintone", "garoon", "office",
                                                             "mailwise", "secure_access"};
  for (std::string_view known : kServices) {
    if (service == known) {
      return true;
    }
  }
  return false;
}

std::string usersBody(const std::vector<UserInput>& users) {
  return listBody("users", users, [](Writer& writer, const UserInput& user) {
    writer.StartObject();
    key(writer, "code");
    string(writer, user.code);
    optionalString(writer, "password", user.password);
    optionalString(writer, "name", user.name);
    if (user.valid) {
      key(writer, "valid");
      writer.Bool(*user.valid);
    }
    optionalString(writer, "surName", user.surName);
    optionalString(writer, "givenName", user.givenName);
    optionalString(writer, "email", user.email);
    optionalString(writer, "locale", user.locale);
    optionalString(writer, "timezone", user.timezone);
    optionalString(writer, "employeeNumber", user.employeeNumber);
    writer.EndObject();
  });
}

std::string codesBody(const std::vector<std::string>& codes) {
  return listBody("codes", codes,
                  [](Writer& writer, const std::string& code) { string(writer, code); });
}

std::string codeChangesBody(const std::vector<CodeChange>& changes) {
  return listBody("codes", changes, [](Writer& writer, const CodeChange& change) {
    writer.StartObject();
    key(writer, "currentCode");
    string(writer, change.currentCode);
    key(writer, "newCode");
    string(writer, change.newCode);
    writer.EndObject();
  });
}

std::string organizationsBody(const std::vector<OrganizationInput>& organizations) {
  return listBody("organizations", organizations,
                  [](Writer& writer, const OrganizationInput& organization) {
                    writer.StartObject();
                    key(writer, "code");
                    string(writer, organization.code);
                    key(writer, "name");
                    string(writer, organization.name);
                    key(writer, "parentCode");
                    if (organization.parentCode) {
                      string(writer, *organization.parentCode);
                    } else {
                      writer.Null();  // B2 #13: null = root
                    }
                    // B2 #14: PUT sets an omitted description to "", so it is always sent.
                    key(writer, "description");
                    string(writer, organization.description);
                    writer.EndObject();
                  });
}

std::string userOrganizationsBody(const std::vector<UserOrganizations>& assignments) {
  return listBody("userOrganizations", assignments,
                  [](Writer& writer, const UserOrganizations& assignment) {
                    writer.StartObject();
                    key(writer, "code");
                    string(writer, assignment.code);
                    key(writer, "organizations");
                    writer.StartArray();
                    for (const auto& organization : assignment.organizations) {
                      writer.StartObject();
                      key(writer, "orgCode");
                      string(writer, organization.organizationCode);
                      if (!organization.titleCode.empty()) {
                        key(writer, "titleCode");
                        string(writer, organization.titleCode);
                      }
                      writer.EndObject();
                    }
                    writer.EndArray();
                    writer.EndObject();
                  });
}

std::string userServicesBody(const std::vector<UserServices>& services) {
  return listBody("users", services, [](Writer& writer, const UserServices& user) {
    writer.StartObject();
    key(writer, "code");
    string(writer, user.code);
    key(writer, "services");
    writer.StartArray();
    for (const auto& service : user.services) {
      string(writer, service);
    }
    writer.EndArray();
    writer.EndObject();
  });
}

std::optional<CybozuUser> readUser(const rapidjson::Value& value) {
  auto id = garoon::idMember(value, "id");
  auto code = value.IsObject() ? optionalMember(value, "code") : std::nullopt;
  if (!id || !code) {
    return std::nullopt;
  }
  CybozuUser user;
  user.id = *id;
  user.code = *code;
  user.name = optionalMember(value, "name").value_or("");
  auto valid = value.FindMember("valid");
  user.valid = valid == value.MemberEnd() || !valid->value.IsBool() || valid->value.GetBool();
  user.surName = optionalMember(value, "surName");
  user.givenName = optionalMember(value, "givenName");
  user.email = optionalMember(value, "email");
  user.locale = optionalMember(value, "locale");
  user.timezone = optionalMember(value, "timezone");
  user.employeeNumber = optionalMember(value, "employeeNumber");
  // B3: documented as a number, serialised as a string in the samples.
  user.primaryOrganization = garoon::idMember(value, "primaryOrganization");
  user.ctime = optionalMember(value, "ctime").value_or("");
  user.mtime = optionalMember(value, "mtime").value_or("");
  return user;
}

std::optional<Organization> readOrganization(const rapidjson::Value& value) {
  auto id = garoon::idMember(value, "id");
  auto code = value.IsObject() ? optionalMember(value, "code") : std::nullopt;
  if (!id || !code) {
    return std::nullopt;
  }
  return Organization{*id, *code, optionalMember(value, "name").value_or(""),
                      optionalMember(value, "parentCode").value_or(""),
                      optionalMember(value, "description").value_or("")};
}

std::optional<UserServices> readUserServices(const rapidjson::Value& value) {
  auto code = value.IsObject() ? optionalMember(value, "code") : std::nullopt;
  if (!code) {
    return std::nullopt;
  }
  UserServices user{*code, {}};
  auto services = value.FindMember("services");
  if (services != value.MemberEnd() && services->value.IsArray()) {
    for (const auto& service : services->value.GetArray()) {
      if (service.IsString()) {
        user.services.emplace_back(service.GetString(), service.GetStringLength());
      }
    }
  }
  return user;
}

std::optional<Group> readGroup(const rapidjson::Value& value) {
  auto id = garoon::idMember(value, "id");
  auto code = value.IsObject() ? optionalMember(value, "code") : std::nullopt;
  if (!id || !code) {
    return std::nullopt;
  }
  return Group{*id, *code, optionalMember(value, "name").value_or(""),
               optionalMember(value, "description").value_or("")};
}

}  // namespace teichaku::cybozu
