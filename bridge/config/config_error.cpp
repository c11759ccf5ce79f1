#include "config/config_error.h"

namespace teichaku::config {

std::string ConfigError::format() const {
  std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (!keyPath.empty()) {
    out += "キー '" + keyPath + "': ";
  }
  out += message;
  return out;
}

}  // namespace teichaku::config
