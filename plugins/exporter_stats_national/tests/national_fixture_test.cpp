// The shipped national draft (mappings/statistics/national.toml) over a hand-made fixture of
// 39 support episodes (37 case numbers), FY2024 = 2024-04-01 … 2025-03-31 (domain.md §4.1),
// through the built .so. Every expected number below is counted by hand from the fixture.
#include <gtest/gtest.h>

#include "national_test_support.h"

namespace teichaku::stats_test {
namespace {

const std::string kA = "東京都地域生活定着支援センター";
const std::string kB = "大阪府地域生活定着支援センター";
const std::string kAll = "全センター";

const char* kConfig =
    "type = \"stats_national\"\n"
    "definitions = \"mappings/statistics/national.toml\"\n"
    "output_prefix = \"national\"\n";

std::vector<Case> fixture() {
  std::vector<Case> cases = {
      // Fiscal-year boundaries.
      {"C01", kA, "特別調整", "2024-04-01", "", "1980-01-01", "有"},        // new on the first day
      {"C02", kA, "特別調整", "2025-03-31", "", "1980-01-01", "無", "有"},  // new on the last
      {"C03", kA, "一般調整", "2024-03-31", ""},            // requested the day before: 継続
      {"C04", kA, "一般調整", "2025-04-01", ""},            // the day after the year: nothing
      {"C05", kA, "特別調整", "2023-06-01", "2024-03-31"},  // closed the day before: nothing
      {"C06", kA, "特別調整", "2023-06-01", "2024-04-01"},  // 継続 and 終結 on the first day
      {"C07", kA, "特別調整", "2024-05-01", "2025-03-31"},  // 新規, 終結 on the last day
      {"C08", kA, "特別調整", "2024-05-01", "2025-04-01"},  // 新規, closed after the year
      // Ages on the base date 2025-03-31 (legal age, domain.md §4.3): 65 if born on or before
      // 1960-04-01.
      {"C09", kA, "一般調整", "2024-06-01", "", "1960-03-31"},  // 65th birthday on base date
      {"C10", kA, "一般調整", "2024-06-01", "", "1960-04-01"},  // birthday the day after: 65
      {"C11", kA, "一般調整", "2024-06-01", "", "1960-04-02"},  // two days after: still 64
      {"C12", kA, "一般調整", "2024-06-01", "", "1960-02-29"},  // 29 February: 65
      {"C13", kA, "一般調整", "2024-06-01", "", "1964-02-29"},  // 29 February: 61
      // Several disability categories at once: counted in each (domain.md §2.2), and elderly.
      {"C14", kA, "特別調整", "2024-07-01", "", "1950-01-01", "有", "有", "有"},
      {"C15", kA, "一般調整", "2024-07-01", "", "1980-01-01", "疑い"},  // 疑い is not counted
      // Handed from A to B: closed at A, a new episode at B with the same case number.
      {"C16", kA, "特別調整", "2024-04-10", "2024-09-30"},
      {"C16", kB, "特別調整", "2024-10-01", ""},
      // Closed in the year and reopened later in the year (same case number).
      {"C17", kB, "一般調整", "2023-10-01", "2024-06-30"},
      {"C17", kB, "一般調整", "2024-12-01", ""},
  };
  // 20 entry-stage cases at B, all opened and closed in August; C20–C29 with a physical
  // disability.
  for (int i = 20; i < 40; ++i) {
    cases.push_back({"C" + std::to_string(i), kB, "被疑者等支援", "2024-08-01", "2024-08-31",
                     "1980-01-01", "無", "無", i < 30 ? "有" : "無"});
  }
  return cases;
}

plugin_host::ExportRequest fy2024() {
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  return request;
}

// Columns: 新規（実人員）, 継続（実人員）, 終結（実人員）, 支援した人（実人員）,
// 支援したケース（延べ）.
TEST(NationalFixture, EveryNumberForAllCentres) {
  QueryMirror mirror(fixture());
  RunResult run = runNational(mirror, kConfig, fy2024());
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  ASSERT_EQ(run.files.count("national/national.csv"), 1u);
  CountTable t = parseCounts(run.files["national/national.csv"]);

  // 合計. 新規: C01 C02 C07 C08 C09–C15 C16(A) C16(B) C17(reopen) C20–C39 = 34 episodes, C16
  // twice → 33 persons. 継続: C03 C06 C17(first). 終結: C06 C07 C16(A) C17(first) C20–C39 = 24.
  // 支援: every episode but C04 and C05 = 37 episodes; C16 and C17 twice each → 35 persons.
  EXPECT_EQ(at(t, kAll, "合計"), (std::vector<int>{33, 3, 24, 35, 37}));
  // 高齢: C09 C10 C12 C14 (C11 and C13 are younger than 65 on 2025-03-31), all new and open.
  EXPECT_EQ(at(t, kAll, "高齢（65歳以上）"), (std::vector<int>{4, 0, 0, 4, 4}));
  // 知的: C01 C14 (C15 is 疑い). 精神: C02 C14. 身体: C14 and C20–C29, which closed in August.
  EXPECT_EQ(at(t, kAll, "知的障害"), (std::vector<int>{2, 0, 0, 2, 2}));
  EXPECT_EQ(at(t, kAll, "精神障害"), (std::vector<int>{2, 0, 0, 2, 2}));
  EXPECT_EQ(at(t, kAll, "身体障害"), (std::vector<int>{11, 0, 10, 11, 11}));
  // 特別調整: new C01 C02 C07 C08 C14 C16(A) C16(B) = 6 persons; 継続 C06; 終結 C06 C07 C16(A);
  // 支援 C01 C02 C06 C07 C08 C14 C16(A) C16(B) = 8 episodes, 7 persons.
  EXPECT_EQ(at(t, kAll, "特別調整"), (std::vector<int>{6, 1, 3, 7, 8}));
  // 一般調整: new C09–C13 C15 C17(reopen) = 7; 継続 C03 C17(first); 終結 C17(first);
  // 支援 C03 C09–C13 C15 C17 C17 = 9 episodes, 8 persons (C04 is after the year).
  EXPECT_EQ(at(t, kAll, "一般調整"), (std::vector<int>{7, 2, 1, 8, 9}));
  EXPECT_EQ(at(t, kAll, "被疑者等支援"), (std::vector<int>{20, 0, 20, 20, 20}));
}

TEST(NationalFixture, PerCentreTotalsCountAHandedCaseAtBothCentres) {
  QueryMirror mirror(fixture());
  RunResult run = runNational(mirror, kConfig, fy2024());
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  CountTable t = parseCounts(run.files["national/national.csv"]);
  // A: new C01 C02 C07 C08 C09–C15 C16 = 12; 継続 C03 C06; 終結 C06 C07 C16;
  // 支援 C01 C02 C03 C06 C07 C08 C09–C15 C16 = 14.
  EXPECT_EQ(at(t, kA, "合計"), (std::vector<int>{12, 2, 3, 14, 14}));
  // B: new C16 C17(reopen) C20–C39 = 22; 継続 C17(first); 終結 C17 C20–C39 = 21;
  // 支援 C16 C17 C17 C20–C39 = 23 episodes, 22 persons.
  EXPECT_EQ(at(t, kB, "合計"), (std::vector<int>{22, 1, 21, 22, 23}));
  // 12 + 22 = 34 new at the centres but 33 in all: C16 counts once in 全センター.
  EXPECT_EQ(t.size(), 3u * 8u);  // A, B, 全センター × 8 rows
}

TEST(NationalFixture, LabelsTheFiscalYearInWarekiAndListsCaseNumbersAsEvidence) {
  QueryMirror mirror(fixture());
  RunResult run = runNational(mirror, kConfig, fy2024());
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& counts = run.files["national/national.csv"];
  EXPECT_EQ(counts.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM by default";
  EXPECT_NE(counts.find("対象期間,令和6年度\r\n"), std::string::npos);
  const std::string& evidence = run.files["national/national_根拠.csv"];
  EXPECT_NE(evidence.find("全センター,高齢（65歳以上）,新規（実人員）,4,C09 C10 C12 C14\r\n"),
            std::string::npos)
      << evidence;
  EXPECT_EQ(evidence.find("1960-"), std::string::npos) << "no birth dates in the evidence";
  // Only the case number and the centre are read; 8 rows × 5 columns = 40 queries.
  EXPECT_EQ(mirror.lastFields, (std::vector<std::string>{"ケース番号", "管理センター"}));
  EXPECT_EQ(mirror.queries.size(), 40u);
  // Row 高齢 × column 新規: the age placeholder is 1960-04-01 for the base date 2025-03-31.
  EXPECT_EQ(mirror.queries[5],
            "(生年月日 <= \"1960-04-01\") and "
            "(依頼日 >= \"2024-04-01\" and 依頼日 <= \"2025-03-31\")");
}

TEST(NationalFixture, CentreFilterAndCustomPeriod) {
  QueryMirror mirror(fixture());
  plugin_host::ExportRequest request;
  request.periodStart = "2024-08-01";
  request.periodEnd = "2024-08-31";
  request.centres = {kB};
  RunResult run = runNational(mirror, kConfig, request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& counts = run.files["national/national.csv"];
  EXPECT_NE(counts.find("対象期間,2024-08-01〜2024-08-31\r\n"), std::string::npos);
  CountTable t = parseCounts(counts);
  // Only B, August 2024: C20–C39 are new and closed. No 継続: C16(B) is requested in
  // October, C17's first episode closed on 06-30, its second starts in December.
  // 支援: C20–C39 = 20. A's cases are left out entirely.
  EXPECT_EQ(at(t, kB, "合計"), (std::vector<int>{20, 0, 20, 20, 20}));
  EXPECT_EQ(at(t, kAll, "合計"), (std::vector<int>{20, 0, 20, 20, 20}));
  EXPECT_EQ(t.count(std::make_pair(kA, std::string("合計"))), 0u);
}

TEST(NationalFixture, RefusesAMissingPeriodAndUnsupportedFormat) {
  QueryMirror mirror(fixture());
  plugin_host::ExportRequest noEnd;
  noEnd.periodStart = "2024-04-01";
  RunResult run = runNational(mirror, kConfig, noEnd);
  EXPECT_TRUE(run.outcome.isFail());
  EXPECT_NE(run.outcome.message().find("STATS_PERIOD_INVALID"), std::string::npos)
      << run.outcome.message();
  plugin_host::ExportRequest pdf = fy2024();
  pdf.formats = {"pdf"};
  EXPECT_TRUE(runNational(mirror, kConfig, pdf).outcome.isFail());
}

}  // namespace
}  // namespace teichaku::stats_test
