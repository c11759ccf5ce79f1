#pragma once

#include <string>

#include "centres.h"
#include "directory_model.h"
#include "plan_model.h"
#include "roster.h"

// Compares the roster with the directory and decides, for each person, what must change.
// Only people in the roster are touched: accounts the roster does not name (the
// administrator, the secretariat's own) are never changed.
namespace teichaku::accounts_plugin {

struct PlannerSettings {
  std::string leavers = "delete";  // the council's policy: prompt deletion
  bool kintone = true;             // licences every active account should have
  bool garoon = true;
  std::string today;  // YYYY-MM-DD (JST); leavers with a later 離任日 wait
};

Plan makePlan(const Roster& roster, const DirectorySnapshot& directory,
              const CentreCatalogue& centres, const PlannerSettings& settings);

}  // namespace teichaku::accounts_plugin
