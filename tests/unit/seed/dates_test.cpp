#include "seed/dates.h"

#include <gtest/gtest.h>

namespace teichaku::seed {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(SeedDates, JstTimeIsWrittenAsUtc) {
  // 2024-03-01 08:05 JST is 2024-02-29 23:05 UTC (JST = UTC+9, 2024 is a leap year).
  EXPECT_EQ(isoDateTimeJst(Date{year{2024}, month{3}, day{1}}, 8, 5), "2024-02-29T23:05:00Z");
  EXPECT_EQ(isoDateTimeJst(Date{year{2024}, month{3}, day{1}}, 10, 0), "2024-03-01T01:00:00Z");
}

TEST(SeedDates, FiscalYearStartsInApril) {
  // domain.md §4.1: FY N runs from April of year N.
  EXPECT_EQ(fiscalYear(Date{year{2025}, month{3}, day{31}}), 2024);
  EXPECT_EQ(fiscalYear(Date{year{2025}, month{4}, day{1}}), 2025);
}

TEST(SeedDates, AddDaysCrossesLeapDay) {
  EXPECT_EQ(isoDate(addDays(Date{year{2024}, month{2}, day{28}}, 1)), "2024-02-29");
  EXPECT_EQ(isoDate(addDays(Date{year{2023}, month{2}, day{28}}, 1)), "2023-03-01");
  EXPECT_EQ(daysBetween(Date{year{2024}, month{1}, day{1}}, Date{year{2025}, month{1}, day{1}}),
            366);
}

TEST(SeedDates, ParseAcceptsOnlyRealIsoDates) {
  Date date;
  EXPECT_TRUE(parseIsoDate("2024-02-29", date));
  EXPECT_EQ(isoDate(date), "2024-02-29");
  EXPECT_FALSE(parseIsoDate("2023-02-29", date));
  EXPECT_FALSE(parseIsoDate("2024-1-01", date));
  EXPECT_FALSE(parseIsoDate("+024-01-01", date));
  EXPECT_FALSE(parseIsoDate("2024-01-01 ", date));
  EXPECT_FALSE(parseIsoDate("2024/01/01", date));
}

}  // namespace
}  // namespace teichaku::seed
