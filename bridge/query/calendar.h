#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "query/query.h"

// Date and time arithmetic for query literals, record values and the date functions.
// Days are counted from 1970-01-01, seconds from the Unix epoch.
namespace teichaku::query::detail {

inline constexpr int64_t kSecondsPerDay = 86400;

// Floor division (rounds towards negative infinity), for times before 1970 and negative offsets.
int64_t floorDiv(int64_t a, int64_t b);

// "YYYY-MM-DD" (also "YYYY-M-D") -> day number; nullopt if malformed or not a real date.
std::optional<int64_t> parseDate(std::string_view text);

// "HH:MM" or "HH:MM:SS" -> minutes since midnight.
std::optional<int64_t> parseTime(std::string_view text);

// "YYYY-MM-DDTHH:MM[:SS]" followed by "Z", "+HH:MM", "-HH:MM" or nothing.
struct DateTime {
  int64_t seconds = 0;   // since the epoch; local wall-clock seconds when !hasZone
  bool hasZone = false;  // false: no offset given, the caller's time zone applies
};
std::optional<DateTime> parseDateTime(std::string_view text);

// The caller's current day (in EvalContext's time zone).
int64_t today(const EvalContext& context);

// The period a date function denotes, in days [begin, end). Not for NOW/LOGINUSER/
// PRIMARY_ORGANIZATION.
struct DayRange {
  int64_t begin = 0;
  int64_t end = 0;
};
DayRange functionDays(const Operand& function, int64_t todayDays);

}  // namespace teichaku::query::detail
