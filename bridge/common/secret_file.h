#pragma once

#include <optional>
#include <string>

// Secrets (API tokens, passwords, encryption keys) live in files that only the
// service user can read. These checks are shared by the configuration loader, the
// key ring and the accounts commands.
namespace teichaku {

// Returns a Japanese error message (naming the file and the command to fix it) when
// `path` is missing, not a regular file, readable or writable by group/others, or
// owned by another user than the current one. std::nullopt when it is safe.
std::optional<std::string> checkSecretFile(const std::string& path);

// Reads a secret file after checkSecretFile; strips one trailing newline (editors add
// it). Throws std::runtime_error with the checkSecretFile message on failure.
std::string readSecretFile(const std::string& path);

}  // namespace teichaku
