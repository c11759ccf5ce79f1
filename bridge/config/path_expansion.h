#pragma once

#include <optional>
#include <string>

namespace teichaku::config {

// Expands ${NAME} from the environment (systemd passes credentials as
// ${CREDENTIALS_DIRECTORY}) and makes a relative path absolute against `baseDir`
// (the configuration file's folder). Returns std::nullopt and sets `error` when a
// variable is unset.
std::optional<std::string> expandPath(const std::string& value, const std::string& baseDir,
                                      std::string& error);

}  // namespace teichaku::config
