#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "crypto/key_ring.h"

// AES-256-GCM sealing of personal data (reliability.md §5.3).
//
// Sealed layout: version byte 0x01 | key id (4 bytes, big endian) | 96-bit random
// nonce | ciphertext | 128-bit tag. The version byte and key id are authenticated
// together with the caller's associated data, so a ciphertext moved to another row
// (other aad), altered in any byte, or presented with an unknown key fails closed.
namespace teichaku::crypto {

// Thrown when a sealed value cannot be opened. The message is Japanese and never
// contains plaintext or key material.
class OpenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kHeaderBytes = 1 + 4;
constexpr std::size_t kSealOverhead = kHeaderBytes + kNonceBytes + kTagBytes;

// Encrypts with the active key and a fresh nonce from the OpenSSL CSPRNG.
std::string seal(const KeyRing& ring, std::string_view plaintext, std::string_view aad);

// Decrypts and verifies; throws OpenError on any mismatch.
std::string open(const KeyRing& ring, std::string_view sealed, std::string_view aad);

// Key id a sealed value was made with (for re-encryption after rotation); throws
// OpenError when too short or of an unknown version.
std::uint32_t sealedKeyId(std::string_view sealed);

}  // namespace teichaku::crypto
