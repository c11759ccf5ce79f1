#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// A civil (proleptic Gregorian) date without time or time zone: what kintone DATE fields
// hold (kintone-api.md §1.5). Arithmetic goes through std::chrono's calendar types.
namespace teichaku::domain {

class Date {
 public:
  // Returns nullopt unless y/m/d is a real calendar date.
  static std::optional<Date> fromYmd(int year, int month, int day);
  // Strict "YYYY-MM-DD" (the format kintone returns for DATE fields).
  static std::optional<Date> parse(std::string_view text);
  static Date fromSysDays(std::chrono::sys_days days);

  int year() const { return static_cast<int>(ymd_.year()); }
  int month() const { return static_cast<int>(static_cast<unsigned>(ymd_.month())); }
  int day() const { return static_cast<int>(static_cast<unsigned>(ymd_.day())); }
  std::chrono::sys_days sysDays() const { return std::chrono::sys_days(ymd_); }

  std::string toString() const;  // "YYYY-MM-DD"

  Date addDays(int days) const;
  // Calendar months; a day that does not exist in the target month is clamped to its last
  // day (2024-01-31 + 1 month = 2024-02-29), the usual reading of "one month later".
  Date addMonths(int months) const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  std::chrono::year_month_day ymd_;
};

// to - from, in days (negative when to is earlier).
int daysBetween(const Date& from, const Date& to);

bool isLeapYear(int year);

}  // namespace teichaku::domain
