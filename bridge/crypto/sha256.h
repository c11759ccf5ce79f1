#pragma once

#include <string>
#include <string_view>

namespace teichaku::crypto {

// SHA-256 of `data` as 64 lowercase hex digits (used for the audit hash chain).
std::string sha256Hex(std::string_view data);

// Fills a string with `count` bytes from the OpenSSL CSPRNG; throws on failure.
std::string randomBytes(std::size_t count);

}  // namespace teichaku::crypto
