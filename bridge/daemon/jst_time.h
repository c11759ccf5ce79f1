#pragma once

#include <cstdint>

#include "config/schedule_when.h"
#include "domain/date.h"

// Japan wall-clock time for the scheduler. JST is UTC+9 all year (no daylight saving),
// so a fixed offset is exact and no time-zone database is needed.
namespace teichaku::daemon {

inline constexpr std::int64_t kJstOffsetMs = 9LL * 60 * 60 * 1000;
inline constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// The first time strictly after `afterMs` (unix ms) at which `schedule` is due.
std::int64_t nextWallClockDue(const config::WallClockSchedule& schedule, std::int64_t afterMs);

// The calendar date in Japan at `unixMs`.
domain::Date jstDate(std::int64_t unixMs);

}  // namespace teichaku::daemon
