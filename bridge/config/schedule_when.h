#pragma once

#include <optional>
#include <string>

// When a scheduled plugin job runs, in Japan time (JST = UTC+9, no daylight saving):
//   "daily 02:30"        every day at 02:30
//   "weekly:mon 07:00"   every Monday (sun mon tue wed thu fri sat)
//   "monthly:1 06:00"    on the 1st of every month; a day past the month's end
//                        (e.g. 31 in April) runs on the month's last day
// Parsed here so that check-config reports a bad value with its FILE:LINE:COL.
namespace teichaku::config {

struct WallClockSchedule {
  enum class Kind { kDaily, kWeekly, kMonthly };
  Kind kind = Kind::kDaily;
  int weekday = 0;     // kWeekly: 0 = Sunday … 6 = Saturday
  int dayOfMonth = 1;  // kMonthly: 1–31
  int hour = 0;        // 0–23
  int minute = 0;      // 0–59
};

// nullopt and a Japanese `error` when the text is not one of the forms above.
std::optional<WallClockSchedule> parseWallClockSchedule(const std::string& text,
                                                        std::string& error);

// "HH:MM" (two digits each) into hour and minute; false when malformed or out of range.
bool parseHourMinute(const std::string& text, int& hour, int& minute);

}  // namespace teichaku::config
