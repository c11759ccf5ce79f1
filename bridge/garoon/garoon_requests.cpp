#include "garoon/garoon_requests.h"

#include <algorithm>
#include <stdexcept>

#include "garoon/password_headers.h"
#include "kintone/url.h"

namespace teichaku::garoon {

namespace {

const std::string kApi = "/g/api/v1/";

void requireId(const std::string& id, const char* what) {
  if (id.empty() || id.size() > 19 ||
      !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw std::invalid_argument(std::string("Garoon の") + what + " ID が数字ではありません。");
  }
}

std::string withQuery(const std::string& path, const kintone::QueryParams& params) {
  const std::string query = kintone::encodeQuery(params);
  return query.empty() ? path : path + "?" + query;
}

kintone::QueryParams paging(int limit, int offset) {
  if (limit < 1 || limit > kMaxGaroonLimit || offset < 0) {
    throw std::invalid_argument("Garoon の limit は 1〜1000、offset は 0 以上です。");
  }
  return {{"limit", std::to_string(limit)}, {"offset", std::to_string(offset)}};
}

}  // namespace

GaroonRequests::GaroonRequests(std::string baseUrl, std::vector<kintone::HttpHeader> authHeaders,
                               std::string userAgent)
    : baseUrl_(trimTrailingSlashes(std::move(baseUrl))),
      authHeaders_(std::move(authHeaders)),
      userAgent_(std::move(userAgent)) {}

kintone::HttpRequest GaroonRequests::make(kintone::HttpMethod method, const std::string& path,
                                          std::string body, bool idempotent) const {
  kintone::HttpRequest request;
  request.method = method;
  request.url = baseUrl_ + kApi + path;
  request.headers = authHeaders_;
  request.headers.push_back({"User-Agent", userAgent_});
  if (!body.empty()) {
    // Content-Type only with a body (A1 "Request body").
    request.headers.push_back({"Content-Type", "application/json"});
  }
  request.body = std::move(body);
  request.idempotent = idempotent;
  return request;
}

kintone::HttpRequest GaroonRequests::postNotification(std::string json) const {
  return make(kintone::HttpMethod::kPost, "notification/items", std::move(json), true);
}

kintone::HttpRequest GaroonRequests::getNotifications(int limit, int offset) const {
  return make(kintone::HttpMethod::kGet, withQuery("notification/items", paging(limit, offset)), {},
              true);
}

kintone::HttpRequest GaroonRequests::addEvent(std::string json) const {
  return make(kintone::HttpMethod::kPost, "schedule/events", std::move(json), false);
}

kintone::HttpRequest GaroonRequests::patchEvent(const std::string& id, std::string json) const {
  requireId(id, "予定");
  // PATCH /api/v1/schedule/events/{id} (garoon-cybozu-api.md A3): a merge of the given
  // properties, so sending it again ends in the same event.
  return make(kintone::HttpMethod::kPatch, "schedule/events/" + id, std::move(json), true);
}

kintone::HttpRequest GaroonRequests::deleteEvent(const std::string& id) const {
  requireId(id, "予定");
  return make(kintone::HttpMethod::kDelete, "schedule/events/" + id, {}, false);
}

kintone::HttpRequest GaroonRequests::getEvent(const std::string& id) const {
  requireId(id, "予定");
  return make(kintone::HttpMethod::kGet, "schedule/events/" + id, {}, true);
}

kintone::HttpRequest GaroonRequests::searchEvents(const EventSearch& search, int limit,
                                                  int offset) const {
  kintone::QueryParams params = paging(limit, offset);
  if (!search.rangeStart.empty()) {
    params.emplace_back("rangeStart", search.rangeStart);
  }
  if (!search.rangeEnd.empty()) {
    params.emplace_back("rangeEnd", search.rangeEnd);
  }
  // target and targetType each require the other (A3 "Search").
  if (search.target.empty() != search.targetType.empty()) {
    throw std::invalid_argument(
        "Garoon の予定検索の target と targetType は両方指定してください。");
  }
  if (!search.target.empty()) {
    params.emplace_back("targetType", search.targetType);
    params.emplace_back("target", search.target);
  }
  if (!search.orderBy.empty()) {
    params.emplace_back("orderBy", search.orderBy);
  }
  return make(kintone::HttpMethod::kGet, withQuery("schedule/events", params), {}, true);
}

kintone::HttpRequest GaroonRequests::baseUsers(const std::string& name, int limit,
                                               int offset) const {
  kintone::QueryParams params = paging(limit, offset);
  if (!name.empty()) {
    params.emplace_back("name", name);
  }
  return make(kintone::HttpMethod::kGet, withQuery("base/users", params), {}, true);
}

kintone::HttpRequest GaroonRequests::baseOrganizations(const std::string& name, int limit,
                                                       int offset) const {
  kintone::QueryParams params = paging(limit, offset);
  if (!name.empty()) {
    params.emplace_back("name", name);
  }
  return make(kintone::HttpMethod::kGet, withQuery("base/organizations", params), {}, true);
}

kintone::HttpRequest GaroonRequests::organizationUsers(const std::string& organizationId, int limit,
                                                       int offset) const {
  requireId(organizationId, "組織");
  return make(kintone::HttpMethod::kGet,
              withQuery("base/organizations/" + organizationId + "/users", paging(limit, offset)),
              {}, true);
}

}  // namespace teichaku::garoon
