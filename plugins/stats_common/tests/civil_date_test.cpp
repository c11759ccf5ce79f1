#include "civil_date.h"

#include <gtest/gtest.h>

namespace teichaku::stats {
namespace {

CivilDate d(int y, int m, int day) {
  return CivilDate{y, m, day};
}

TEST(CivilDate, ParsesOnlyRealDays) {
  EXPECT_EQ(parseDate("2024-02-29"), d(2024, 2, 29));
  EXPECT_FALSE(parseDate("2025-02-29"));  // 2025 is a common year
  EXPECT_FALSE(parseDate("2024-13-01"));
  EXPECT_FALSE(parseDate("2024-4-01"));
  EXPECT_FALSE(parseDate("2024-04-01x"));
  EXPECT_EQ(formatDate(d(2024, 4, 1)), "2024-04-01");
}

TEST(CivilDate, AddsDaysAcrossMonthsAndLeapDays) {
  EXPECT_EQ(addDays(d(2024, 2, 28), 1), d(2024, 2, 29));
  EXPECT_EQ(addDays(d(2025, 2, 28), 1), d(2025, 3, 1));
  EXPECT_EQ(addDays(d(2025, 3, 31), 1), d(2025, 4, 1));
  EXPECT_EQ(addDays(d(2025, 1, 1), -1), d(2024, 12, 31));
  EXPECT_EQ(addDays(d(1960, 3, 1), -1), d(1960, 2, 29));
}

TEST(CivilDate, FiscalYearRunsAprilToMarch) {
  // domain.md §4.1: FY2025 = 2025-04-01 … 2026-03-31.
  EXPECT_EQ(fiscalYearStart(2025), d(2025, 4, 1));
  EXPECT_EQ(fiscalYearEnd(2025), d(2026, 3, 31));
}

// domain.md §4.3: a year is gained at the end of the day before the birthday.
TEST(CivilDate, LegalAgeIsGainedTheDayBeforeTheBirthday) {
  // Base 2025-03-31: someone born 1960-04-01 turns 65 at the end of 2025-03-31, so counts;
  // born 1960-04-02 does not (turns 65 at the end of 2025-04-01).
  EXPECT_EQ(latestBirthDateForAge(d(2025, 3, 31), 65), d(1960, 4, 1));
  // Base 2024-03-31 (leap year): same rule one year earlier.
  EXPECT_EQ(latestBirthDateForAge(d(2024, 3, 31), 65), d(1959, 4, 1));
}

TEST(CivilDate, TwentyNinthFebruaryBirthdayInCommonYears) {
  // Born 1960-02-29: in 2025 the anniversary is 1 March, so 65 is reached at the end of 28
  // February. Born 1960-03-01: also reached at the end of 28 February.
  // On 2025-02-28 both are 65 → the latest birth date is 1960-03-01.
  EXPECT_EQ(latestBirthDateForAge(d(2025, 2, 28), 65), d(1960, 3, 1));
  // On 2025-02-27 only those born up to 1960-02-28 are 65 (28 Feb birthday: end of 27 Feb).
  EXPECT_EQ(latestBirthDateForAge(d(2025, 2, 27), 65), d(1960, 2, 28));
  // In a leap year (2024, age 64 from 1960): born 1960-02-29 turns 64 at the end of
  // 2024-02-28, born 1960-03-01 at the end of 2024-02-29.
  EXPECT_EQ(latestBirthDateForAge(d(2024, 2, 28), 64), d(1960, 2, 29));
  EXPECT_EQ(latestBirthDateForAge(d(2024, 2, 29), 64), d(1960, 3, 1));
}

}  // namespace
}  // namespace teichaku::stats
