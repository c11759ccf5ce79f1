#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "definitions.h"

// The matches of every cell, per centre, and the counts taken from them.
namespace teichaku::stats {

inline constexpr const char* kAllCentres = "全センター";
inline constexpr const char* kNoCentre = "（センター未設定）";

class Tally {
 public:
  Tally(std::size_t rowCount, std::size_t columnCount);

  // One record matched cell (row, column).
  void add(std::size_t row, std::size_t column, const std::string& centre,
           const std::string& caseNumber);

  // The print order of centres (centreNamesByCode); centres not listed follow, by name.
  void setCentreOrder(std::vector<std::string> names) { centreOrder_ = std::move(names); }

  // Centres seen, in the centre order; kAllCentres is not among them.
  std::vector<std::string> centres() const;

  // 実人員: distinct case numbers; 延べ: matching records. `centre` may be kAllCentres: a
  // person handled by two centres counts once there (so the total is not the sum of centres).
  std::size_t count(std::size_t row, std::size_t column, const std::string& centre,
                    Basis basis) const;

  // The case numbers behind a cell, in text order, each once. Valid until the next add().
  // count(), centres() and caseNumbers() may be called from several threads at once, but not
  // while add() runs.
  std::vector<std::string_view> caseNumbers(std::size_t row, std::size_t column,
                                            const std::string& centre) const;

 private:
  struct Cell {
    std::vector<std::vector<std::uint32_t>> byCentre;  // centre id -> case ids
  };
  const Cell& cell(std::size_t row, std::size_t column) const;
  // Centres are numbered in the order first seen; a cell holds one list per centre id. (A map
  // by name per cell compared long centre names for every matched cell of every record.)
  std::size_t centreId(const std::string& centre);
  // Case numbers likewise: a cell keeps 4-byte ids, and the distinct lists are sorted as
  // integers (their rank in text order) instead of as strings.
  std::uint32_t caseId(const std::string& caseNumber);
  // The distinct case ranks of (cell, centre), ascending; computed once per cell and centre
  // (the count, the sheet, the evidence sheet and the CSV all ask for them).
  const std::vector<std::uint32_t>& distinctRanks(std::size_t row, std::size_t column,
                                                  const std::string& centre) const;

  std::vector<std::string> centreNames_;  // by id
  std::map<std::string, std::size_t> centreIds_;
  std::size_t lastId_ = 0;

  std::vector<std::string> caseNames_;  // by id
  std::unordered_map<std::string, std::uint32_t> caseIds_;
  std::uint32_t lastCase_ = 0;

  std::size_t columnCount_;
  std::vector<Cell> cells_;
  std::vector<std::string> centreOrder_;

  // Filled on the first question after the last add(); cleared by add(). The questions are
  // const and may come from two threads at once (the CSV and the XLSX are built side by side),
  // so the caches are filled under this lock; map nodes do not move, so a returned list stays
  // valid while another is added.
  std::unique_ptr<std::mutex> cacheLock_ = std::make_unique<std::mutex>();  // movable Tally
  mutable std::vector<std::uint32_t> rankOf_;  // case id -> rank in text order
  mutable std::vector<std::uint32_t> byRank_;  // rank -> case id
  mutable std::map<std::pair<std::size_t, std::string>, std::vector<std::uint32_t>> distinct_;
};

}  // namespace teichaku::stats
