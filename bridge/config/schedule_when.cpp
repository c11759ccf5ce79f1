#include "config/schedule_when.h"

#include <array>
#include <cctype>
#include <string_view>

namespace teichaku::config {
namespace {

constexpr const char* kFormHelp =
    "\"daily HH:MM\"、\"weekly:mon HH:MM\"（sun〜sat）、\"monthly:1 HH:MM\"（1〜31日）の"
    "どれかで書いてください（日本時間）。";

bool allDigits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool parseHourMinute(const std::string& text, int& hour, int& minute) {
  if (text.size() != 5 || text[2] != ':' || !allDigits(std::string_view(text).substr(0, 2)) ||
      !allDigits(std::string_view(text).substr(3, 2))) {
    return false;
  }
  hour = std::stoi(text.substr(0, 2));
  minute = std::stoi(text.substr(3, 2));
  return hour < 24 && minute < 60;
}

std::optional<WallClockSchedule> parseWallClockSchedule(const std::string& text,
                                                        std::string& error) {
  const auto space = text.find(' ');
  if (space == std::string::npos || text.find(' ', space + 1) != std::string::npos) {
    error = kFormHelp;
    return std::nullopt;
  }
  const std::string period = text.substr(0, space);
  WallClockSchedule s;
  if (!parseHourMinute(text.substr(space + 1), s.hour, s.minute)) {
    error = std::string("時刻は \"HH:MM\"（00:00〜23:59）で書いてください。") + kFormHelp;
    return std::nullopt;
  }
  if (period == "daily") {
    s.kind = WallClockSchedule::Kind::kDaily;
    return s;
  }
  if (period.rfind("weekly:", 0) == 0) {
    static constexpr std::array<const char*, 7> kDays = {"sun", "mon", "tue", "wed",
                                                         "thu", "fri", "sat"};
    const std::string day = period.substr(7);
    for (int i = 0; i < 7; ++i) {
      if (day == kDays[static_cast<std::size_t>(i)]) {
        s.kind = WallClockSchedule::Kind::kWeekly;
        s.weekday = i;
        return s;
      }
    }
    error = "曜日は sun mon tue wed thu fri sat のどれかです。" + std::string(kFormHelp);
    return std::nullopt;
  }
  if (period.rfind("monthly:", 0) == 0) {
    const std::string day = period.substr(8);
    if (day.size() <= 2 && allDigits(day) && std::stoi(day) >= 1 && std::stoi(day) <= 31) {
      s.kind = WallClockSchedule::Kind::kMonthly;
      s.dayOfMonth = std::stoi(day);
      return s;
    }
    error = "日は 1〜31 で書いてください。" + std::string(kFormHelp);
    return std::nullopt;
  }
  error = kFormHelp;
  return std::nullopt;
}

}  // namespace teichaku::config
