// Conditions on subtable fields. Semantics observed on real kintone (OBS:emu-query, summarised
// in kintone-api.md §5.2): positive operators match if any row matches, negative ones when the
// table has rows and all rows satisfy, `and` on one table's fields must hold on the same row,
// and a record without rows matches neither.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

TEST_F(QueryTest, PositiveOperatorMatchesAnyRow) {
  EXPECT_EQ(ids("内容 in (\"訪問\")"), (Ids{2}));  // record 1 has 電話相談, 自宅訪問
  EXPECT_EQ(ids("内容 like \"訪問\""), (Ids{1, 2}));
  EXPECT_EQ(ids("区分 in (\"電話\")"), (Ids{1}));
  EXPECT_EQ(ids("記録日 >= \"2024-03-10\""), (Ids{1, 2}));
  EXPECT_EQ(ids("記録日 < \"2024-03-10\""), (Ids{1}));
}

TEST_F(QueryTest, NegativeOperatorNeedsRowsAndEveryRow) {
  EXPECT_EQ(ids("区分 not in (\"電話\")"), (Ids{2}));  // 3 and 4 have no rows
  EXPECT_EQ(ids("区分 not in (\"訪問\")"), (Ids{}));
  EXPECT_EQ(ids("内容 not like \"電話\""), (Ids{2}));
}

TEST_F(QueryTest, AndOnOneTableHoldsOnTheSameRow) {
  // Record 1: row 10 = (電話, 03-01), row 11 = (訪問, 03-15). Each condition alone matches it,
  // but no single row satisfies both.
  EXPECT_EQ(ids("区分 in (\"電話\")"), (Ids{1}));
  EXPECT_EQ(ids("記録日 > \"2024-03-10\""), (Ids{1, 2}));
  EXPECT_EQ(ids("区分 in (\"電話\") and 記録日 > \"2024-03-10\""), (Ids{}));
  EXPECT_EQ(ids("記録日 > \"2024-03-10\" and 区分 in (\"訪問\")"), (Ids{1, 2}));
  EXPECT_EQ(ids("区分 in (\"訪問\") and 年齢 > 20 and 内容 like \"自宅\""), (Ids{1}));
}

TEST_F(QueryTest, OrOnOneTableMayUseDifferentRows) {
  EXPECT_EQ(ids("区分 in (\"電話\") or 記録日 > \"2024-03-16\""), (Ids{1, 2}));
}

}  // namespace
}  // namespace teichaku::query::testing
