#include "cell_counter.h"

#include <algorithm>
#include <stdexcept>

namespace teichaku::stats {

std::vector<std::string> cellQueries(const Definitions& d, const Period& period) {
  std::vector<std::string> queries;
  for (const auto& row : d.rows) {
    for (const auto& column : d.columns) {
      queries.push_back(conjoin(expandPlaceholders(row.query, period, d.ageBase),
                                expandPlaceholders(column.query, period, d.ageBase)));
    }
  }
  return queries;
}

CellCounts countCells(const Definitions& d, const std::vector<std::string>& queries,
                      const std::vector<std::string>& centres, const RunQuery& runQuery,
                      const std::function<void(std::size_t, std::size_t)>& afterCell) {
  const std::size_t total = d.rows.size() * d.columns.size();
  if (queries.size() != total) {
    throw std::logic_error("セルの数と条件の数が合いません。");
  }
  CellCounts counts{Tally(d.rows.size(), d.columns.size()), {}, {}};
  for (std::size_t i = 0; i < total; ++i) {
    const std::size_t row = i / d.columns.size();
    const std::size_t column = i % d.columns.size();
    runQuery(queries[i], [&](const MatchedRecord& record) {
      if (centres.empty() ||
          std::find(centres.begin(), centres.end(), record.centre) != centres.end()) {
        counts.tally.add(row, column, record.centre, record.caseNumber);
        counts.recordOfCase.try_emplace(record.caseNumber, record.recordId);
        counts.recordOfCentre.try_emplace(record.centre, record.recordId);
      }
    });
    afterCell(i + 1, total);
  }
  return counts;
}

std::vector<CellCounts> countTables(const Definitions& d,
                                    const std::vector<std::vector<std::string>>& tables,
                                    const std::vector<std::string>& centres,
                                    const ScanQueries& scan) {
  const std::size_t cells = d.rows.size() * d.columns.size();
  std::vector<std::string> all;
  std::vector<CellCounts> counts;
  for (const auto& table : tables) {
    if (table.size() != cells) {
      throw std::logic_error("セルの数と条件の数が合いません。");
    }
    all.insert(all.end(), table.begin(), table.end());
    counts.push_back(CellCounts{Tally(d.rows.size(), d.columns.size()), {}, {}});
  }
  if (all.empty()) {
    return counts;
  }
  scan(all, [&](const MatchedRecord& record, const std::uint8_t* matches) {
    if (!centres.empty() &&
        std::find(centres.begin(), centres.end(), record.centre) == centres.end()) {
      return;
    }
    for (std::size_t t = 0; t < counts.size(); ++t) {
      bool any = false;
      for (std::size_t i = 0; i < cells; ++i) {
        if (matches[t * cells + i] != 0) {
          counts[t].tally.add(i / d.columns.size(), i % d.columns.size(), record.centre,
                              record.caseNumber);
          any = true;
        }
      }
      if (any) {
        counts[t].recordOfCase.try_emplace(record.caseNumber, record.recordId);
        counts[t].recordOfCentre.try_emplace(record.centre, record.recordId);
      }
    }
  });
  return counts;
}

}  // namespace teichaku::stats
