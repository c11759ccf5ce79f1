#include "centres.h"

#include <rapidjson/document.h>

#include <fstream>
#include <sstream>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {

void CentreCatalogue::loadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (!in || doc.HasParseError() || !doc.IsObject() || !doc.HasMember("centres") ||
      !doc["centres"].IsArray()) {
    throw plugin::Failure::fail("ACCOUNTS_CENTRES_FILE",
                                "センター一覧（centres_file）を読めません: " + path);
  }
  for (const auto& c : doc["centres"].GetArray()) {
    if (!c.IsObject() || !c.HasMember("code") || !c["code"].IsString() || !c.HasMember("name") ||
        !c["name"].IsString()) {
      throw plugin::Failure::fail("ACCOUNTS_CENTRES_FILE",
                                  "センター一覧の項目に code と name がありません: " + path);
    }
    byCode_[c["code"].GetString()] = Centre{c["code"].GetString(), c["name"].GetString()};
  }
}

void CentreCatalogue::addFromDirectory(const DirectorySnapshot& directory) {
  for (const auto& [code, name] : directory.organizations) {
    if (code.size() > prefix_.size() && code.compare(0, prefix_.size(), prefix_) == 0) {
      const std::string centre = code.substr(prefix_.size());
      byCode_.emplace(centre, Centre{centre, name});  // the file's name wins
    }
  }
}

std::optional<Centre> CentreCatalogue::find(const std::string& codeOrName) const {
  if (auto it = byCode_.find(codeOrName); it != byCode_.end()) {
    return it->second;
  }
  for (const auto& [code, centre] : byCode_) {
    if (centre.name == codeOrName) {
      return centre;
    }
  }
  return std::nullopt;
}

std::optional<Centre> CentreCatalogue::byOrganization(const std::string& organizationCode) const {
  if (organizationCode.size() <= prefix_.size() ||
      organizationCode.compare(0, prefix_.size(), prefix_) != 0) {
    return std::nullopt;
  }
  auto it = byCode_.find(organizationCode.substr(prefix_.size()));
  return it == byCode_.end() ? std::nullopt : std::optional<Centre>(it->second);
}

}  // namespace teichaku::accounts_plugin
