#include "domain/date.h"

#include <gtest/gtest.h>

namespace teichaku::domain {
namespace {

Date d(int y, int m, int day) {
  return *Date::fromYmd(y, m, day);
}

TEST(DateTest, ParsesIsoDatesAndRejectsInvalidOnes) {
  ASSERT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_EQ(Date::parse("2024-02-29")->day(), 29);
  EXPECT_FALSE(Date::parse("2023-02-29").has_value());  // not a leap year
  EXPECT_FALSE(Date::parse("2024-2-29").has_value());   // kintone returns zero-padded
  EXPECT_FALSE(Date::parse("2024-13-01").has_value());
  EXPECT_FALSE(Date::parse("+024-01-01").has_value());
  EXPECT_FALSE(Date::parse("2024-01-01T00:00:00Z").has_value());
  EXPECT_FALSE(Date::parse("").has_value());
}

TEST(DateTest, FormatsZeroPadded) {
  EXPECT_EQ(d(812, 3, 4).toString(), "0812-03-04");
}

TEST(DateTest, CountsDaysAcrossLeapYears) {
  EXPECT_EQ(daysBetween(d(2024, 1, 1), d(2025, 1, 1)), 366);
  EXPECT_EQ(daysBetween(d(2023, 1, 1), d(2024, 1, 1)), 365);
  EXPECT_EQ(daysBetween(d(2024, 2, 28), d(2024, 3, 1)), 2);
  EXPECT_EQ(daysBetween(d(2023, 2, 28), d(2023, 3, 1)), 1);
  EXPECT_EQ(daysBetween(d(2023, 3, 1), d(2023, 2, 28)), -1);
}

TEST(DateTest, AddsDaysAndClampsMonths) {
  EXPECT_EQ(d(2024, 12, 31).addDays(1), d(2025, 1, 1));
  EXPECT_EQ(d(2024, 3, 1).addDays(-1), d(2024, 2, 29));
  EXPECT_EQ(d(2024, 1, 31).addMonths(1), d(2024, 2, 29));
  EXPECT_EQ(d(2023, 1, 31).addMonths(1), d(2023, 2, 28));
  EXPECT_EQ(d(2024, 3, 31).addMonths(-1), d(2024, 2, 29));
  EXPECT_EQ(d(2024, 11, 15).addMonths(3), d(2025, 2, 15));
}

TEST(DateTest, LeapYearRule) {
  EXPECT_TRUE(isLeapYear(2024));
  EXPECT_FALSE(isLeapYear(1900));
  EXPECT_TRUE(isLeapYear(2000));
  EXPECT_FALSE(isLeapYear(2025));
}

}  // namespace
}  // namespace teichaku::domain
