#include "daemon/report_archive.h"

#include <gtest/gtest.h>

namespace teichaku::daemon {
namespace {

// kintone writes DATETIME as UTC with a literal Z (kintone-api.md §1.5).
TEST(ReportArchive, GeneratedAtIsKintonesUtcForm) {
  EXPECT_EQ(kintoneDateTime(1'749'519'000'000), "2025-06-10T01:30:00Z");
  EXPECT_EQ(kintoneDateTime(0), "1970-01-01T00:00:00Z");
}

// `"` and `\` are backslash-escaped inside a query string (kintone-api.md §5.1 "Escaping").
TEST(ReportArchive, QueryLiteralsEscapeQuotesAndBackslashes) {
  EXPECT_EQ(queryLiteral("2024-04"), "\"2024-04\"");
  EXPECT_EQ(queryLiteral("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(queryLiteral("データ点検"), "\"データ点検\"");
}

TEST(ReportArchive, StepsHaveStableNamesForTheLog) {
  EXPECT_STREQ(toString(ArchiveStep::kUpload), "upload");
  EXPECT_STREQ(toString(ArchiveStep::kFind), "find_record");
  EXPECT_STREQ(toString(ArchiveStep::kWrite), "write_record");
}

}  // namespace
}  // namespace teichaku::daemon
