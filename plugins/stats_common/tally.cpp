#include "tally.h"

#include <algorithm>
#include <set>
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

std::size_t Tally::centreId(const std::string& centre) {
  static const std::string kNone(kNoCentre);
  const std::string& name = centre.empty() ? kNone : centre;  // both lvalues: no copy
  // A record's matching cells are added one after another with the same centre.
  if (lastId_ < centreNames_.size() && centreNames_[lastId_] == name) {
    return lastId_;
  }
  auto [it, inserted] = centreIds_.emplace(name, centreNames_.size());
  if (inserted) {
    centreNames_.push_back(name);
  }
  lastId_ = it->second;
  return lastId_;
}

void Tally::add(std::size_t row, std::size_t column, const std::string& centre,
                const std::string& caseNumber) {
  cell(row, column);  // range check
  distinct_.clear();
  const std::size_t id = centreId(centre);
  auto& lists = cells_[row * columnCount_ + column].byCentre;
  if (lists.size() <= id) {
    lists.resize(id + 1);
  }
  lists[id].push_back(caseNumber);
}

std::vector<std::string> Tally::centres() const {
  // Every centre was named by an add(), so every one has a case number in some cell.
  std::set<std::string> names(centreNames_.begin(), centreNames_.end());
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
  for (std::size_t id = 0; id < c.byCentre.size(); ++id) {
    if (centre == kAllCentres || centre == centreNames_[id]) {
      n += c.byCentre[id].size();
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
  for (std::size_t id = 0; id < c.byCentre.size(); ++id) {
    if (centre == kAllCentres || centre == centreNames_[id]) {
      numbers.insert(numbers.end(), c.byCentre[id].begin(), c.byCentre[id].end());
    }
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  return distinct_.emplace(std::move(key), std::move(numbers)).first->second;
}

}  // namespace teichaku::stats
