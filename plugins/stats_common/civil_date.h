#pragma once

#include <optional>
#include <string>
#include <string_view>

// Calendar dates without time or zone, as statistics need them (domain.md §4).
namespace teichaku::stats {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const CivilDate&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);

// "YYYY-MM-DD" with a real day; nullopt otherwise.
std::optional<CivilDate> parseDate(std::string_view text);
std::string formatDate(const CivilDate& date);

CivilDate addDays(const CivilDate& date, int days);

// Fiscal year `fy` runs 1 April fy – 31 March fy+1 (財政法第11条, domain.md §4.1).
CivilDate fiscalYearStart(int fy);
CivilDate fiscalYearEnd(int fy);

// The latest birth date of anyone whose legal age on `baseDate` is at least `age`.
// Legal age (年齢計算ニ関スル法律, 民法第143条; domain.md §4.3): a year is gained at the end
// of the day before the birthday, so the age on D is the ordinary age on D + 1 day; a 29
// February birthday's anniversary in a common year is 1 March (gained at the end of 28 Feb).
CivilDate latestBirthDateForAge(const CivilDate& baseDate, int age);

}  // namespace teichaku::stats
