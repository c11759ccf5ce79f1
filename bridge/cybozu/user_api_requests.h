#pragma once

#include <string>
#include <vector>

#include "kintone/http_types.h"

// User API requests as plain data: /v1/<resource>.json (garoon-cybozu-api.md B1, B2), with
// the admin's auth headers and whether a replay is harmless.
namespace teichaku::cybozu {

class UserApiRequests {
 public:
  UserApiRequests(std::string baseUrl, std::vector<kintone::HttpHeader> authHeaders,
                  std::string userAgent);

  // GET with codes[0]=…&codes[1]=… (B1 "GET params"), size and offset.
  kintone::HttpRequest get(const std::string& resource, const std::vector<std::string>& codes,
                           int size, int offset) const;
  // GET with one `code` (user/organizations.json, organization/users.json).
  kintone::HttpRequest getForCode(const std::string& resource, const std::string& code, int size,
                                  int offset) const;
  kintone::HttpRequest write(kintone::HttpMethod method, const std::string& resource,
                             std::string body, bool idempotent) const;

 private:
  kintone::HttpRequest make(kintone::HttpMethod method, const std::string& pathAndQuery,
                            std::string body, bool idempotent) const;

  std::string baseUrl_;
  std::vector<kintone::HttpHeader> authHeaders_;
  std::string userAgent_;
};

}  // namespace teichaku::cybozu
