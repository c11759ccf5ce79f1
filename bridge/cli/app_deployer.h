#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "common/exit_codes.h"
#include "kintone/kintone_client.h"

namespace teichaku::cli {

// One app of samples/apps/apps.toml: its key (as in [kintone.apps.<key>]), kintone
// name and field definitions (the body of preview/app/form/fields.json).
struct AppDefinition {
  std::string key;
  std::string name;
  std::string fieldsFile;
};

// Reads apps.toml; throws std::runtime_error naming the file and line.
std::vector<AppDefinition> loadAppDefinitions(const std::string& appsToml);

// `apps deploy`: creates missing apps and fields through the preview/deploy API and
// reports, without changing them, fields whose type or options differ. Lookups name
// their source app by key ("relatedApp": {"code": "cases"}); the deployer puts in the
// configured app id. Lookup fields are added after every app's other fields are live,
// because kintone checks the source app's key field when a lookup is saved.
class AppDeployer {
 public:
  AppDeployer(kintone::KintoneClient& client, std::map<std::string, std::string> appIds,
              std::ostream& out, std::ostream& err);

  ExitCode deploy(const std::vector<AppDefinition>& apps);

 private:
  struct Plan;
  bool ensureApp(const AppDefinition& app, std::string& id);
  bool addFields(const std::string& appKey, const std::string& id, const std::string& fieldsFile,
                 bool lookups);
  bool deployAndWait(const std::vector<std::string>& ids);

  kintone::KintoneClient& client_;
  std::map<std::string, std::string> appIds_;  // key -> configured id
  std::ostream& out_;
  std::ostream& err_;
  int differences_ = 0;
  int idMismatches_ = 0;
};

}  // namespace teichaku::cli
