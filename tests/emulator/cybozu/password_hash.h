#pragma once

#include <string>
#include <string_view>

// Salted PBKDF2-HMAC-SHA256 (OpenSSL), so the emulator never keeps a password in
// clear even in memory dumps of a test run.
namespace teichaku::emulator::cybozu {

struct PasswordHash {
  std::string salt;    // raw bytes
  std::string digest;  // raw bytes
  int iterations = 0;
};

PasswordHash hashPassword(std::string_view password, int iterations);
// Constant-time comparison; false for a default-constructed (unset) hash.
bool verifyPassword(const PasswordHash& hash, std::string_view password);

}  // namespace teichaku::emulator::cybozu
