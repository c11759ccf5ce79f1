#pragma once

// Centre -> people, from cybozu.com organisation membership (one organisation per
// centre, code "teichaku-<centre code>"), joined to Garoon users by login code.
// Cached; refresh() re-reads (the daemon calls it on a schedule).

#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"

namespace teichaku::rules {

class CentreDirectory {
 public:
  virtual ~CentreDirectory() = default;
  virtual Outcome refresh() = 0;
  // The centre names known to the bridge (samples/apps/centres.json order).
  virtual bool isKnownCentre(const std::string& centreName) const = 0;
  // cybozu.com organisation code of the centre ("teichaku-13"); nullopt if unknown.
  virtual std::optional<std::string> organizationCode(const std::string& centreName) const = 0;
  // Login codes of the centre's staff who are Garoon users; empty if none/unknown.
  virtual std::vector<std::string> staffLoginCodes(const std::string& centreName) const = 0;
  // The centre a staff member belongs to; nullopt if none or more than one.
  virtual std::optional<std::string> centreOfUser(const std::string& loginCode) const = 0;
};

}  // namespace teichaku::rules
