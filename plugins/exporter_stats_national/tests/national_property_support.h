#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "national_test_support.h"

// The property tests' generator and their deliberately naive second implementation: every
// row and column of the shipped national draft written out in C++ (std::chrono for dates),
// not the definitions file, the query language or stats_common.
namespace teichaku::stats_test {

using std::chrono::year_month_day;

inline year_month_day ymd(const std::string& text) {
  return year_month_day(std::chrono::year(std::stoi(text.substr(0, 4))),
                        std::chrono::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                        std::chrono::day(static_cast<unsigned>(std::stoi(text.substr(8, 2)))));
}

inline std::string text(year_month_day d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

// Legal age on `on` (domain.md §4.3): the ordinary age on the next day; a 29 February
// birthday falls on 1 March in common years.
inline int legalAge(const std::string& birth, const std::string& on) {
  const year_month_day b = ymd(birth);
  const year_month_day next = std::chrono::sys_days(ymd(on)) + std::chrono::days(1);
  int age = static_cast<int>(next.year()) - static_cast<int>(b.year());
  unsigned month = static_cast<unsigned>(b.month());
  unsigned day = static_cast<unsigned>(b.day());
  if (month == 2 && day == 29 && !next.year().is_leap()) {
    month = 3;
    day = 1;
  }
  const unsigned m = static_cast<unsigned>(next.month());
  const unsigned d = static_cast<unsigned>(next.day());
  if (m < month || (m == month && d < day)) {
    --age;
  }
  return age;
}

inline std::vector<Case> generate(std::size_t count) {
  std::mt19937 random(20240401);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  const std::vector<std::string> centres = {"東京都地域生活定着支援センター",
                                            "大阪府地域生活定着支援センター",
                                            "沖縄県地域生活定着支援センター"};
  const std::vector<std::string> kinds = {"特別調整", "一般調整", "被疑者等支援",
                                          "相談支援（出所者等）"};
  const std::vector<std::string> flags = {"有", "無", "疑い"};
  const auto from = std::chrono::sys_days(ymd("2023-01-01"));
  std::vector<Case> cases;
  for (std::size_t i = 0; i < count; ++i) {
    Case c;
    // Fewer numbers than episodes: handovers and reopenings share a case number.
    c.number = "K" + std::to_string(pick(1, static_cast<int>(count * 3 / 4)));
    c.centre = centres[static_cast<std::size_t>(pick(0, 2))];
    c.kind = kinds[static_cast<std::size_t>(pick(0, 3))];
    const auto request = from + std::chrono::days(pick(0, 3 * 365));
    c.request = text(request);
    c.end = pick(0, 2) == 0 ? "" : text(request + std::chrono::days(pick(0, 500)));
    // Births cluster around the 65 boundary of 2025-03-31, including 29 February 1960.
    c.birth =
        pick(0, 9) == 0
            ? "1960-02-29"
            : text(std::chrono::sys_days(ymd("1960-04-01")) + std::chrono::days(pick(-400, 400)));
    c.intellectual = flags[static_cast<std::size_t>(pick(0, 2))];
    c.mental = flags[static_cast<std::size_t>(pick(0, 2))];
    c.physical = flags[static_cast<std::size_t>(pick(0, 2))];
    cases.push_back(c);
  }
  return cases;
}

// Compares every cell of `table` (the plugin's CSV) with a plain loop over `cases` for FY2024
// (2024-04-01 – 2025-03-31); returns how many expected cells are not zero.
inline std::size_t expectCountsOfFy2024(const std::vector<Case>& cases, const CountTable& table) {
  const std::string s = "2024-04-01";
  const std::string e = "2025-03-31";
  using Predicate = std::function<bool(const Case&)>;
  const std::vector<std::pair<std::string, Predicate>> rows = {
      {"合計", [](const Case&) { return true; }},
      {"高齢（65歳以上）", [&](const Case& c) { return legalAge(c.birth, e) >= 65; }},
      {"知的障害", [](const Case& c) { return c.intellectual == "有"; }},
      {"精神障害", [](const Case& c) { return c.mental == "有"; }},
      {"身体障害", [](const Case& c) { return c.physical == "有"; }},
      {"特別調整", [](const Case& c) { return c.kind == "特別調整"; }},
      {"一般調整", [](const Case& c) { return c.kind == "一般調整"; }},
      {"被疑者等支援", [](const Case& c) { return c.kind == "被疑者等支援"; }},
  };
  // ISO dates compare correctly as strings.
  auto open = [&](const Case& c) { return c.end.empty() || c.end >= s; };
  const std::vector<Predicate> columns = {
      [&](const Case& c) { return c.request >= s && c.request <= e; },
      [&](const Case& c) { return c.request < s && open(c); },
      [&](const Case& c) { return !c.end.empty() && c.end >= s && c.end <= e; },
      [&](const Case& c) { return c.request <= e && open(c); },
      [&](const Case& c) { return c.request <= e && open(c); },
  };

  std::set<std::string> centres = {"全センター"};
  for (const auto& c : cases) {
    centres.insert(c.centre);
  }
  std::size_t nonZero = 0;
  for (const auto& centre : centres) {
    for (const auto& [label, row] : rows) {
      std::vector<int> expected;
      for (std::size_t col = 0; col < columns.size(); ++col) {
        std::set<std::string> persons;
        int episodes = 0;
        for (const auto& c : cases) {
          if ((centre == "全センター" || c.centre == centre) && row(c) && columns[col](c)) {
            persons.insert(c.number);
            ++episodes;
          }
        }
        expected.push_back(col == 4 ? episodes : static_cast<int>(persons.size()));
        nonZero += expected.back() > 0 ? 1 : 0;
      }
      EXPECT_EQ(at(table, centre, label), expected) << centre << " " << label;
    }
  }
  return nonZero;
}

}  // namespace teichaku::stats_test
