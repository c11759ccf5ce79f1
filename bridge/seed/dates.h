#pragma once

#include <chrono>
#include <string>

namespace teichaku::seed {

using Date = std::chrono::year_month_day;

// Calendar helpers on std::chrono civil dates (C++20), all in Japan local dates.
Date addDays(Date date, int days);
int daysBetween(Date from, Date to);  // to - from, in days
std::string isoDate(Date date);       // "2024-04-01", the kintone DATE format
// kintone DATETIME (kintone-api.md §4): JST wall-clock time written as UTC with "Z".
std::string isoDateTimeJst(Date date, int hourJst, int minute);
// Japanese fiscal year: the calendar year in which its April falls (domain.md §4.1).
int fiscalYear(Date date);
// Parses "YYYY-MM-DD"; returns false on any other shape or an impossible date.
bool parseIsoDate(const std::string& text, Date& out);

}  // namespace teichaku::seed
