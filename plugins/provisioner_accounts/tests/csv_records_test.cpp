#include "csv_records.h"

#include <gtest/gtest.h>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvRecords, QuotesCommasEscapedQuotesAndLineBreaks) {
  const auto records =
      readCsvRecords("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\r\nlast,y");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(records[1].fields, (Fields{"two\nlines", "", "x"}));
  EXPECT_EQ(records[2].fields, (Fields{"last", "y"}));
  // Rows are counted per record, as Excel numbers them, not per physical line.
  EXPECT_EQ(records[0].row, 1);
  EXPECT_EQ(records[1].row, 2);
  EXPECT_EQ(records[2].row, 3);
}

TEST(CsvRecords, LfOnlyAndTrailingNewline) {
  const auto records = readCsvRecords("h1,h2\nv1,v2\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"v1", "v2"}));
}

TEST(CsvRecords, EmptyQuotedFieldAtTheEnd) {
  const auto records = readCsvRecords("a,\"\"");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", ""}));
}

TEST(CsvRecords, UnclosedQuoteNamesTheRowItOpenedIn) {
  try {
    readCsvRecords("h\nok\n\"open,\nstill");
    FAIL();
  } catch (const plugin::Failure& e) {
    EXPECT_EQ(e.messageId(), "ACCOUNTS_ROSTER_SYNTAX");
    EXPECT_NE(std::string(e.what()).find("3 行目"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace teichaku::accounts_plugin
