#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civil_date.h"
#include "data_check_definitions.h"
#include "definitions.h"

// Runs the data checks over the records a query service returns (the host's mirror in a
// plugin). Values are read only to decide; a result holds case numbers and check indexes,
// never a value.
namespace teichaku::stats {

struct CheckRun {
  std::optional<Period> period;      // nullopt: every case (the scope is not applied)
  CivilDate ageBase;                 // see ageBaseDate()
  std::vector<std::string> centres;  // centre names; empty = all
};

// The definitions' age base date in `period` (its start or end), or `today` without one.
CivilDate ageBaseDate(const Definitions& definitions, const std::optional<Period>& period,
                      const CivilDate& today);

struct CentreFindings {
  std::set<std::string> casesChecked;                      // case numbers in scope
  std::set<std::pair<std::string, std::size_t>> findings;  // (case number, check index)
};

struct DataCheckResult {
  std::vector<CheckDefinition> checks;            // the checks run, in order
  std::map<std::string, CentreFindings> centres;  // centre name ("" = not set) -> findings

  std::size_t findingCount() const;
};

// Calls `onRecord` with each record (kintone JSON) of the definitions' app matching `query`,
// holding at least `fields`.
using RecordQuery =
    std::function<void(const std::string& query, const std::vector<std::string>& fields,
                       const std::function<void(std::string_view)>& onRecord)>;

// One query for the scope (which cases and centres were checked), then one per check.
// `afterQuery(done, total)` runs after each (progress; may throw to stop). Throws
// std::runtime_error (Japanese) on a bad placeholder or a record that is not a JSON object.
DataCheckResult runDataChecks(const Definitions& definitions,
                              const std::vector<CheckDefinition>& checks, const std::string& scope,
                              const CheckRun& run, const RecordQuery& query,
                              const std::function<void(std::size_t, std::size_t)>& afterQuery);

}  // namespace teichaku::stats
