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

}  // namespace
}  // namespace teichaku::stats
