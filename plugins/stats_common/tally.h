#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
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

  // The case numbers behind a cell, sorted, each once. Valid until the next add().
  const std::vector<std::string>& caseNumbers(std::size_t row, std::size_t column,
                                              const std::string& centre) const;

 private:
  struct Cell {
    std::vector<std::vector<std::string>> byCentre;  // centre id -> case numbers
  };
  const Cell& cell(std::size_t row, std::size_t column) const;
  // Centres are numbered in the order first seen; a cell holds one list per centre id. (A map
  // by name per cell compared long centre names for every matched cell of every record.)
  std::size_t centreId(const std::string& centre);

  std::vector<std::string> centreNames_;  // by id
  std::map<std::string, std::size_t> centreIds_;
  std::size_t lastId_ = 0;

  std::size_t columnCount_;
  std::vector<Cell> cells_;
  std::vector<std::string> centreOrder_;
  // (cell index, centre) -> sorted distinct case numbers. The count, the sheet, the evidence
  // sheet and the CSV all ask for the same lists: computed once (it was a quarter of a
  // national survey's time over 100,000 cases).
  mutable std::map<std::pair<std::size_t, std::string>, std::vector<std::string>> distinct_;
};

}  // namespace teichaku::stats
