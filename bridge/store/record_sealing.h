#pragma once

#include <cstdint>
#include <string>

#include "crypto/aead.h"
#include "crypto/key_ring.h"

// The associated data that binds a sealed body (and a sealed filter body) to its record, so
// that ciphertext copied to another record, app or column does not open. Internal to the store.
namespace teichaku::store {

inline std::string recordAad(const std::string& app, std::int64_t id) {
  return app + ":" + std::to_string(id);
}

inline std::string filterAad(const std::string& app, std::int64_t id) {
  return app + ":" + std::to_string(id) + ":filter";
}

// The sealed filter body, or "" (stored as an empty blob) when the record has none.
inline std::string sealFilter(const crypto::KeyRing& keys, const std::string& app, std::int64_t id,
                              const std::string& filterBody) {
  return filterBody.empty() ? std::string() : crypto::seal(keys, filterBody, filterAad(app, id));
}

}  // namespace teichaku::store
