#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

// The keys that encrypt personal data at rest. Several keys live side by side so
// that data sealed before a rotation stays readable; new data always uses the
// active key.
//
// Key file format (text, UTF-8, one item per line, mode 0600):
//   teichaku-keyring v1
//   active <id>
//   key <id> <64 hex digits = 32 bytes>
//   key <id> <64 hex digits>
// Ids are decimal 1..4294967295; blank lines and lines starting with '#' are ignored.
namespace teichaku::crypto {

constexpr std::size_t kKeyBytes = 32;  // AES-256
using KeyBytes = std::array<unsigned char, kKeyBytes>;

class KeyRing {
 public:
  // Reads and checks a key file (teichaku::checkSecretFile first: owner-only
  // permissions). Throws std::runtime_error with a Japanese message that names the
  // file and line but never contains key material.
  static KeyRing load(const std::string& path);
  // Parses key file text; `origin` names the source in error messages.
  static KeyRing parse(std::string_view text, const std::string& origin);

  KeyRing() = default;
  KeyRing(const KeyRing&) = default;
  KeyRing& operator=(const KeyRing&) = default;
  KeyRing(KeyRing&&) = default;
  KeyRing& operator=(KeyRing&&) = default;
  ~KeyRing();  // wipes key material

  std::uint32_t activeId() const { return activeId_; }
  bool has(std::uint32_t id) const { return keys_.count(id) != 0; }
  const KeyBytes& key(std::uint32_t id) const;  // throws std::out_of_range if unknown
  std::size_t size() const { return keys_.size(); }
  std::uint32_t maxId() const { return keys_.empty() ? 0 : keys_.rbegin()->first; }

  void add(std::uint32_t id, const KeyBytes& key);  // throws if the id exists
  void setActive(std::uint32_t id);                 // throws if the id is unknown
  std::string serialize() const;                    // the key file format above

 private:
  std::map<std::uint32_t, KeyBytes> keys_;
  std::uint32_t activeId_ = 0;
};

}  // namespace teichaku::crypto
