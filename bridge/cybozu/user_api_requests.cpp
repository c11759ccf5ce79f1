#include "cybozu/user_api_requests.h"

#include "garoon/password_headers.h"
#include "kintone/url.h"

namespace teichaku::cybozu {

UserApiRequests::UserApiRequests(std::string baseUrl, std::vector<kintone::HttpHeader> authHeaders,
                                 std::string userAgent)
    : baseUrl_(garoon::trimTrailingSlashes(std::move(baseUrl))),
      authHeaders_(std::move(authHeaders)),
      userAgent_(std::move(userAgent)) {}

kintone::HttpRequest UserApiRequests::make(kintone::HttpMethod method,
                                           const std::string& pathAndQuery, std::string body,
                                           bool idempotent) const {
  kintone::HttpRequest request;
  request.method = method;
  request.url = baseUrl_ + "/v1/" + pathAndQuery;
  request.headers = authHeaders_;
  request.headers.push_back({"User-Agent", userAgent_});
  if (!body.empty()) {
    // Content-Type only with a JSON body (B1).
    request.headers.push_back({"Content-Type", "application/json"});
  }
  request.body = std::move(body);
  request.idempotent = idempotent;
  return request;
}

kintone::HttpRequest UserApiRequests::get(const std::string& resource,
                                          const std::vector<std::string>& codes, int size,
                                          int offset) const {
  kintone::QueryParams params;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    params.emplace_back("codes[" + std::to_string(i) + "]", codes[i]);
  }
  params.emplace_back("size", std::to_string(size));
  params.emplace_back("offset", std::to_string(offset));
  return make(kintone::HttpMethod::kGet, resource + ".json?" + kintone::encodeQuery(params), {},
              true);
}

kintone::HttpRequest UserApiRequests::getForCode(const std::string& resource,
                                                 const std::string& code, int size,
                                                 int offset) const {
  kintone::QueryParams params{{"code", code}};
  if (size > 0) {
    params.emplace_back("size", std::to_string(size));
    params.emplace_back("offset", std::to_string(offset));
  }
  return make(kintone::HttpMethod::kGet, resource + ".json?" + kintone::encodeQuery(params), {},
              true);
}

kintone::HttpRequest UserApiRequests::write(kintone::HttpMethod method, const std::string& resource,
                                            std::string body, bool idempotent) const {
  return make(method, resource + ".json", std::move(body), idempotent);
}

}  // namespace teichaku::cybozu
