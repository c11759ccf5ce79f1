#include "wareki.h"

#include <gtest/gtest.h>

namespace teichaku::stats {
namespace {

// domain.md §4.2: 令和 N = 2018 + N, 平成 N = 1988 + N; FY2019 is 令和元年度 throughout.
TEST(Wareki, FiscalYearLabels) {
  EXPECT_EQ(fiscalYearLabel(2024), "令和6年度");
  EXPECT_EQ(fiscalYearLabel(2019), "令和元年度");
  EXPECT_EQ(fiscalYearLabel(2019, false), "令和1年度");
  EXPECT_EQ(fiscalYearLabel(2018), "平成30年度");
  EXPECT_EQ(fiscalYearLabel(1989), "平成元年度");
  EXPECT_EQ(fiscalYearLabel(1988), "昭和63年度");
}

TEST(Wareki, MonthLabelsFollowTheEraOfTheFirstDay) {
  EXPECT_EQ(monthLabel(2024, 4), "令和6年4月");
  EXPECT_EQ(monthLabel(2019, 4), "平成31年4月");  // 令和 began 2019-05-01
  EXPECT_EQ(monthLabel(2019, 5), "令和元年5月");
  EXPECT_EQ(monthLabel(2019, 5, false), "令和1年5月");
  EXPECT_EQ(monthLabel(1989, 1), "昭和64年1月");  // 平成 began 1989-01-08
  EXPECT_EQ(monthLabel(1989, 2), "平成元年2月");
}

}  // namespace
}  // namespace teichaku::stats
