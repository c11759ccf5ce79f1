#include "daemon/report_period.h"

#include <chrono>
#include <stdexcept>

namespace teichaku::daemon {
namespace {

int fiscalYearOf(const domain::Date& d) {
  return d.month() >= 4 ? d.year() : d.year() - 1;
}

domain::Date ymd(int year, int month, int day) {
  return *domain::Date::fromYmd(year, month, day);
}

}  // namespace

ReportPeriod reportPeriod(const std::string& kind, const domain::Date& today) {
  const domain::Date yesterday = today.addDays(-1);
  if (kind == "previous_day") {
    return {yesterday, yesterday};
  }
  if (kind == "previous_week") {
    // c_encoding: Sunday 0 … Saturday 6; days since this week's Monday.
    const unsigned weekday = std::chrono::weekday(today.sysDays()).c_encoding();
    const int sinceMonday = static_cast<int>((weekday + 6) % 7);
    const domain::Date monday = today.addDays(-sinceMonday - 7);
    return {monday, monday.addDays(6)};
  }
  if (kind == "previous_month") {
    const domain::Date first = ymd(today.year(), today.month(), 1).addMonths(-1);
    return {first, ymd(today.year(), today.month(), 1).addDays(-1)};
  }
  if (kind == "previous_fiscal_year") {
    const int fy = fiscalYearOf(today) - 1;
    return {ymd(fy, 4, 1), ymd(fy + 1, 3, 31)};
  }
  if (kind == "fiscal_year_to_date") {
    return {ymd(fiscalYearOf(yesterday), 4, 1), yesterday};
  }
  throw std::invalid_argument("期間の種類 '" + kind + "' は使えません。");
}

}  // namespace teichaku::daemon
