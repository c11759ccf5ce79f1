#include "kintone/url.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace teichaku::kintone {

namespace {

// Everything but RFC 3986 unreserved characters gets encoded in a query component.
const std::string kReservedInQuery = "!#$&'()*+,/:;=?@[]";

std::optional<Poco::URI> parse(const std::string& url) {
  try {
    return Poco::URI(url);
  } catch (const Poco::SyntaxException&) {
    return std::nullopt;
  }
}

}  // namespace

bool isLoopbackHost(std::string_view host) {
  std::string lower = Poco::toLower(std::string(host));
  return lower == "localhost" || lower == "127.0.0.1" || lower == "::1" || lower == "[::1]";
}

std::optional<std::string> checkBaseUrl(const std::string& url) {
  auto uri = parse(url);
  if (!uri || uri->getHost().empty()) {
    return "kintone の URL が正しくありません: " + url;
  }
  if (!uri->getUserInfo().empty()) {
    return std::string("kintone の URL に認証情報を含めないでください。");
  }
  if (!uri->getQuery().empty() || !uri->getFragment().empty() ||
      (uri->getPath() != "" && uri->getPath() != "/")) {
    return "kintone の URL はドメインまで（例: https://example.cybozu.com）を指定してください: " +
           url;
  }
  if (uri->getScheme() == "https") {
    return std::nullopt;
  }
  if (uri->getScheme() == "http" && isLoopbackHost(uri->getHost())) {
    return std::nullopt;
  }
  return "kintone の URL は https で指定してください（http はローカルホストのみ）: " + url;
}

bool allowsPlainHttp(const std::string& url) {
  auto uri = parse(url);
  return uri && isLoopbackHost(uri->getHost());
}

std::string apiPath(const Endpoint& endpoint, std::string_view resource, bool preview) {
  std::string path = "/k";
  if (endpoint.guestSpaceId) {
    path += "/guest/" + *endpoint.guestSpaceId;
  }
  path += "/v1";
  if (preview) {
    path += "/preview";
  }
  path += "/";
  path += resource;
  path += ".json";
  return path;
}

std::string apiUrl(const Endpoint& endpoint, std::string_view resource, bool preview) {
  std::string base = endpoint.baseUrl;
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base + apiPath(endpoint, resource, preview);
}

std::string encodeQuery(const QueryParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) {
      out += '&';
    }
    Poco::URI::encode(name, kReservedInQuery, out);
    out += '=';
    Poco::URI::encode(value, kReservedInQuery, out);
  }
  return out;
}

}  // namespace teichaku::kintone
