#include "emulator/garoon/garoon_service.h"

#include <algorithm>
#include <sstream>
#include <utility>

#include "emulator/cybozu/cybozu_credentials.h"
#include "emulator/garoon/garoon_support.h"

namespace teichaku::emulator::garoon {
using namespace detail;

namespace {

constexpr const char* kApiPrefix = "/g/api/v1/";
constexpr const char* kNotificationPath = "/g/api/v1/notification/items";

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> segments;
  std::istringstream input(path);
  for (std::string segment; std::getline(input, segment, '/');) {
    if (!segment.empty()) {
      segments.push_back(segment);
    }
  }
  return segments;
}

}  // namespace

GaroonService::GaroonService(std::shared_ptr<cybozu::UserDirectory> directory, GaroonConfig config)
    : directory_(std::move(directory)), config_(std::move(config)) {
  if (!config_.clock) {
    config_.clock = [] { return std::chrono::system_clock::now(); };
  }
}

bool GaroonService::owns(const Request& request) const {
  return request.path.rfind("/g/api/", 0) == 0;
}

std::string GaroonService::now() const {
  return cybozu::formatIsoUtc(config_.clock());
}

bool GaroonService::mayUseGaroon(const cybozu::User& user) const {
  return user.valid && (!config_.requireGaroonLicence || user.services.count("garoon") > 0);
}

void GaroonService::reset() {
  std::lock_guard lock(mutex_);
  notifications_.clear();
  schedule_.clear();
}

Response GaroonService::handle(const Request& request) {
  Call call(request);
  Response response;
  try {
    // A1 "Authentication" and the A1 error table (401 codes).
    const std::string* authorization = request.header("x-cybozu-authorization");
    if (authorization == nullptr || authorization->empty()) {
      fail(401, "GRN_REST_API_00003", "認証情報が指定されていません。");
    }
    const auto credentials = cybozu::decodeCybozuAuthorization(*authorization);
    if (!credentials) {
      fail(401, "GRN_REST_API_00001", "X-Cybozu-Authorizationヘッダーの値が不正です。");
    }
    switch (directory_->authenticate(credentials->login, credentials->password)) {
      case cybozu::AuthResult::kOk:
        break;
      case cybozu::AuthResult::kInactive:
        fail(401, "FW00008", "このユーザーは使用を停止されています。");
      case cybozu::AuthResult::kUnknownUserOrPassword:
        fail(401, "FW00007", "ログイン名またはパスワードが正しくありません。");
    }
    // The user may be deleted between the two calls; treat that as a failed login.
    auto caller = directory_->userByCode(credentials->login);
    if (!caller) {
      fail(401, "FW00007", "ログイン名またはパスワードが正しくありません。");
    }
    call.caller = std::move(*caller);
    if (!mayUseGaroon(call.caller)) {
      fail(403, "GRN_CMMN_00004", "このアプリケーションを使用する権限がありません。");
    }
    if (!request.body.empty()) {
      const std::string* contentType = request.header("content-type");
      if (contentType == nullptr || contentType->rfind("application/json", 0) != 0) {
        fail(415, "GRN_REST_API_00103", "Content-Typeが不正です。");
      }
      if (!cybozu::parseObject(request.body, call.body)) {
        fail(400, "GRN_REST_API_00105", "リクエストボディが不正です。");
      }
    }
    for (const auto& [name, value] : request.query) {
      call.query[name] = value;
    }
    if (request.path.rfind(kApiPrefix, 0) == 0) {
      call.segments = split(request.path.substr(std::string(kApiPrefix).size()));
    }
    std::lock_guard lock(mutex_);
    response = dispatch(call);
  } catch (const GaroonError& error) {
    response = errorResponse(error);
  }
  if (request.method == "POST" && request.path == kNotificationPath) {
    std::lock_guard lock(mutex_);
    notifications_.recordRequest({0, now(), call.caller.code, response.status, request.body});
  }
  return response;
}

Response GaroonService::dispatch(Call& call) {
  const auto& s = call.segments;
  const std::string& method = call.request.method;
  const auto methodNotAllowed = [] {
    fail(405, "GRN_REST_API_00102", "このHTTPメソッドには対応していません。");
  };
  if (call.request.path.rfind(kApiPrefix, 0) != 0) {
    fail(400, "GRN_REST_API_00101", "指定されたURIは存在しません。");
  }
  if (s == std::vector<std::string>{"notification", "items"}) {
    if (method == "POST") {
      return postNotification(call);
    }
    if (method == "GET") {
      return getNotifications(call);
    }
    methodNotAllowed();
  }
  if (s == std::vector<std::string>{"schedule", "events"}) {
    if (method == "POST") {
      return addEvent(call);
    }
    if (method == "GET") {
      return searchEvents(call);
    }
    methodNotAllowed();
  }
  if (s.size() == 3 && s[0] == "schedule" && s[1] == "events") {
    if (method == "GET") {
      return getEvent(call, s[2]);
    }
    if (method == "PATCH") {
      return updateEvent(call, s[2]);
    }
    if (method == "DELETE") {
      return deleteEvent(call, s[2]);
    }
    methodNotAllowed();
  }
  if (s == std::vector<std::string>{"base", "users"} ||
      s == std::vector<std::string>{"base", "organizations"} ||
      (s.size() == 4 && s[0] == "base" && s[1] == "organizations" && s[3] == "users")) {
    if (method != "GET") {
      methodNotAllowed();
    }
    if (s.size() == 4) {
      return organizationUsers(call, s[2]);
    }
    return s[1] == "users" ? baseUsers(call) : baseOrganizations(call);
  }
  fail(400, "GRN_REST_API_00101", "指定されたURIは存在しません。");
}

bool GaroonService::handleControl(const Request& request, Response& response) {
  const std::string prefix = "/__emulator/garoon/";
  if (request.path.rfind(prefix, 0) != 0) {
    return false;
  }
  const std::string action = request.path.substr(prefix.size());
  if (action == "reset" && request.method == "POST") {
    reset();
    response = Response{};
    response.body = "{}";
    return true;
  }
  if (request.method != "GET" || (action != "notifications" && action != "notifications/items")) {
    return false;
  }
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  if (action == "notifications") {
    cybozu::writeKey(writer, "requests");
    writer.StartArray();
    for (const auto& received : notifications_.requests()) {
      writer.StartObject();
      cybozu::writeKey(writer, "sequence");
      writer.Int64(received.sequence);
      cybozu::writeKey(writer, "receivedAt");
      cybozu::writeString(writer, received.receivedAt);
      cybozu::writeKey(writer, "caller");
      cybozu::writeString(writer, received.caller);
      cybozu::writeKey(writer, "status");
      writer.Int(received.status);
      cybozu::writeKey(writer, "body");
      cybozu::writeString(writer, received.body);
      writer.EndObject();
    }
    writer.EndArray();
  } else {
    cybozu::writeKey(writer, "items");
    writer.StartArray();
    for (const auto& item : notifications_.all()) {
      writer.StartObject();
      for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"app", &item.app},
                                       {"notificationKey", &item.notificationKey},
                                       {"moduleId", &item.moduleId},
                                       {"operation", &item.operation},
                                       {"url", &item.url},
                                       {"title", &item.title},
                                       {"body", &item.body},
                                       {"icon", &item.icon},
                                       {"createdAt", &item.createdAt},
                                       {"creatorCode", &item.creatorCode}}) {
        cybozu::writeKey(writer, key);
        cybozu::writeString(writer, *value);
      }
      cybozu::writeKey(writer, "recipients");
      writer.StartArray();
      for (const auto& id : item.recipients) {
        cybozu::writeString(writer, id);
      }
      writer.EndArray();
      cybozu::writeKey(writer, "hidden");
      writer.Bool(item.hidden);
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
  response = jsonResponse(buffer);
  return true;
}

}  // namespace teichaku::emulator::garoon
