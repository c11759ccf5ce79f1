#include "record_count_csv.h"

#include <gtest/gtest.h>

namespace teichaku::record_count {
namespace {

TEST(RecordCountCsvTest, HeaderOnlyWithBomAndCrlf) {
  EXPECT_EQ(buildCsv({}),
            "\xEF\xBB\xBF\xE3\x82\xA2\xE3\x83\x97\xE3\x83\xAA,"  // アプリ
            "\xE6\x9D\xA1\xE4\xBB\xB6,"                          // 条件
            "\xE4\xBB\xB6\xE6\x95\xB0\r\n");                     // 件数
}

TEST(RecordCountCsvTest, QuotesFieldsWithCommasAndQuotes) {
  std::string csv = buildCsv({{"cases", "", 3}, {"support", "a,\"b\"", 2}});
  EXPECT_EQ(csv.substr(csv.find("\r\n") + 2), "cases,,3\r\nsupport,\"a,\"\"b\"\"\",2\r\n");
}

}  // namespace
}  // namespace teichaku::record_count
