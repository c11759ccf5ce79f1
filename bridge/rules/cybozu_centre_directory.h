#pragma once

// Centre -> staff from cybozu.com: each centre is the organisation "teichaku-<code>"
// (samples/apps/centres.json); its members who have the Garoon service are the staff
// who get notices. Garoon is addressed by login code, the key both systems share
// (garoon-cybozu-api.md A1 "Identifiers"). The result is cached; refresh() reads it all
// again and swaps it in only when the whole read succeeded.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "rules/centre_directory.h"
#include "rules/static_centre_directory.h"

namespace teichaku::cybozu {
class CybozuUserClient;
}

namespace teichaku::rules {

struct CentreInfo {
  std::string name;
  std::string organizationCode;
};

// The 48 centres of the sample apps (bridge/seed centres(), = samples/apps/centres.json).
std::vector<CentreInfo> standardCentres();

class CybozuCentreDirectory : public CentreDirectory {
 public:
  CybozuCentreDirectory(cybozu::CybozuUserClient& client, std::vector<CentreInfo> centres);

  // Retry: the old cache stays. An organisation cybozu.com does not have is an empty
  // centre (logged), not a failure of the whole refresh.
  Outcome refresh() override;
  bool isKnownCentre(const std::string& centreName) const override;
  std::optional<std::string> organizationCode(const std::string& centreName) const override;
  std::vector<std::string> staffLoginCodes(const std::string& centreName) const override;
  std::optional<std::string> centreOfUser(const std::string& loginCode) const override;

 private:
  cybozu::CybozuUserClient& client_;
  std::vector<CentreInfo> centres_;
  mutable std::mutex mutex_;
  StaticCentreDirectory cache_;
};

}  // namespace teichaku::rules
