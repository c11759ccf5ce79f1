#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "definitions.h"
#include "tally.h"

// Counting every cell of a definitions file for one period through a query service (the
// host's mirror in a plugin), shared by the statistics plugins.
namespace teichaku::stats {

// The condition of every cell, row-major: `(row) and (column)` with the placeholders
// filled in for `period`. Throws std::runtime_error on a bad placeholder.
std::vector<std::string> cellQueries(const Definitions& definitions, const Period& period);

// What a plugin needs of one matching record.
struct MatchedRecord {
  std::string recordId;  // $id, for messages about a record
  std::string caseNumber;
  std::string centre;
};

// Calls `onRecord` for each record matching `query`.
using RunQuery = std::function<void(const std::string& query,
                                    const std::function<void(const MatchedRecord&)>& onRecord)>;

struct CellCounts {
  Tally tally;
  std::map<std::string, std::string> recordOfCase;    // case number -> a record holding it
  std::map<std::string, std::string> recordOfCentre;  // centre -> a record holding it
};

// Runs the queries from cellQueries() and tallies the matches whose centre is in `centres`
// (all when empty). `afterCell(done, total)` runs after each cell (progress; may throw).
CellCounts countCells(const Definitions& definitions, const std::vector<std::string>& queries,
                      const std::vector<std::string>& centres, const RunQuery& runQuery,
                      const std::function<void(std::size_t, std::size_t)>& afterCell);

}  // namespace teichaku::stats
