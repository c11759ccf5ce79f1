#pragma once

#include <string>

// 和暦 labels for output only; dates stay ISO inside (domain.md §4.2).
namespace teichaku::stats {

// "令和6年度" for fy 2024. The fiscal year is named by the era of its 1 April, except that
// the year April 2019 – March 2020 is 令和元年度 throughout (domain.md §4.2). The first year
// of an era is "元年" unless `gannen` is false ("令和1年度").
std::string fiscalYearLabel(int fy, bool gannen = true);

// "令和6年4月" for 2024-04: the era of the month's first day (April 2019 is 平成31年4月,
// May 2019 令和元年5月).
std::string monthLabel(int year, int month, bool gannen = true);

}  // namespace teichaku::stats
