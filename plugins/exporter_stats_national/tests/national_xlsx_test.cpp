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

// Excel holds at most 32,767 characters in a cell, and libxlsxwriter leaves a longer string's
// cell empty. A list longer than that continues on the next rows of the evidence sheet (and of
// the evidence CSV, which staff open in Excel), 数 left empty there.
TEST(NationalXlsx, ALongCaseNumberListContinuesOnTheNextRows) {
  // 4,000 new cases of one centre: "C-0000000" … "C-0003999", 9 bytes each; the list with
  // its spaces is 39,999 bytes.
  std::vector<Case> cases;
  std::string all;
  for (int i = 0; i < 4000; ++i) {
    const std::string n = std::to_string(i);
    const std::string number = "C-" + std::string(7 - n.size(), '0') + n;
    cases.push_back({number, "東京都地域生活定着支援センター", "特別調整", "2024-05-01", ""});
    all += (all.empty() ? "" : " ") + number;
  }
  QueryMirror mirror(cases);
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  RunResult run = runNational(mirror, "type = \"stats_national\"\n", request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();

  // CSV: the centre's 合計 × 新規 rows.
  const std::string& csv = run.files["national/stats_national_根拠.csv"];
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(csv);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string f; std::getline(parts, f, ',');) {
      fields.push_back(f);
    }
    if (fields.size() == 4) {
      fields.emplace_back();  // an empty last field
    }
    if (fields.size() == 5 && fields[0] == "東京都地域生活定着支援センター" &&
        fields[1] == "合計" && fields[2] == "新規（実人員）") {
      rows.push_back(fields);
    }
  }
  ASSERT_EQ(rows.size(), 2u) << "39,999 bytes need two cells";
  EXPECT_EQ(rows[0][3], "4000");
  EXPECT_EQ(rows[1][3], "") << "the count is written once";
  EXPECT_LE(rows[0][4].size(), 32767u);
  EXPECT_LE(rows[1][4].size(), 32767u);
  EXPECT_EQ(rows[0][4] + " " + rows[1][4], all);

  // XLSX: every piece fits a cell, and the pieces together are the whole list. (Every
  // non-empty cell of this mirror has the same 4,000 cases, so the shared strings hold the
  // same two pieces once each.)
  const std::string strings =
      member(run.files["national/stats_national.xlsx"], "xl/sharedStrings.xml");
  std::vector<std::string> pieces;
  for (std::size_t at = strings.find("<t"); at != std::string::npos;
       at = strings.find("<t", at + 1)) {
    const std::size_t open = strings.find('>', at);
    const std::size_t close = strings.find("</t>", open);
    if (open == std::string::npos || close == std::string::npos) {
      break;
    }
    std::string text = strings.substr(open + 1, close - open - 1);
    if (text.rfind("C-", 0) == 0) {
      EXPECT_LE(text.size(), 32767u);
      pieces.push_back(std::move(text));
    }
  }
  ASSERT_EQ(pieces.size(), 2u) << "no case number reached the sheet";
  EXPECT_EQ(pieces[0] + " " + pieces[1], all);
}

}  // namespace
}  // namespace teichaku::stats_test
