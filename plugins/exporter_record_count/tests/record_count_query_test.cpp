#include "record_count_query.h"

#include <gtest/gtest.h>

namespace teichaku::record_count {
namespace {

// Escaping rule: shared/reference/kintone-api.md §5.1 ("`"` and `\` inside values
// must be backslash-escaped", DOC:query).
TEST(RecordCountQueryTest, QuoteValueEscapesQuoteAndBackslash) {
  EXPECT_EQ(quoteValue("東京"), "\"東京\"");
  EXPECT_EQ(quoteValue("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(quoteValue("a\\b"), "\"a\\\\b\"");
}

TEST(RecordCountQueryTest, NothingConfiguredMeansAllRecords) {
  EXPECT_EQ(composeQuery({}), "");
}

TEST(RecordCountQueryTest, ThePeriodNeedsADateField) {
  QueryParts parts;
  parts.periodStart = "2024-04-01";
  parts.centres = {"東京"};
  EXPECT_EQ(composeQuery(parts), "");
}

TEST(RecordCountQueryTest, CombinesBasePeriodAndCentres) {
  QueryParts parts{"x = 1",      "依頼日",     "管理センター",
                   "2024-04-01", "2025-03-31", {"東京", "大\"阪"}};
  EXPECT_EQ(composeQuery(parts),
            "(x = 1) and 依頼日 >= \"2024-04-01\" and 依頼日 <= \"2025-03-31\" and "
            "管理センター in (\"東京\", \"大\\\"阪\")");
}

}  // namespace
}  // namespace teichaku::record_count
