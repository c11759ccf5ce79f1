#include "garoon/password_headers.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "kintone/url.h"

namespace teichaku::garoon {

std::vector<kintone::HttpHeader> passwordHeaders(const kintone::PasswordAuth& password,
                                                 const std::optional<kintone::BasicAuth>& basic) {
  std::vector<kintone::HttpHeader> headers;
  headers.push_back(
      {"X-Cybozu-Authorization", kintone::base64(password.login + ":" + password.password)});
  if (basic) {
    headers.push_back(
        {"Authorization", "Basic " + kintone::base64(basic->user + ":" + basic->password)});
  }
  return headers;
}

std::optional<std::string> checkServiceBaseUrl(const std::string& url, const std::string& service) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::SyntaxException&) {
    return service + " の URL が正しくありません: " + url;
  }
  if (uri.getHost().empty()) {
    return service + " の URL が正しくありません: " + url;
  }
  if (!uri.getUserInfo().empty()) {
    return service + " の URL に認証情報を含めないでください。";
  }
  if (!uri.getQuery().empty() || !uri.getFragment().empty() ||
      (!uri.getPath().empty() && uri.getPath() != "/")) {
    return service +
           " の URL はドメインまで（例: https://example.cybozu.com）を指定してください: " + url;
  }
  if (uri.getScheme() == "https" ||
      (uri.getScheme() == "http" && kintone::isLoopbackHost(uri.getHost()))) {
    return std::nullopt;
  }
  return service + " の URL は https で指定してください（http はローカルホストのみ）: " + url;
}

std::string trimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

}  // namespace teichaku::garoon
