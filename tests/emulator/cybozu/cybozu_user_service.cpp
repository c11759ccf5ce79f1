#include "emulator/cybozu/cybozu_user_service.h"

#include <cstdio>
#include <utility>

#include "emulator/cybozu/cybozu_credentials.h"
#include "emulator/cybozu/user_api_support.h"

namespace teichaku::emulator::cybozu {
namespace {

using Handler = Response (CybozuUserService::*)(CybozuUserService::Call&);

// "codes[0]" and "codes" both name the list "codes" (B1 "GET params").
std::string baseName(const std::string& name) {
  const auto bracket = name.find('[');
  return bracket == std::string::npos ? name : name.substr(0, bracket);
}

// Parameters a client moved into the body with X-HTTP-Method-Override: GET
// (U-upd-2021-02).
void mergeBodyParams(const rapidjson::Value& body,
                     std::map<std::string, std::vector<std::string>>& params) {
  for (auto it = body.MemberBegin(); it != body.MemberEnd(); ++it) {
    auto& values = params[it->name.GetString()];
    const auto add = [&values](const rapidjson::Value& v) {
      if (v.IsString()) {
        values.emplace_back(v.GetString(), v.GetStringLength());
      } else if (v.IsInt64()) {
        values.push_back(std::to_string(v.GetInt64()));
      }
    };
    if (it->value.IsArray()) {
      for (const auto& element : it->value.GetArray()) {
        add(element);
      }
    } else {
      add(it->value);
    }
  }
}

}  // namespace

CybozuUserService::CybozuUserService(std::shared_ptr<UserDirectory> directory, UserApiLimits limits)
    : directory_(std::move(directory)), limits_(limits) {}

bool CybozuUserService::owns(const Request& request) const {
  return request.path.rfind("/v1/", 0) == 0;
}

void CybozuUserService::reset() {
  directory_->reset();
}

Response CybozuUserService::errorResponse(const UserApiError& error) {
  char id[24];
  std::snprintf(id, sizeof id, "emu%017llu", static_cast<unsigned long long>(++errorSequence_));
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "code");
  writeString(writer, error.code);
  writeKey(writer, "id");
  writeString(writer, id);
  writeKey(writer, "message");
  writeString(writer, error.message);
  if (!error.fieldErrors.empty()) {
    writeKey(writer, "errors");
    writer.StartObject();
    for (const auto& [field, message] : error.fieldErrors) {
      writeKey(writer, field);
      writer.StartObject();
      writeKey(writer, "messages");
      writer.StartArray();
      writeString(writer, message);
      writer.EndArray();
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndObject();
  Response response = detail::jsonResponse(buffer, error.status);
  response.headers.emplace_back("X-Cybozu-Error", error.code);
  return response;
}

Response CybozuUserService::handle(const Request& request) {
  try {
    Call call(request);
    const std::string* authorization = request.header("x-cybozu-authorization");
    if (authorization == nullptr || authorization->empty()) {
      throw UserApiError{401, "CB_AU01", "ログインしてください。", {}};
    }
    const auto credentials = decodeCybozuAuthorization(*authorization);
    if (!credentials ||
        directory_->authenticate(credentials->login, credentials->password) != AuthResult::kOk) {
      throw UserApiError{401,
                         "CB_WA01",
                         "ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」"
                         "ヘッダーの値が正しくありません。",
                         {}};
    }
    call.caller = credentials->login;
    for (const auto& [name, value] : request.query) {
      call.params[baseName(name)].push_back(value);
    }
    if (!request.body.empty()) {
      if (!parseObject(request.body, call.body)) {
        throw UserApiError{400, "CB_IJ01", "不正なJSON文字列です。", {}};
      }
      if (request.method == "GET") {
        mergeBodyParams(call.body, call.params);
      }
    }
    return dispatch(call);
  } catch (const UserApiError& error) {
    return errorResponse(error);
  }
}

Response CybozuUserService::dispatch(Call& call) {
  static const std::map<std::string, std::map<std::string, Handler>> kRoutes = {
      {"/v1/users.json",
       {{"GET", &CybozuUserService::getUsers},
        {"POST", &CybozuUserService::addUsers},
        {"PUT", &CybozuUserService::updateUsers},
        {"DELETE", &CybozuUserService::deleteUsers}}},
      {"/v1/users/codes.json", {{"PUT", &CybozuUserService::changeUserCodes}}},
      {"/v1/user/organizations.json", {{"GET", &CybozuUserService::getUserOrganizations}}},
      {"/v1/userOrganizations.json", {{"PUT", &CybozuUserService::putUserOrganizations}}},
      {"/v1/user/groups.json",
       {{"GET", &CybozuUserService::getUserGroups}, {"PUT", &CybozuUserService::putUserGroups}}},
      {"/v1/users/services.json",
       {{"GET", &CybozuUserService::getUserServices},
        {"PUT", &CybozuUserService::putUserServices}}},
      {"/v1/organizations.json",
       {{"GET", &CybozuUserService::getOrganizations},
        {"POST", &CybozuUserService::addOrganizations},
        {"PUT", &CybozuUserService::updateOrganizations},
        {"DELETE", &CybozuUserService::deleteOrganizations}}},
      {"/v1/organizations/codes.json", {{"PUT", &CybozuUserService::changeOrganizationCodes}}},
      {"/v1/organization/users.json", {{"GET", &CybozuUserService::getOrganizationUsers}}},
      {"/v1/groups.json",
       {{"GET", &CybozuUserService::getGroups},
        {"POST", &CybozuUserService::addGroups},
        {"PUT", &CybozuUserService::updateGroups},
        {"DELETE", &CybozuUserService::deleteGroups}}},
      {"/v1/group/users.json",
       {{"GET", &CybozuUserService::getGroupUsers}, {"PUT", &CybozuUserService::putGroupUsers}}},
  };
  // The status and code for an unknown path or method are not documented (B1 has
  // only CB_IL02 "illegal request"); 404/405 keep clients' mistakes obvious.
  auto route = kRoutes.find(call.request.path);
  if (route == kRoutes.end()) {
    throw UserApiError{404, "CB_IL02", "不正なリクエストです。", {}};
  }
  auto handler = route->second.find(call.request.method);
  if (handler == route->second.end()) {
    throw UserApiError{405, "CB_IL02", "不正なリクエストです。", {}};
  }
  // Reads need no privilege, writes a common administrator (B1 "Required privilege").
  if (call.request.method != "GET" && !directory_->isAdministrator(call.caller)) {
    detail::failForbidden();
  }
  return (this->*handler->second)(call);
}

}  // namespace teichaku::emulator::cybozu
