#include "accounts/password_generator.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <stdexcept>

namespace teichaku::accounts {
namespace {

bool hasEveryClass(const std::string& password) {
  auto has = [&](int (*test)(int)) {
    return std::any_of(password.begin(), password.end(),
                       [test](char c) { return test(static_cast<unsigned char>(c)) != 0; });
  };
  return has(std::isupper) && has(std::islower) && has(std::isdigit);
}

}  // namespace

RandomBytes opensslRandomBytes() {
  return [](unsigned char* out, std::size_t size) {
    return size <= static_cast<std::size_t>(std::numeric_limits<int>::max()) &&
           RAND_bytes(out, static_cast<int>(size)) == 1;
  };
}

std::string generatePassword(std::size_t length, const RandomBytes& random) {
  if (length < kMinimumPasswordLength) {
    throw std::invalid_argument("パスワードは12文字以上にしてください。");
  }
  const std::size_t n = kPasswordAlphabet.size();
  // The largest multiple of n that fits in a byte: bytes at or above it are thrown away,
  // so byte % n is uniform over the alphabet.
  const unsigned limit = static_cast<unsigned>((256 / n) * n);
  // Whole passwords without all three classes are drawn again: uniform over the valid ones.
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string password;
    unsigned char buffer[64];
    while (password.size() < length) {
      if (!random(buffer, sizeof buffer)) {
        throw std::runtime_error("乱数を取得できません（OpenSSL RAND_bytes）。");
      }
      for (unsigned char b : buffer) {
        if (b < limit && password.size() < length) {
          password += kPasswordAlphabet[b % n];
        }
      }
    }
    if (hasEveryClass(password)) {
      return password;
    }
  }
  throw std::runtime_error("乱数源が偏っているためパスワードを作れません。");
}

}  // namespace teichaku::accounts
