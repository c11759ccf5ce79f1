#pragma once

#include <optional>
#include <string>

// X-Cybozu-Authorization: base64("login:password"), shared by every cybozu.com
// product (garoon-cybozu-api.md A1 "Authentication", B1 "Auth: password").
namespace teichaku::emulator::cybozu {

struct Credentials {
  std::string login;
  std::string password;
};

// nullopt when the value is not base64 of "login:password".
std::optional<Credentials> decodeCybozuAuthorization(const std::string& headerValue);

}  // namespace teichaku::emulator::cybozu
