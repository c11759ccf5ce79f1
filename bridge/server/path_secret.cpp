#include "server/path_secret.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace teichaku::server {
namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw std::runtime_error("SHA-256 failed");
  }
  return digest;
}

}  // namespace

PathSecret::PathSecret(std::string_view secret) : empty_(secret.empty()) {
  if (!empty_) {
    digest_ = sha256(secret);
  }
}

bool PathSecret::matches(std::string_view candidate) const {
  std::array<unsigned char, 32> other = sha256(candidate);
  bool same = CRYPTO_memcmp(other.data(), digest_.data(), digest_.size()) == 0;
  return same && !empty_;
}

}  // namespace teichaku::server
