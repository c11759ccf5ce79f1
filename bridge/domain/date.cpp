#include "domain/date.h"

#include <charconv>
#include <cstdio>

namespace teichaku::domain {

namespace {

std::optional<int> parseDigits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<Date> Date::fromYmd(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date(ymd);
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto year = parseDigits(text.substr(0, 4));
  auto month = parseDigits(text.substr(5, 2));
  auto day = parseDigits(text.substr(8, 2));
  if (!year || !month || !day) {
    return std::nullopt;
  }
  return fromYmd(*year, *month, *day);
}

Date Date::fromSysDays(std::chrono::sys_days days) {
  return Date(std::chrono::year_month_day(days));
}

std::string Date::toString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year(), month(), day());
  return buffer;
}

Date Date::addDays(int days) const {
  return fromSysDays(sysDays() + std::chrono::days(days));
}

Date Date::addMonths(int months) const {
  std::chrono::year_month_day shifted = ymd_ + std::chrono::months(months);
  if (!shifted.ok()) {
    shifted = std::chrono::year_month_day_last(shifted.year(),
                                               std::chrono::month_day_last(shifted.month()));
  }
  return Date(shifted);
}

int daysBetween(const Date& from, const Date& to) {
  return static_cast<int>((to.sysDays() - from.sysDays()).count());
}

bool isLeapYear(int year) {
  return std::chrono::year(year).is_leap();
}

}  // namespace teichaku::domain
