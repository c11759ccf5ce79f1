#pragma once

#include <array>
#include <string>
#include <string_view>

// The webhook secret carried in the URL path (kintone webhooks cannot send headers; see
// docs/webhooks.md). Only its SHA-256 digest is kept, and a candidate is checked by comparing
// digests with CRYPTO_memcmp: the time taken depends neither on where the first wrong
// character is nor on the candidate's length relative to the secret.
namespace teichaku::server {

class PathSecret {
 public:
  // An empty secret matches nothing (the webhook route is then closed).
  explicit PathSecret(std::string_view secret);

  bool matches(std::string_view candidate) const;
  bool empty() const { return empty_; }

 private:
  std::array<unsigned char, 32> digest_{};
  bool empty_;
};

}  // namespace teichaku::server
