#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// kintone URLs (kintone-api.md §1.1) and the scheme rule: https, except plain http to a
// loopback host so the local emulator can run without TLS (the official client allows
// http only for localhost: kintone-api.md §8.1).
namespace teichaku::kintone {

struct Endpoint {
  std::string baseUrl;  // e.g. https://example.cybozu.com (no path)
  std::optional<std::string> guestSpaceId;
};

bool isLoopbackHost(std::string_view host);

// nullopt when usable; otherwise a Japanese reason (the URL holds no secret, so it may be
// named).
std::optional<std::string> checkBaseUrl(const std::string& url);

// Whether a URL may be sent over plain http (loopback host).
bool allowsPlainHttp(const std::string& url);

// /k/v1/{resource}.json, /k/v1/preview/..., /k/guest/{id}/v1/... (SDK:rac src/url.ts).
std::string apiPath(const Endpoint& endpoint, std::string_view resource, bool preview = false);
std::string apiUrl(const Endpoint& endpoint, std::string_view resource, bool preview = false);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes names and values (Poco::URI::encode); arrays are given by the caller as
// fields[0], fields[1], ... as kintone expects (kintone-api.md §1.3).
std::string encodeQuery(const QueryParams& params);

}  // namespace teichaku::kintone
