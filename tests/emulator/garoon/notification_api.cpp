// POST / GET /g/api/v1/notification/items (garoon-cybozu-api.md A2).
#include <algorithm>

#include "emulator/garoon/garoon_support.h"

namespace teichaku::emulator::garoon {
using namespace detail;

namespace {

std::string requiredText(const rapidjson::Value& body, const char* key) {
  const auto value = cybozu::stringMember(body, key);
  if (!value || value->empty()) {
    missing(key);
  }
  return *value;
}

bool startsWithAny(const std::string& url, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&url](const std::string& prefix) {
    return !prefix.empty() && url.rfind(prefix, 0) == 0;
  });
}

void writeItem(cybozu::JsonWriter& writer, const NotificationItem& item, bool isRead) {
  writer.StartObject();
  cybozu::writeKey(writer, "moduleId");
  cybozu::writeString(writer, item.moduleId);
  cybozu::writeKey(writer, "creator");
  writeUserRef(writer, item.creatorId, item.creatorCode, item.creatorName);
  cybozu::writeKey(writer, "createdAt");
  cybozu::writeString(writer, item.createdAt);
  cybozu::writeKey(writer, "operation");
  cybozu::writeString(writer, item.operation);
  cybozu::writeKey(writer, "url");
  cybozu::writeString(writer, item.url);
  cybozu::writeKey(writer, "title");
  cybozu::writeString(writer, item.title);
  cybozu::writeKey(writer, "body");
  cybozu::writeString(writer, item.body);
  cybozu::writeKey(writer, "icon");
  cybozu::writeString(writer, item.icon);
  cybozu::writeKey(writer, "isRead");
  writer.Bool(isRead);
  writer.EndObject();
}

}  // namespace

Response GaroonService::postNotification(Call& call) {
  if (!call.body.IsObject()) {
    missing("app");
  }
  const auto& body = call.body;
  NotificationItem item;
  item.app = requiredText(body, "app");
  item.notificationKey = requiredText(body, "notificationKey");
  item.operation = requiredText(body, "operation");
  item.url = requiredText(body, "url");
  item.title = requiredText(body, "title");
  item.body = requiredText(body, "body");
  item.icon = cybozu::stringMember(body, "icon").value_or("");
  // A label for new / changed / deleted data, not a CRUD verb (A2).
  if (item.operation != "add" && item.operation != "modify" && item.operation != "remove") {
    notInEnum("operation");
  }
  if (!body.HasMember("destinations") || !body["destinations"].IsArray() ||
      body["destinations"].Empty()) {
    missing("destinations");
  }

  const auto& apps = config_.notificationApps;
  auto app = std::find_if(apps.begin(), apps.end(),
                          [&](const ExternalNotificationApp& a) { return a.code == item.app; });
  if (app == apps.end()) {
    if (config_.unregisteredApp == MismatchPolicy::kReject) {
      invalid("app");
    }
    item.hidden = true;
    item.moduleId = "x.0";
  } else {
    if (!app->allowedSenders.empty() &&
        std::find(app->allowedSenders.begin(), app->allowedSenders.end(), call.caller.code) ==
            app->allowedSenders.end()) {
      fail(403, "GRN_CMMN_00005", "この操作を実行する権限がありません。");
    }
    // Registration order gives x.1, x.2, ... (A2, from the SOAP doc; INFERRED).
    item.moduleId = "x." + std::to_string(app - apps.begin() + 1);
    for (const auto& [field, value] :
         {std::pair<const char*, const std::string*>{"url", &item.url}, {"icon", &item.icon}}) {
      if (!value->empty() && !startsWithAny(*value, app->allowedUrlPrefixes)) {
        if (config_.disallowedUrl == MismatchPolicy::kReject) {
          invalid(field);
        }
        item.hidden = true;
      }
    }
  }

  const auto& destinations = body["destinations"];
  for (rapidjson::SizeType i = 0; i < destinations.Size(); ++i) {
    const auto& destination = destinations[i];
    const std::string path = "destinations[" + std::to_string(i) + "]";
    if (!destination.IsObject()) {
      invalid(path);
    }
    const auto type = cybozu::stringMember(destination, "type");
    if (!type) {
      missing(path + ".type");
    }
    if (*type != "USER") {  // only USER is listed (A2)
      notInEnum(path + ".type");
    }
    // id wins when both are given, as in the schedule APIs (A2: precedence UNCONFIRMED).
    std::optional<cybozu::User> user;
    if (auto id = cybozu::stringMember(destination, "id")) {
      user = directory_->userByGaroonId(*id);
    } else if (destination.HasMember("id") && destination["id"].IsInt64()) {
      user = directory_->userByGaroonId(std::to_string(destination["id"].GetInt64()));
    } else if (auto code = cybozu::stringMember(destination, "code")) {
      user = directory_->userByCode(*code);
    } else {
      missing(path + ".id");
    }
    if (!user || !mayUseGaroon(*user)) {
      fail(404, "GRN_CMMN_00105", "指定されたユーザーが見つかりません。");
    }
    if (std::find(item.recipients.begin(), item.recipients.end(), user->garoonId) ==
        item.recipients.end()) {
      item.recipients.push_back(user->garoonId);
    }
  }

  item.creatorId = call.caller.garoonId;
  item.creatorCode = call.caller.code;
  item.creatorName = call.caller.name;
  item.createdAt = now();
  const auto& stored = notifications_.upsert(std::move(item));
  // The response shape was cut off in the docs; one item as typed by h000780 (A2).
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writeItem(writer, stored, false);
  return jsonResponse(buffer);
}

Response GaroonService::getNotifications(Call& call) {
  const auto paging = readPaging(call.query);
  const auto unread = notifications_.unreadFor(call.caller.garoonId);
  const auto page = window(unread.size(), paging, config_.shortPageItems);
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writer.StartObject();
  cybozu::writeKey(writer, "items");
  writer.StartArray();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    writeItem(writer, unread[i], false);
  }
  writer.EndArray();
  cybozu::writeKey(writer, "hasNext");
  writer.Bool(page.hasNext);
  writer.EndObject();
  return jsonResponse(buffer);
}

}  // namespace teichaku::emulator::garoon
