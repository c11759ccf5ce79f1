#include "tally.h"

#include <algorithm>
#include <numeric>
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

std::uint32_t Tally::caseId(const std::string& caseNumber) {
  if (lastCase_ < caseNames_.size() && caseNames_[lastCase_] == caseNumber) {
    return lastCase_;  // the same record's next matching cell
  }
  auto [it, inserted] =
      caseIds_.try_emplace(caseNumber, static_cast<std::uint32_t>(caseNames_.size()));
  if (inserted) {
    caseNames_.push_back(caseNumber);
  }
  lastCase_ = it->second;
  return lastCase_;
}

void Tally::add(std::size_t row, std::size_t column, const std::string& centre,
                const std::string& caseNumber) {
  cell(row, column);  // range check
  if (!distinct_.empty() || !rankOf_.empty()) {
    distinct_.clear();
    rankOf_.clear();
    byRank_.clear();
  }
  const std::size_t id = centreId(centre);
  const std::uint32_t number = caseId(caseNumber);
  auto& lists = cells_[row * columnCount_ + column].byCentre;
  if (lists.size() <= id) {
    lists.resize(id + 1);
  }
  lists[id].push_back(number);
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
    return distinctRanks(row, column, centre).size();
  }
  std::size_t n = 0;
  for (std::size_t id = 0; id < c.byCentre.size(); ++id) {
    if (centre == kAllCentres || centre == centreNames_[id]) {
      n += c.byCentre[id].size();
    }
  }
  return n;
}

const std::vector<std::uint32_t>& Tally::distinctRanks(std::size_t row, std::size_t column,
                                                       const std::string& centre) const {
  const Cell& c = cell(row, column);
  const std::lock_guard<std::mutex> lock(*cacheLock_);
  auto key = std::make_pair(row * columnCount_ + column, centre);
  if (auto found = distinct_.find(key); found != distinct_.end()) {
    return found->second;
  }
  if (rankOf_.size() != caseNames_.size()) {
    byRank_.resize(caseNames_.size());
    std::iota(byRank_.begin(), byRank_.end(), 0U);
    std::sort(byRank_.begin(), byRank_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return caseNames_[a] < caseNames_[b]; });
    rankOf_.resize(caseNames_.size());
    for (std::uint32_t rank = 0; rank < byRank_.size(); ++rank) {
      rankOf_[byRank_[rank]] = rank;
    }
  }
  std::vector<std::uint32_t> ranks;
  for (std::size_t id = 0; id < c.byCentre.size(); ++id) {
    if (centre == kAllCentres || centre == centreNames_[id]) {
      for (std::uint32_t number : c.byCentre[id]) {
        ranks.push_back(rankOf_[number]);
      }
    }
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  return distinct_.emplace(std::move(key), std::move(ranks)).first->second;
}

std::vector<std::string_view> Tally::caseNumbers(std::size_t row, std::size_t column,
                                                 const std::string& centre) const {
  const auto& ranks = distinctRanks(row, column, centre);  // byRank_ is filled from here on
  std::vector<std::string_view> numbers;
  numbers.reserve(ranks.size());
  for (std::uint32_t rank : ranks) {
    numbers.emplace_back(caseNames_[byRank_[rank]]);
  }
  return numbers;
}

}  // namespace teichaku::stats
