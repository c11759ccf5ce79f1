#include "csv_table.h"

#include <gtest/gtest.h>

namespace teichaku::stats {
namespace {

TEST(CsvTable, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csvField("高齢"), "高齢");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"x\""), "\"say \"\"x\"\"\"");
}

TEST(CsvTable, CountsPerCentreThenAllCentres) {
  Definitions d;
  d.title = "表";
  d.rows = {{"合計", "", Basis::kPersons}};
  d.columns = {{"実", "", Basis::kPersons}, {"延", "", Basis::kEpisodes}};
  Tally t(1, 2);
  // C1 at A and again at B (handed over), C2 twice at B (reopened).
  for (std::size_t c = 0; c < 2; ++c) {
    t.add(0, c, "A", "C1");
    t.add(0, c, "B", "C1");
    t.add(0, c, "B", "C2");
    t.add(0, c, "B", "C2");
  }
  // A: 1 person / 1 record; B: 2 persons / 3 records; all: 2 persons / 4 records.
  const std::string expected =
      "\xEF\xBB\xBF表\r\n対象期間,令和6年度\r\nセンター,区分,実,延\r\n"
      "A,合計,1,1\r\nB,合計,2,3\r\n全センター,合計,2,4\r\n";
  EXPECT_EQ(buildCountsCsv(d, t, "令和6年度", CsvOptions{}), expected);
  const std::string evidence = buildEvidenceCsv(d, t, CsvOptions{false});
  EXPECT_NE(evidence.find("全センター,合計,延,4,C1 C2\r\n"), std::string::npos) << evidence;
  EXPECT_EQ(evidence.rfind("センター,区分,列,数,ケース番号\r\n", 0), 0u);
}

}  // namespace
}  // namespace teichaku::stats
