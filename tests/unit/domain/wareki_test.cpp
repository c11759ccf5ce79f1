#include "domain/wareki.h"

#include <gtest/gtest.h>

namespace teichaku::domain {
namespace {

Date d(int y, int m, int day) {
  return *Date::fromYmd(y, m, day);
}

TEST(WarekiTest, EraSwitchDates) {
  // 平成 ended 2019-04-30, 令和 began 2019-05-01 (domain.md §4.2).
  EXPECT_EQ(eraYearOf(d(2019, 4, 30)), (EraYear{Era::kHeisei, 31}));
  EXPECT_EQ(eraYearOf(d(2019, 5, 1)), (EraYear{Era::kReiwa, 1}));
  EXPECT_EQ(eraYearOf(d(1989, 1, 7)), (EraYear{Era::kShowa, 64}));
  EXPECT_EQ(eraYearOf(d(1989, 1, 8)), (EraYear{Era::kHeisei, 1}));
  EXPECT_EQ(eraYearOf(d(1926, 12, 24)), (EraYear{Era::kTaisho, 15}));
  EXPECT_EQ(eraYearOf(d(1926, 12, 25)), (EraYear{Era::kShowa, 1}));
  EXPECT_EQ(eraYearOf(d(1912, 7, 29)), (EraYear{Era::kMeiji, 45}));
  EXPECT_EQ(eraYearOf(d(1912, 7, 30)), (EraYear{Era::kTaisho, 1}));
  EXPECT_EQ(eraYearOf(d(2025, 11, 22)), (EraYear{Era::kReiwa, 7}));
}

TEST(WarekiTest, NoMappingBeforeGregorianAdoption) {
  EXPECT_FALSE(eraYearOf(d(1872, 12, 31)).has_value());
  EXPECT_EQ(eraYearOf(d(1873, 1, 1)), (EraYear{Era::kMeiji, 6}));
}

TEST(WarekiTest, FirstYearIsGannenUnlessNumericAsked) {
  EXPECT_EQ(eraYearLabel({Era::kReiwa, 1}), "令和元年");
  EXPECT_EQ(eraYearLabel({Era::kReiwa, 1}, FirstYearStyle::kNumeric), "令和1年");
  EXPECT_EQ(eraYearLabel({Era::kHeisei, 31}), "平成31年");
}

TEST(WarekiTest, FiscalYearLabels) {
  // FY2019 began on 平成31年4月1日 but is 令和元年度 throughout (domain.md §4.2).
  EXPECT_EQ(fiscalYearLabel(2019), "令和元年度");
  EXPECT_EQ(fiscalYearLabel(2019, FirstYearStyle::kNumeric), "令和1年度");
  EXPECT_EQ(fiscalYearLabel(2018), "平成30年度");
  EXPECT_EQ(fiscalYearLabel(2025), "令和7年度");
  // 平成 began 1989-01-08, inside FY1988; FY1988 stays 昭和63年度, FY1989 is 平成元年度.
  EXPECT_EQ(fiscalYearLabel(1988), "昭和63年度");
  EXPECT_EQ(fiscalYearLabel(1989), "平成元年度");
  EXPECT_FALSE(fiscalYearLabel(1850).has_value());
}

}  // namespace
}  // namespace teichaku::domain
