#include "tally.h"

#include <algorithm>
#include <stdexcept>

namespace teichaku::stats {

Tally::Tally(std::size_t rowCount, std::size_t columnCount)
    : columnCount_(columnCount), cells_(rowCount * columnCount) {}

const Tally::Cell& Tally::cell(std::size_t row, std::size_t column) const {
  if (column >= columnCount_ || row * columnCount_ + column >= cells_.size()) {
    throw std::out_of_range("集計表の範囲外のセルです。");
  }
  return cells_[row * columnCount_ + column];
}

void Tally::add(std::size_t row, std::size_t column, const std::string& centre,
                const std::string& caseNumber) {
  cell(row, column);  // range check
  distinct_.clear();
  cells_[row * columnCount_ + column].byCentre[centre.empty() ? kNoCentre : centre].push_back(
      caseNumber);
}

std::vector<std::string> Tally::centres() const {
  std::set<std::string> names;
  for (const auto& c : cells_) {
    for (const auto& [centre, numbers] : c.byCentre) {
      names.insert(centre);
    }
  }
  std::vector<std::string> ordered;
  for (const auto& name : centreOrder_) {
    if (names.erase(name) != 0) {
      ordered.push_back(name);
    }
  }
  ordered.insert(ordered.end(), names.begin(), names.end());
  return ordered;
}

std::size_t Tally::count(std::size_t row, std::size_t column, const std::string& centre,
                         Basis basis) const {
  const Cell& c = cell(row, column);
  if (basis == Basis::kPersons) {
    return caseNumbers(row, column, centre).size();
  }
  std::size_t n = 0;
  for (const auto& [name, numbers] : c.byCentre) {
    if (centre == kAllCentres || centre == name) {
      n += numbers.size();
    }
  }
  return n;
}

const std::vector<std::string>& Tally::caseNumbers(std::size_t row, std::size_t column,
                                                   const std::string& centre) const {
  const Cell& c = cell(row, column);
  auto key = std::make_pair(row * columnCount_ + column, centre);
  if (auto found = distinct_.find(key); found != distinct_.end()) {
    return found->second;
  }
  std::vector<std::string> numbers;
  for (const auto& [name, list] : c.byCentre) {
    if (centre == kAllCentres || centre == name) {
      numbers.insert(numbers.end(), list.begin(), list.end());
    }
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  return distinct_.emplace(std::move(key), std::move(numbers)).first->second;
}

}  // namespace teichaku::stats
