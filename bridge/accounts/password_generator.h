#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

// Initial and replacement passwords for cybozu.com accounts. Drawn from OpenSSL's CSPRNG
// (RAND_bytes) by rejection sampling, so every character of the alphabet is equally likely
// (no modulo bias). The alphabet leaves out characters that are easy to misread when a
// password is handed over on paper: 0 O o 1 l I. Every password mixes upper-case letters,
// lower-case letters and digits (cybozu.com's default policy wants letters and digits,
// garoon-cybozu-api.md B4).
namespace teichaku::accounts {

inline constexpr std::string_view kPasswordAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
inline constexpr std::size_t kDefaultPasswordLength = 16;
inline constexpr std::size_t kMinimumPasswordLength = 12;

// Fills `out` with `size` random bytes; returns false when no randomness is available.
using RandomBytes = std::function<bool(unsigned char* out, std::size_t size)>;
RandomBytes opensslRandomBytes();

// Throws std::runtime_error (Japanese) when the random source fails, and
// std::invalid_argument for a length below kMinimumPasswordLength.
std::string generatePassword(std::size_t length = kDefaultPasswordLength,
                             const RandomBytes& random = opensslRandomBytes());

}  // namespace teichaku::accounts
