#include "seed/dates.h"

#include <cstdio>

namespace teichaku::seed {

namespace {
std::string formatDate(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}
}  // namespace

Date addDays(Date date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

int daysBetween(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::string isoDate(Date date) {
  return formatDate(date);
}

std::string isoDateTimeJst(Date date, int hourJst, int minute) {
  // JST is UTC+9 all year (no daylight saving).
  auto when =
      std::chrono::sys_days{date} + std::chrono::hours{hourJst - 9} + std::chrono::minutes{minute};
  const auto day = std::chrono::floor<std::chrono::days>(when);
  const auto rest = std::chrono::hh_mm_ss{when - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:00Z", formatDate(Date{day}).c_str(),
                static_cast<int>(rest.hours().count()), static_cast<int>(rest.minutes().count()));
  return buffer;
}

int fiscalYear(Date date) {
  const int year = static_cast<int>(date.year());
  return static_cast<unsigned>(date.month()) >= 4 ? year : year - 1;
}

bool parseIsoDate(const std::string& text, Date& out) {
  // Exactly "YYYY-MM-DD" with ASCII digits: sscanf alone would accept signs and spaces.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
      return false;
    }
  }
  const int year = std::stoi(text.substr(0, 4));
  const auto month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const auto day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  const Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) {
    return false;
  }
  out = date;
  return true;
}

}  // namespace teichaku::seed
