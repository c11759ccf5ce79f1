#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kintone/http_types.h"

// Credentials for kintone (kintone-api.md §1.1, §1.2). Secret values are handed in by the
// caller (the config layer reads them from files); this code never logs them and never puts
// them into an error message.
namespace teichaku::kintone {

struct PasswordAuth {
  std::string login;
  std::string password;
};

// Basic authentication in front of kintone; sent in addition to the kintone credentials.
struct BasicAuth {
  std::string user;
  std::string password;
};

// "Secure access" tenants: PKCS#12 (what the official clients take) or PEM cert + key.
struct ClientCertificate {
  enum class Format { kPkcs12, kPem };
  Format format = Format::kPkcs12;
  std::string certPath;
  std::string keyPath;  // PEM only
  std::string password;
};

struct AuthConfig {
  std::optional<PasswordAuth> password;
  std::map<std::string, std::vector<std::string>> apiTokensByApp;  // app id → tokens
  std::optional<BasicAuth> basic;
  std::optional<ClientCertificate> clientCertificate;
};

// A configuration mistake found while building a request (no token for an app, too many
// tokens). The message is Japanese and names apps, never secrets.
class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// At most 9 API tokens in one request (kintone-api.md §1.2, DOC:auth).
inline constexpr std::size_t kMaxTokensPerRequest = 9;

// Headers for a request touching `apps` (the first is the app the API acts on; the others
// are lookup or related-record sources, or the apps of a bulkRequest). Password
// authentication wins when configured, as kintone's precedence is password → token
// (kintone-api.md §1.2). Throws AuthError.
std::vector<HttpHeader> authHeaders(const AuthConfig& auth, const std::vector<std::string>& apps);

std::string base64(const std::string& data);

}  // namespace teichaku::kintone
