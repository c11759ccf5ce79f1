#include "daemon/report_period.h"

#include <gtest/gtest.h>

namespace teichaku::daemon {
namespace {

std::string period(const std::string& kind, int y, int m, int d) {
  auto p = reportPeriod(kind, *domain::Date::fromYmd(y, m, d));
  return p.from.toString() + ".." + p.to.toString();
}

TEST(ReportPeriod, PreviousMonthAcrossAYearAndALeapFebruary) {
  EXPECT_EQ(period("previous_month", 2025, 1, 1), "2024-12-01..2024-12-31");
  EXPECT_EQ(period("previous_month", 2024, 3, 1), "2024-02-01..2024-02-29");
  EXPECT_EQ(period("previous_month", 2025, 3, 31), "2025-02-01..2025-02-28");
}

TEST(ReportPeriod, FiscalYearsStartInApril) {
  EXPECT_EQ(period("previous_fiscal_year", 2025, 4, 1), "2024-04-01..2025-03-31");
  EXPECT_EQ(period("previous_fiscal_year", 2025, 3, 31), "2023-04-01..2024-03-31");
  EXPECT_EQ(period("fiscal_year_to_date", 2025, 10, 1), "2025-04-01..2025-09-30");
  // On 1 April the fiscal year of yesterday is the one that just ended.
  EXPECT_EQ(period("fiscal_year_to_date", 2025, 4, 1), "2024-04-01..2025-03-31");
}

TEST(ReportPeriod, PreviousWeekIsMondayToSunday) {
  // 2025-02-05 is a Wednesday; the week before ran Mon 01-27 .. Sun 02-02.
  EXPECT_EQ(period("previous_week", 2025, 2, 5), "2025-01-27..2025-02-02");
  // On a Monday (2025-02-03) the previous week is the one that just ended.
  EXPECT_EQ(period("previous_week", 2025, 2, 3), "2025-01-27..2025-02-02");
  // On a Sunday (2025-02-02) the week in progress began 01-27, so the previous one 01-20.
  EXPECT_EQ(period("previous_week", 2025, 2, 2), "2025-01-20..2025-01-26");
  EXPECT_EQ(period("previous_day", 2025, 3, 1), "2025-02-28..2025-02-28");
}

TEST(ReportPeriod, UnknownKindThrows) {
  EXPECT_THROW(reportPeriod("last_century", *domain::Date::fromYmd(2025, 1, 1)),
               std::invalid_argument);
}

}  // namespace
}  // namespace teichaku::daemon
