#pragma once

#include <cstdint>
#include <string>

// `teichaku-bridge key init|rotate`: creating and rotating the key file.
namespace teichaku::crypto {

// Creates a key file with one fresh random key (id 1, active), mode 0600. Refuses
// (std::runtime_error, Japanese message) if the file already exists: overwriting a
// key file would make the existing mirror unreadable.
void initKeyFile(const std::string& path);

// Adds a fresh random key with the next id and makes it active; old keys stay for
// reading. The file is replaced atomically (temp file 0600 + fsync + rename).
// Returns the new key id.
std::uint32_t rotateKeyFile(const std::string& path);

}  // namespace teichaku::crypto
