#pragma once

#include <string>
#include <vector>

namespace teichaku::config {

// One problem found in a configuration file. Rendered as
// "FILE:LINE:COLUMN: キー 'a.b': message" so editors and people can jump to it.
struct ConfigError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string keyPath;  // as written, e.g. "kintone.apps.cases.api_token_file"
  std::string message;  // Japanese; never contains a secret value

  std::string format() const;
};

using ConfigErrors = std::vector<ConfigError>;

}  // namespace teichaku::config
