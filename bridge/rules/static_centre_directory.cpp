#include "rules/static_centre_directory.h"

namespace teichaku::rules {

StaticCentreDirectory::StaticCentreDirectory(std::vector<CentreEntry> centres) {
  for (auto& centre : centres) {
    for (const auto& login : centre.loginCodes) {
      centresOfUser_[login].insert(centre.name);
    }
    std::string name = centre.name;
    byName_.emplace(std::move(name), std::move(centre));
  }
}

bool StaticCentreDirectory::isKnownCentre(const std::string& centreName) const {
  return byName_.count(centreName) != 0;
}

std::optional<std::string> StaticCentreDirectory::organizationCode(
    const std::string& centreName) const {
  auto it = byName_.find(centreName);
  if (it == byName_.end()) {
    return std::nullopt;
  }
  return it->second.organizationCode;
}

std::vector<std::string> StaticCentreDirectory::staffLoginCodes(
    const std::string& centreName) const {
  auto it = byName_.find(centreName);
  return it == byName_.end() ? std::vector<std::string>{} : it->second.loginCodes;
}

std::optional<std::string> StaticCentreDirectory::centreOfUser(const std::string& loginCode) const {
  auto it = centresOfUser_.find(loginCode);
  if (it == centresOfUser_.end() || it->second.size() != 1) {
    return std::nullopt;
  }
  return *it->second.begin();
}

}  // namespace teichaku::rules
