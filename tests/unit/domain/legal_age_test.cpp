#include "domain/legal_age.h"

#include <gtest/gtest.h>

// 年齢計算ニ関スル法律 / 民法第143条: a year is gained at the end of the day before the
// birthday, and the whole of that day counts (domain.md §4.3).
namespace teichaku::domain {
namespace {

Date d(int y, int m, int day) {
  return *Date::fromYmd(y, m, day);
}

TEST(LegalAgeTest, GainsAYearOnTheDayBeforeTheBirthday) {
  Date birth = d(2000, 5, 10);
  EXPECT_EQ(ageOn(birth, d(2025, 5, 8)), 24);
  EXPECT_EQ(ageOn(birth, d(2025, 5, 9)), 25);
  EXPECT_EQ(ageOn(birth, d(2025, 5, 10)), 25);
  EXPECT_EQ(ageOn(birth, d(2001, 5, 8)), 0);
  EXPECT_EQ(ageOn(birth, d(2001, 5, 9)), 1);
}

TEST(LegalAgeTest, LeapDayBirthAgesOnTwentyEighthFebruary) {
  Date birth = d(2004, 2, 29);
  EXPECT_EQ(ageOn(birth, d(2023, 2, 27)), 18);
  EXPECT_EQ(ageOn(birth, d(2023, 2, 28)), 19);  // non-leap year
  EXPECT_EQ(ageOn(birth, d(2024, 2, 27)), 19);
  EXPECT_EQ(ageOn(birth, d(2024, 2, 28)), 20);  // leap year: still the day before 29 Feb
}

TEST(LegalAgeTest, BirthDayIsZeroAndEarlierIsUnknown) {
  EXPECT_EQ(ageOn(d(2020, 1, 1), d(2020, 1, 1)), 0);
  EXPECT_FALSE(ageOn(d(2020, 1, 1), d(2019, 12, 31)).has_value());
}

TEST(LegalAgeTest, ElderlyFromTheDayBeforeTheSixtyFifthBirthday) {
  // Born 1960-04-01: 65 at the end of 2025-03-30, so 65 for all of 2025-03-31.
  Date birth = d(1960, 4, 1);
  EXPECT_EQ(isElderlyOn(birth, d(2025, 3, 30)), false);
  EXPECT_EQ(isElderlyOn(birth, d(2025, 3, 31)), true);
  EXPECT_FALSE(isElderlyOn(birth, d(1950, 1, 1)).has_value());
}

}  // namespace
}  // namespace teichaku::domain
