// The Excel output of the national statistics: two sheets, Japanese labels, the same
// numbers as the CSV, case numbers (never names or birth dates) on the evidence sheet.
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>

#include <iterator>
#include <sstream>

#include "national_test_support.h"

namespace teichaku::stats_test {
namespace {

std::string member(const std::string& zipBytes, const std::string& name) {
  std::istringstream in(zipBytes);
  Poco::Zip::ZipArchive archive(in);
  auto header = archive.findHeader(name);
  if (header == archive.headerEnd()) {
    return {};
  }
  in.clear();
  Poco::Zip::ZipInputStream zip(in, header->second);
  return std::string(std::istreambuf_iterator<char>(zip), {});
}

TEST(NationalXlsx, TwoSheetsWithLabelsNumbersAndCaseNumbers) {
  std::vector<Case> cases = {
      {"C01", "東京都地域生活定着支援センター", "特別調整", "2024-04-01", "", "1950-01-01"},
      {"C02", "東京都地域生活定着支援センター", "一般調整", "2024-03-01", "2024-05-01"},
  };
  QueryMirror mirror(cases);
  plugin_host::ExportRequest request;
  request.periodStart = "2019-04-01";  // FY2019 = 令和元年度 (domain.md §4.2)
  request.periodEnd = "2020-03-31";
  request.formats = {"xlsx"};
  RunResult empty =
      runNational(mirror, "type = \"stats_national\"\noutput_prefix = \"r1\"\n", request);
  ASSERT_TRUE(empty.outcome.isOk()) << empty.outcome.message();
  EXPECT_EQ(empty.files.count("national/r1.csv"), 0u) << "only the asked format";
  const std::string& r1 = empty.files["national/r1.xlsx"];
  ASSERT_EQ(r1.rfind("PK", 0), 0u) << "a zip file";
  EXPECT_NE(member(r1, "xl/sharedStrings.xml").find("令和元年度"), std::string::npos);

  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  RunResult run = runNational(mirror, "type = \"stats_national\"\n", request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& xlsx = run.files["national/stats_national.xlsx"];
  const std::string workbook = member(xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"集計\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"根拠\""), std::string::npos) << workbook;
  const std::string strings = member(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("令和6年度"), std::string::npos);
  EXPECT_NE(strings.find("新規（実人員）"), std::string::npos);
  EXPECT_NE(strings.find("ケース番号"), std::string::npos);
  EXPECT_EQ(strings.find("1950-01-01"), std::string::npos) << "no birth dates";
  // Evidence: 合計 × 支援した人 in FY2024 is C01 (new) and C02 (requested before, closed
  // 2024-05-01): "C01 C02".
  EXPECT_NE(strings.find("C01 C02"), std::string::npos) << strings;
  // Print setup: A4 (paperSize 9) landscape, one page wide.
  const std::string sheet1 = member(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet1.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet1.find("fitToPage=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace teichaku::stats_test
