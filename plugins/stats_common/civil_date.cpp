#include "civil_date.h"

#include <charconv>
#include <cstdio>

namespace teichaku::stats {
namespace {

// Days since 1970-01-01 and back (H. Hinnant's civil algorithms); hand-written because the
// plugin links no date library and std::chrono's calendar needs no more than this.
long long toDays(const CivilDate& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (d.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

CivilDate fromDays(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

// The day a person born on `birth` completes `years` years by the ordinary count.
CivilDate anniversary(const CivilDate& birth, int years) {
  const int year = birth.year + years;
  if (birth.month == 2 && birth.day == 29 && !isLeapYear(year)) {
    return CivilDate{year, 3, 1};
  }
  return CivilDate{year, birth.month, birth.day};
}

bool reachesAge(const CivilDate& birth, const CivilDate& baseDate, int age) {
  return anniversary(birth, age) <= addDays(baseDate, 1);
}

}  // namespace

bool isLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<CivilDate> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  CivilDate d;
  auto number = [&](std::size_t at, std::size_t length, int& out) {
    const char* first = text.data() + at;
    auto [ptr, ec] = std::from_chars(first, first + length, out);
    return ec == std::errc() && ptr == first + length;
  };
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day) || d.month < 1 ||
      d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string formatDate(const CivilDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

CivilDate addDays(const CivilDate& date, int days) {
  return fromDays(toDays(date) + days);
}

CivilDate fiscalYearStart(int fy) {
  return CivilDate{fy, 4, 1};
}

CivilDate fiscalYearEnd(int fy) {
  return CivilDate{fy + 1, 3, 31};
}

CivilDate latestBirthDateForAge(const CivilDate& baseDate, int age) {
  const CivilDate next = addDays(baseDate, 1);
  const int year = next.year - age;
  CivilDate candidate{year, next.month, std::min(next.day, daysInMonth(year, next.month))};
  // The candidate is within a day or two of the answer (29 February shifts it); step to it.
  while (!reachesAge(candidate, baseDate, age)) {
    candidate = addDays(candidate, -1);
  }
  while (reachesAge(addDays(candidate, 1), baseDate, age)) {
    candidate = addDays(candidate, 1);
  }
  return candidate;
}

}  // namespace teichaku::stats
