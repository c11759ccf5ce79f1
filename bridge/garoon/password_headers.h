#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kintone/auth.h"
#include "kintone/http_types.h"

// Password authentication for the cybozu.com services other than kintone: Garoon REST
// (garoon-cybozu-api.md A1 "Authentication") and the User API (B1). Both take
// X-Cybozu-Authorization: base64(login:password), plus Authorization: Basic when the
// tenant has Basic authentication on. The secret values go into header values only.
namespace teichaku::garoon {

std::vector<kintone::HttpHeader> passwordHeaders(const kintone::PasswordAuth& password,
                                                 const std::optional<kintone::BasicAuth>& basic);

// https, or plain http to a loopback host (the local emulator), as for kintone
// (kintone/url.h). `service` names the service in the Japanese reason, e.g. "Garoon".
// nullopt when usable.
std::optional<std::string> checkServiceBaseUrl(const std::string& url, const std::string& service);

std::string trimTrailingSlashes(std::string url);

}  // namespace teichaku::garoon
