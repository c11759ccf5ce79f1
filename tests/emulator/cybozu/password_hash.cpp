#include "emulator/cybozu/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace teichaku::emulator::cybozu {
namespace {

constexpr int kSaltBytes = 16;
constexpr int kDigestBytes = 32;

std::string derive(std::string_view password, const std::string& salt, int iterations) {
  std::string digest(kDigestBytes, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), kDigestBytes,
                        reinterpret_cast<unsigned char*>(digest.data())) != 1) {
    throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
  }
  return digest;
}

}  // namespace

PasswordHash hashPassword(std::string_view password, int iterations) {
  PasswordHash hash;
  hash.iterations = iterations;
  hash.salt.assign(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(hash.salt.data()), kSaltBytes) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  hash.digest = derive(password, hash.salt, iterations);
  return hash;
}

bool verifyPassword(const PasswordHash& hash, std::string_view password) {
  if (hash.iterations <= 0 || hash.digest.size() != kDigestBytes) {
    return false;
  }
  const std::string candidate = derive(password, hash.salt, hash.iterations);
  return CRYPTO_memcmp(candidate.data(), hash.digest.data(), kDigestBytes) == 0;
}

}  // namespace teichaku::emulator::cybozu
