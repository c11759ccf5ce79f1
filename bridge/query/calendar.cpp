#include "query/calendar.h"

#include <chrono>

// std::chrono::parse is not available in Debian 12's libstdc++ (GCC 12), so the fixed kintone
// formats are read by hand; calendar arithmetic uses std::chrono's civil calendar.
namespace teichaku::query::detail {
namespace {

namespace chr = std::chrono;

// Reads 1..maxDigits decimal digits at text[pos]; advances pos.
std::optional<int> readDigits(std::string_view text, std::size_t& pos, std::size_t minDigits,
                              std::size_t maxDigits) {
  int value = 0;
  std::size_t count = 0;
  while (pos < text.size() && count < maxDigits && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++count;
  }
  if (count < minDigits) {
    return std::nullopt;
  }
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

int64_t toDays(const chr::year_month_day& ymd) {
  return chr::sys_days(ymd).time_since_epoch().count();
}

chr::year_month_day toYmd(int64_t days) {
  return chr::year_month_day(chr::sys_days(chr::days(days)));
}

std::optional<int64_t> parseDatePrefix(std::string_view text, std::size_t& pos) {
  const auto year = readDigits(text, pos, 4, 4);
  if (!year || !expect(text, pos, '-')) {
    return std::nullopt;
  }
  const auto month = readDigits(text, pos, 1, 2);
  if (!month || !expect(text, pos, '-')) {
    return std::nullopt;
  }
  const auto day = readDigits(text, pos, 1, 2);
  if (!day) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year(*year), chr::month(static_cast<unsigned>(*month)),
                                chr::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return toDays(ymd);
}

// "HH:MM[:SS]" at pos -> seconds since midnight.
std::optional<int64_t> parseClock(std::string_view text, std::size_t& pos) {
  const auto hours = readDigits(text, pos, 2, 2);
  if (!hours || *hours > 23 || !expect(text, pos, ':')) {
    return std::nullopt;
  }
  const auto minutes = readDigits(text, pos, 2, 2);
  if (!minutes || *minutes > 59) {
    return std::nullopt;
  }
  int seconds = 0;
  if (expect(text, pos, ':')) {
    const auto s = readDigits(text, pos, 2, 2);
    if (!s || *s > 59) {
      return std::nullopt;
    }
    seconds = *s;
  }
  return int64_t{*hours} * 3600 + int64_t{*minutes} * 60 + seconds;
}

// Days of the month `shift` months away from the month containing `day`: [first, firstOfNext).
DayRange monthOf(int64_t day, int64_t shift) {
  const auto ymd = toYmd(day);
  const chr::year_month first =
      chr::year_month(ymd.year(), ymd.month()) + chr::months(static_cast<int>(shift));
  const chr::year_month next = first + chr::months(1);
  return {toDays(first / chr::day(1)), toDays(next / chr::day(1))};
}

// `day` moved by whole months/years; a day that does not exist in the target month is clamped
// to that month's last day (kintone's rule is not documented; see README).
int64_t addMonths(int64_t day, int64_t months) {
  const auto ymd = toYmd(day);
  const chr::year_month target =
      chr::year_month(ymd.year(), ymd.month()) + chr::months(static_cast<int>(months));
  const chr::year_month_day_last last{target.year(), chr::month_day_last(target.month())};
  const chr::day dayOfMonth = ymd.day() > last.day() ? last.day() : ymd.day();
  return toDays(target / dayOfMonth);
}

}  // namespace

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

std::optional<int64_t> parseDate(std::string_view text) {
  std::size_t pos = 0;
  const auto days = parseDatePrefix(text, pos);
  if (!days || pos != text.size()) {
    return std::nullopt;
  }
  return days;
}

std::optional<int64_t> parseTime(std::string_view text) {
  std::size_t pos = 0;
  const auto seconds = parseClock(text, pos);
  if (!seconds || pos != text.size()) {
    return std::nullopt;
  }
  return *seconds / 60;
}

std::optional<DateTime> parseDateTime(std::string_view text) {
  std::size_t pos = 0;
  const auto days = parseDatePrefix(text, pos);
  if (!days || !expect(text, pos, 'T')) {
    return std::nullopt;
  }
  const auto clock = parseClock(text, pos);
  if (!clock) {
    return std::nullopt;
  }
  DateTime result{*days * kSecondsPerDay + *clock, false};
  if (pos == text.size()) {
    return result;
  }
  if (expect(text, pos, 'Z')) {
    result.hasZone = true;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    const auto hours = readDigits(text, pos, 2, 2);
    if (!hours || *hours > 23 || !expect(text, pos, ':')) {
      return std::nullopt;
    }
    const auto minutes = readDigits(text, pos, 2, 2);
    if (!minutes || *minutes > 59) {
      return std::nullopt;
    }
    // Local time = UTC + offset, so UTC = local - offset.
    result.seconds -= sign * (int64_t{*hours} * 3600 + int64_t{*minutes} * 60);
    result.hasZone = true;
  }
  if (pos != text.size()) {
    return std::nullopt;
  }
  return result;
}

int64_t today(const EvalContext& context) {
  return floorDiv(context.nowEpochSeconds + int64_t{context.utcOffsetMinutes} * 60, kSecondsPerDay);
}

DayRange functionDays(const Operand& function, int64_t todayDays) {
  const auto singleDay = [](int64_t day) { return DayRange{day, day + 1}; };
  switch (function.function) {
    case Function::kYesterday:
      return singleDay(todayDays - 1);
    case Function::kTomorrow:
      return singleDay(todayDays + 1);
    case Function::kFromToday:
      switch (function.fromTodayUnit) {
        case FromTodayUnit::kDays:
          return singleDay(todayDays + function.functionAmount);
        case FromTodayUnit::kWeeks:
          return singleDay(todayDays + 7 * function.functionAmount);
        case FromTodayUnit::kMonths:
          return singleDay(addMonths(todayDays, function.functionAmount));
        case FromTodayUnit::kYears:
          return singleDay(addMonths(todayDays, 12 * function.functionAmount));
      }
      break;
    case Function::kThisWeek:
    case Function::kLastWeek:
    case Function::kNextWeek: {
      const int64_t shift = function.function == Function::kLastWeek   ? -7
                            : function.function == Function::kNextWeek ? 7
                                                                       : 0;
      // Weeks run Sunday..Saturday (DOC:query THIS_WEEK).
      const int64_t sunday =
          todayDays - chr::weekday(chr::sys_days(chr::days(todayDays))).c_encoding() + shift;
      if (function.functionAmount < 0) {
        return {sunday, sunday + 7};
      }
      return singleDay(sunday + function.functionAmount);
    }
    case Function::kThisMonth:
    case Function::kLastMonth:
    case Function::kNextMonth: {
      const int64_t shift = function.function == Function::kLastMonth   ? -1
                            : function.function == Function::kNextMonth ? 1
                                                                        : 0;
      const DayRange month = monthOf(todayDays, shift);
      if (function.functionAmount == 0) {
        return month;
      }
      if (function.functionAmount < 0) {  // LAST
        return singleDay(month.end - 1);
      }
      // A day past the month's end rolls to the 1st of the next month (kintone-api.md §5.3,
      // marked unconfirmed there).
      const int64_t day = month.begin + function.functionAmount - 1;
      return singleDay(day < month.end ? day : month.end);
    }
    case Function::kThisYear:
    case Function::kLastYear:
    case Function::kNextYear: {
      const int shift = function.function == Function::kLastYear   ? -1
                        : function.function == Function::kNextYear ? 1
                                                                   : 0;
      const chr::year year = toYmd(todayDays).year() + chr::years(shift);
      return {toDays(year / chr::January / 1), toDays((year + chr::years(1)) / chr::January / 1)};
    }
    case Function::kToday:
    case Function::kNow:
    case Function::kLoginUser:
    case Function::kPrimaryOrganization:
      break;
  }
  return singleDay(todayDays);
}

}  // namespace teichaku::query::detail
