#pragma once

#include <string>
#include <vector>

// Versioned schema migrations. Each migration runs in its own transaction together
// with its row in schema_version, so a crash leaves either the old or the new
// version. Never edit a released migration; append a new one.
namespace teichaku::store {

struct Migration {
  int version;
  std::vector<std::string> statements;  // adaptSql() syntax
};

const std::vector<Migration>& migrations();
int latestSchemaVersion();

}  // namespace teichaku::store
