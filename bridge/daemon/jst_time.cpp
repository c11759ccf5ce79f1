#include "daemon/jst_time.h"

#include <algorithm>
#include <chrono>

namespace teichaku::daemon {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool dayMatches(const config::WallClockSchedule& s, std::chrono::sys_days day) {
  using Kind = config::WallClockSchedule::Kind;
  switch (s.kind) {
    case Kind::kDaily:
      return true;
    case Kind::kWeekly:
      return std::chrono::weekday(day).c_encoding() == static_cast<unsigned>(s.weekday);
    case Kind::kMonthly: {
      const std::chrono::year_month_day ymd(day);
      const unsigned last = static_cast<unsigned>(
          std::chrono::year_month_day_last(ymd.year(), std::chrono::month_day_last(ymd.month()))
              .day());
      // A day the month does not have (31 in April) means the month's last day.
      const unsigned wanted = std::min(static_cast<unsigned>(s.dayOfMonth), last);
      return static_cast<unsigned>(ymd.day()) == wanted;
    }
  }
  return false;
}

}  // namespace

std::int64_t nextWallClockDue(const config::WallClockSchedule& schedule, std::int64_t afterMs) {
  const std::int64_t firstDay = floorDiv(afterMs + kJstOffsetMs, kDayMs);
  const std::int64_t timeOfDayMs = (schedule.hour * 60LL + schedule.minute) * 60 * 1000;
  // Every form is due at least once in any 32 consecutive days; 64 leaves room for
  // "today's time already passed".
  for (std::int64_t day = firstDay; day < firstDay + 64; ++day) {
    const std::chrono::sys_days civil{std::chrono::days(day)};
    const std::int64_t due = day * kDayMs + timeOfDayMs - kJstOffsetMs;
    if (due > afterMs && dayMatches(schedule, civil)) {
      return due;
    }
  }
  return afterMs + kDayMs;  // unreachable for valid schedules
}

domain::Date jstDate(std::int64_t unixMs) {
  const std::int64_t day = floorDiv(unixMs + kJstOffsetMs, kDayMs);
  return domain::Date::fromSysDays(std::chrono::sys_days{std::chrono::days(day)});
}

}  // namespace teichaku::daemon
