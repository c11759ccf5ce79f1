#pragma once

// A CentreDirectory given in full by the caller: for tests and for a deployment that
// lists its staff in the configuration instead of reading cybozu.com.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "rules/centre_directory.h"

namespace teichaku::rules {

struct CentreEntry {
  std::string name;                     // option value of the centre fields
  std::string organizationCode;         // "teichaku-13"
  std::vector<std::string> loginCodes;  // staff who are Garoon users
};

class StaticCentreDirectory : public CentreDirectory {
 public:
  explicit StaticCentreDirectory(std::vector<CentreEntry> centres);

  Outcome refresh() override { return Outcome::ok(); }
  bool isKnownCentre(const std::string& centreName) const override;
  std::optional<std::string> organizationCode(const std::string& centreName) const override;
  std::vector<std::string> staffLoginCodes(const std::string& centreName) const override;
  std::optional<std::string> centreOfUser(const std::string& loginCode) const override;

 private:
  std::map<std::string, CentreEntry> byName_;
  std::map<std::string, std::set<std::string>> centresOfUser_;
};

}  // namespace teichaku::rules
