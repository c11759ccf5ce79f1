#pragma once

#include <cstdint>
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

// Runs all `queries` in one pass and calls `onRecord` once per record matching any of them,
// with one flag per query (1 = matches).
using ScanQueries = std::function<void(
    const std::vector<std::string>& queries,
    const std::function<void(const MatchedRecord&, const std::uint8_t* matches)>& onRecord)>;

// Counts several tables at once (each the cellQueries() of one period, e.g. every month of a
// report) with ONE scan of all their queries, tallying the matches whose centre is in
// `centres` (all when empty). Returns one CellCounts per table, in order.
std::vector<CellCounts> countTables(const Definitions& definitions,
                                    const std::vector<std::vector<std::string>>& tables,
                                    const std::vector<std::string>& centres,
                                    const ScanQueries& scan);

}  // namespace teichaku::stats
