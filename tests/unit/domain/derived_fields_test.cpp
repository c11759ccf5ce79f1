#include "domain/derived_fields.h"

#include <gtest/gtest.h>

namespace teichaku::domain {
namespace {

Date d(int y, int m, int day) {
  return *Date::fromYmd(y, m, day);
}

TEST(PeriodDaysTest, CountsElapsedDaysUpToEndOrToday) {
  Date today = d(2025, 5, 1);
  EXPECT_EQ(periodDays(d(2025, 4, 1), d(2025, 4, 1), today), 0);  // 初日不算入
  EXPECT_EQ(periodDays(d(2025, 4, 1), std::nullopt, today), 30);
  EXPECT_FALSE(periodDays(d(2025, 4, 2), d(2025, 4, 1), today).has_value());
  EXPECT_FALSE(periodDays(std::nullopt, d(2025, 4, 1), today).has_value());
}

// Expected day counts were worked out by hand and checked with Python's datetime.
TEST(ComputeDerivedTest, FollowUpCaseWithPreviousSentence) {
  CaseDates dates;
  dates.birth = d(1958, 10, 15);
  dates.request = d(2023, 9, 20);
  dates.coordinationEnd = d(2024, 1, 10);
  dates.followUpStart = d(2024, 1, 10);
  dates.previousRelease = d(2019, 6, 30);
  dates.currentOffence = d(2022, 12, 1);
  dates.release = d(2024, 1, 10);

  DerivedFields out = computeDerived(dates, d(2025, 11, 22));
  EXPECT_EQ(out.requestFiscalYear, 2023);
  EXPECT_EQ(out.ageAtRequest, 64);
  EXPECT_EQ(out.ageToday, 67);
  EXPECT_EQ(out.elderlyAtRequest, false);
  EXPECT_EQ(out.elderlyToday, true);
  EXPECT_EQ(out.supportDaysToDate, 794);          // 2023-09-20 → 2025-11-22, start = 依頼日
  EXPECT_EQ(out.coordinationDays, 112);           // 2023-09-20 → 2024-01-10
  EXPECT_EQ(out.followUpDays, 682);               // 2024-01-10 → today
  EXPECT_EQ(out.daysFromPreviousRelease, 1250);   // 2019-06-30 → 2022-12-01
  EXPECT_FALSE(out.daysToReoffence.has_value());  // no re-offence: no period, not "to today"
}

TEST(ComputeDerivedTest, ClosedCaseStopsCountingAtSupportEnd) {
  CaseDates dates;
  dates.request = d(2025, 3, 31);
  dates.supportStart = d(2025, 4, 2);
  dates.supportEnd = d(2025, 4, 12);
  dates.release = d(2025, 4, 5);
  dates.reoffenceInFollowUp = d(2025, 4, 9);

  DerivedFields out = computeDerived(dates, d(2025, 11, 22));
  EXPECT_EQ(out.requestFiscalYear, 2024);
  EXPECT_FALSE(out.ageToday.has_value());  // no birth date
  EXPECT_FALSE(out.elderlyToday.has_value());
  EXPECT_EQ(out.supportDaysToDate, 10);
  EXPECT_EQ(out.coordinationDays, 10);  // no coordination end: closed with the case
  EXPECT_FALSE(out.followUpDays.has_value());
  EXPECT_EQ(out.daysToReoffence, 4);
}

}  // namespace
}  // namespace teichaku::domain
