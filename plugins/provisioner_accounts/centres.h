#pragma once

#include <map>
#include <optional>
#include <string>

#include "directory_model.h"

// The centres a roster may name. A centre's cybozu.com organization code is
// organization_prefix + centre code (samples/apps/centres.json: "teichaku-01a"). Known
// centres come from the centres file (code, name; also the name of an organization the
// plan creates) and from organizations already in the directory with the prefix.
namespace teichaku::accounts_plugin {

struct Centre {
  std::string code;
  std::string name;
};

class CentreCatalogue {
 public:
  explicit CentreCatalogue(std::string organizationPrefix)
      : prefix_(std::move(organizationPrefix)) {}

  // samples/apps/centres.json: {"centres":[{"code","name",...}]}. Throws plugin::Failure.
  void loadFile(const std::string& path);
  void addFromDirectory(const DirectorySnapshot& directory);

  // By code, or by name when no code matches (the roster may hold either).
  std::optional<Centre> find(const std::string& codeOrName) const;
  std::optional<Centre> byOrganization(const std::string& organizationCode) const;
  std::string organizationOf(const std::string& centreCode) const { return prefix_ + centreCode; }

 private:
  std::string prefix_;
  std::map<std::string, Centre> byCode_;
};

}  // namespace teichaku::accounts_plugin
