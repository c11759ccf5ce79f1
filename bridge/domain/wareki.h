#pragma once

#include <optional>
#include <string>

#include "domain/date.h"

// 和暦 (Japanese era) labels for output only; dates are stored as ISO dates
// (domain.md §4.2).
namespace teichaku::domain {

enum class Era { kMeiji, kTaisho, kShowa, kHeisei, kReiwa };

struct EraYear {
  Era era;
  int year;  // 1 = 元年
  friend bool operator==(const EraYear&, const EraYear&) = default;
};

// Official documents write the first year as 元年; some systems print 1年 (domain.md §4.2).
enum class FirstYearStyle { kGannen, kNumeric };

const char* eraName(Era era);  // "令和"

// The era in force on a date. Dates before 1873-01-01 (明治6年, when Japan adopted the
// Gregorian calendar) have no Gregorian-to-和暦 mapping here and give nullopt.
std::optional<EraYear> eraYearOf(const Date& date);

std::string eraYearLabel(const EraYear& eraYear, FirstYearStyle style = FirstYearStyle::kGannen);

// "令和7年度" for fiscal year 2025. A fiscal year is named by the calendar year of its April;
// when that calendar year holds an era change, the new era names it: FY2019 (from 2019-04-01,
// still 平成31年) is 令和元年度 (domain.md §4.2,
// https://info.shaho.co.jp/nenkin/trend/201905/5553). So the era is the one in force on 31 December
// of that calendar year.
std::optional<std::string> fiscalYearLabel(int fiscalYear,
                                           FirstYearStyle style = FirstYearStyle::kGannen);

}  // namespace teichaku::domain
