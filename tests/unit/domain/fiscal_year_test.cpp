#include "domain/fiscal_year.h"

#include <gtest/gtest.h>

// 年度 = April–March, named by the year of its April (domain.md §4.1).
namespace teichaku::domain {
namespace {

Date d(int y, int m, int day) {
  return *Date::fromYmd(y, m, day);
}

TEST(FiscalYearTest, SwitchesOnFirstApril) {
  EXPECT_EQ(fiscalYearOf(d(2025, 3, 31)), 2024);
  EXPECT_EQ(fiscalYearOf(d(2025, 4, 1)), 2025);
  EXPECT_EQ(fiscalYearOf(d(2025, 12, 31)), 2025);
  EXPECT_EQ(fiscalYearOf(d(2026, 1, 1)), 2025);
}

TEST(FiscalYearTest, RangeRunsAprilToMarch) {
  FiscalYearRange range = fiscalYearRange(2025);
  EXPECT_EQ(range.first, d(2025, 4, 1));
  EXPECT_EQ(range.last, d(2026, 3, 31));
}

}  // namespace
}  // namespace teichaku::domain
