// csv_encoding = "cp932": the CSV in Windows-31J without BOM; a value CP932 cannot hold
// stops the export naming the record and the field, never replaced silently.
#include <gtest/gtest.h>

#include "national_test_support.h"

namespace teichaku::stats_test {
namespace {

const char* kConfig =
    "type = \"stats_national\"\n"
    "csv_encoding = \"cp932\"\n";

plugin_host::ExportRequest fy2024Csv() {
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  request.formats = {"csv"};
  return request;
}

TEST(NationalCp932, WritesWindows31JWithoutBom) {
  QueryMirror mirror({{"C01", "東京都地域生活定着支援センター", "特別調整", "2024-05-01", ""}});
  RunResult run = runNational(mirror, kConfig, fy2024Csv());
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& csv = run.files["national/stats_national.csv"];
  EXPECT_NE(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "no BOM in CP932";
  // "対象期間,令和6年度" in CP932, bytes from Python's cp932 codec.
  EXPECT_NE(csv.find("\x91\xce\x8f\xdb\x8a\xfa\x8a\xd4,\x97\xdf\x98\x61\x36\x94\x4e\x93\x78\r\n"),
            std::string::npos);
  EXPECT_EQ(csv.find("令和"), std::string::npos) << "no UTF-8 left";
}

TEST(NationalCp932, NamesTheRecordAndFieldOfAnUnrepresentableValue) {
  QueryMirror mirror({
      {"C01", "東京都地域生活定着支援センター", "特別調整", "2024-05-01", ""},
      {"𠮷1", "東京都地域生活定着支援センター", "特別調整", "2024-05-01", ""},  // record 2
  });
  RunResult run = runNational(mirror, kConfig, fy2024Csv());
  ASSERT_TRUE(run.outcome.isFail());
  EXPECT_NE(run.outcome.message().find("STATS_CP932_UNREPRESENTABLE"), std::string::npos)
      << run.outcome.message();
  EXPECT_NE(run.outcome.message().find("レコード 2 のフィールド ケース番号"), std::string::npos)
      << run.outcome.message();
  EXPECT_TRUE(run.files.empty()) << "nothing written";
}

}  // namespace
}  // namespace teichaku::stats_test
