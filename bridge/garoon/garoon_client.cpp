#include "garoon/garoon_client.h"

#include <stdexcept>
#include <utility>

#include "garoon/classify_garoon.h"
#include "garoon/password_headers.h"
#include "garoon/payloads.h"

namespace teichaku::garoon {

namespace {

// A page number far beyond any tenant's size: a server that keeps answering hasNext:true
// must not keep us looping forever.
constexpr int kMaxPages = 100000;

Outcome badResponse(const char* what) {
  return Outcome::fail("GAROON_BAD_RESPONSE",
                       std::string("Garoon の応答に ") + what + " がありません。");
}

GaroonRequests makeRequests(const GaroonClientConfig& config) {
  if (auto problem = checkServiceBaseUrl(config.baseUrl, "Garoon")) {
    throw std::invalid_argument(*problem);
  }
  if (config.pageSize < 1 || config.pageSize > kMaxGaroonLimit) {
    throw std::invalid_argument("Garoon の pageSize は 1〜1000 です。");
  }
  return GaroonRequests(config.baseUrl, passwordHeaders(config.password, config.basic),
                        config.userAgent);
}

template <typename T>
Fetched<T> failed(const ApiResult& result) {
  Fetched<T> out;
  out.outcome = result.outcome;
  out.errorCode = result.errorCode;
  return out;
}

template <typename T>
Fetched<T> failed(Outcome outcome) {
  Fetched<T> out;
  out.outcome = std::move(outcome);
  return out;
}

}  // namespace

GaroonClient::GaroonClient(GaroonClientConfig config, kintone::Backoff::Uniform01 uniform,
                           RetryingSender::Sleeper sleeper)
    : requests_(makeRequests(config)),
      pageSize_(config.pageSize),
      sender_(std::move(config.transport), config.retry, garoonClassifier(), std::move(uniform),
              std::move(sleeper)) {}

template <typename Build>
ApiResult GaroonClient::sendBuilt(Build build, bool expectJson) {
  try {
    return sender_.send(build(), expectJson);
  } catch (const std::invalid_argument& error) {
    ApiResult result;
    result.outcome = Outcome::fail("GAROON_INVALID_ARGUMENT", error.what());
    return result;
  }
}

template <typename OnItem>
Fetched<std::monostate> GaroonClient::forEachItem(
    const std::function<kintone::HttpRequest(int limit, int offset)>& build, const char* itemsKey,
    OnItem onItem) {
  int offset = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    ApiResult result = sendBuilt([&] { return build(pageSize_, offset); });
    if (!result.outcome.isOk()) {
      return failed<std::monostate>(result);
    }
    auto items = result.json.FindMember(itemsKey);
    auto hasNext = result.json.FindMember("hasNext");
    if (items == result.json.MemberEnd() || !items->value.IsArray()) {
      return failed<std::monostate>(badResponse(itemsKey));
    }
    for (const auto& item : items->value.GetArray()) {
      if (!onItem(item)) {
        return failed<std::monostate>(badResponse(itemsKey));
      }
    }
    // Page on hasNext, never on a short page: Garoon may return fewer than `limit` items
    // while more match (A1 "Pagination", [G-users], [G-notif-get]).
    if (hasNext == result.json.MemberEnd() || !hasNext->value.IsBool()) {
      return failed<std::monostate>(badResponse("hasNext"));
    }
    if (!hasNext->value.GetBool()) {
      return {};
    }
    if (items->value.Empty()) {
      // hasNext with nothing to step over would ask for the same page forever.
      return failed<std::monostate>(badResponse(itemsKey));
    }
    offset += static_cast<int>(items->value.Size());
  }
  return failed<std::monostate>(
      Outcome::fail("GAROON_BAD_RESPONSE", "Garoon の一覧が終わりません（hasNext が続きます）。"));
}

Fetched<std::monostate> GaroonClient::upsertNotification(
    const NotificationInput& input, const std::vector<std::string>& forbiddenValues) {
  PayloadResult payload = notificationPayload(input);
  if (!payload.outcome.isOk()) {
    return failed<std::monostate>(payload.outcome);
  }
  if (Outcome check = PayloadGuard::rejectIfContains(payload.json, forbiddenValues);
      !check.isOk()) {
    return failed<std::monostate>(check);
  }
  ApiResult result = sendBuilt([&] { return requests_.postNotification(payload.json); });
  return result.outcome.isOk() ? Fetched<std::monostate>{} : failed<std::monostate>(result);
}

Fetched<std::vector<NotificationItem>> GaroonClient::listNotifications() {
  Fetched<std::vector<NotificationItem>> out;
  auto walked = forEachItem(
      [this](int limit, int offset) { return requests_.getNotifications(limit, offset); }, "items",
      [&out](const rapidjson::Value& value) {
        auto item = readNotificationItem(value);
        if (item) {
          out.value.push_back(std::move(*item));
        }
        return item.has_value();
      });
  if (!walked.outcome.isOk()) {
    return {walked.outcome, {}, walked.errorCode};
  }
  return out;
}

Fetched<Event> GaroonClient::sendEventWrite(
    const std::function<kintone::HttpRequest(std::string)>& build, const EventInput& input,
    bool forUpdate, const std::vector<std::string>& forbiddenValues) {
  PayloadResult payload = eventPayload(input, forUpdate);
  if (!payload.outcome.isOk()) {
    return failed<Event>(payload.outcome);
  }
  if (Outcome check = PayloadGuard::rejectIfContains(payload.json, forbiddenValues);
      !check.isOk()) {
    return failed<Event>(check);
  }
  ApiResult result = sendBuilt([&] { return build(payload.json); });
  if (!result.outcome.isOk()) {
    return failed<Event>(result);
  }
  auto event = readEvent(result.json);
  if (!event) {
    return failed<Event>(badResponse("予定の id"));
  }
  return {Outcome::ok(), std::move(*event), {}};
}

Fetched<Event> GaroonClient::createEvent(const EventInput& input,
                                         const std::vector<std::string>& forbiddenValues) {
  return sendEventWrite([this](std::string json) { return requests_.addEvent(std::move(json)); },
                        input, false, forbiddenValues);
}

Fetched<Event> GaroonClient::updateEvent(const std::string& id, const EventInput& input,
                                         const std::vector<std::string>& forbiddenValues) {
  return sendEventWrite(
      [this, &id](std::string json) { return requests_.patchEvent(id, std::move(json)); }, input,
      true, forbiddenValues);
}

Fetched<std::monostate> GaroonClient::deleteEvent(const std::string& id) {
  // The response body is not used (A3: status UNCONFIRMED, likely 204 with no body).
  ApiResult result = sendBuilt([&] { return requests_.deleteEvent(id); }, false);
  return result.outcome.isOk() ? Fetched<std::monostate>{} : failed<std::monostate>(result);
}

Fetched<Event> GaroonClient::getEvent(const std::string& id) {
  ApiResult result = sendBuilt([&] { return requests_.getEvent(id); });
  if (!result.outcome.isOk()) {
    return failed<Event>(result);
  }
  auto event = readEvent(result.json);
  if (!event) {
    return failed<Event>(badResponse("予定の id"));
  }
  return {Outcome::ok(), std::move(*event), {}};
}

Fetched<std::vector<Event>> GaroonClient::searchEvents(const EventSearch& search) {
  Fetched<std::vector<Event>> out;
  auto walked = forEachItem(
      [this, &search](int limit, int offset) {
        return requests_.searchEvents(search, limit, offset);
      },
      "events",
      [&out](const rapidjson::Value& value) {
        auto event = readEvent(value);
        if (event) {
          out.value.push_back(std::move(*event));
        }
        return event.has_value();
      });
  if (!walked.outcome.isOk()) {
    return {walked.outcome, {}, walked.errorCode};
  }
  return out;
}

// base/users has no `codes` parameter, only `name`, which also matches display names and
// login names by substring (A4). So: one search per code, keeping exact code matches.
Fetched<std::vector<GaroonUser>> GaroonClient::usersByCodes(const std::vector<std::string>& codes) {
  Fetched<std::vector<GaroonUser>> out;
  for (const std::string& code : codes) {
    if (code.empty()) {
      continue;
    }
    auto walked = forEachItem(
        [this, &code](int limit, int offset) { return requests_.baseUsers(code, limit, offset); },
        "users",
        [&out, &code](const rapidjson::Value& value) {
          auto user = readUser(value);
          if (user && user->code == code) {
            out.value.push_back(std::move(*user));
          }
          return user.has_value();
        });
    if (!walked.outcome.isOk()) {
      return {walked.outcome, {}, walked.errorCode};
    }
  }
  return out;
}

Fetched<std::map<std::string, std::string>> GaroonClient::garoonIdsByCode(
    const std::vector<std::string>& codes) {
  auto users = usersByCodes(codes);
  Fetched<std::map<std::string, std::string>> out;
  out.outcome = users.outcome;
  out.errorCode = users.errorCode;
  for (const auto& user : users.value) {
    out.value.emplace(user.code, user.id);
  }
  return out;
}

Fetched<std::optional<GaroonOrganization>> GaroonClient::organizationByCode(
    const std::string& code) {
  Fetched<std::optional<GaroonOrganization>> out;
  auto walked = forEachItem(
      [this, &code](int limit, int offset) {
        return requests_.baseOrganizations(code, limit, offset);
      },
      "organizations",
      [&out, &code](const rapidjson::Value& value) {
        auto organization = readOrganization(value);
        if (organization && organization->code == code) {
          out.value = std::move(*organization);
        }
        return organization.has_value();
      });
  if (!walked.outcome.isOk()) {
    return {walked.outcome, std::nullopt, walked.errorCode};
  }
  return out;
}

Fetched<std::vector<GaroonUser>> GaroonClient::organizationUsers(
    const std::string& organizationId) {
  Fetched<std::vector<GaroonUser>> out;
  auto walked = forEachItem(
      [this, &organizationId](int limit, int offset) {
        return requests_.organizationUsers(organizationId, limit, offset);
      },
      "users",
      [&out](const rapidjson::Value& value) {
        auto user = readUser(value);
        if (user) {
          out.value.push_back(std::move(*user));
        }
        return user.has_value();
      });
  if (!walked.outcome.isOk()) {
    return {walked.outcome, {}, walked.errorCode};
  }
  return out;
}

}  // namespace teichaku::garoon
