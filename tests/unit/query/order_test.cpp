// order by and the default order ($id descending: DOC:query via kintone-api.md §5.1).
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

class QueryOrderTest : public QueryTest {
 protected:
  std::vector<int> sortedIds(std::string_view text) {
    const Query query = parseOk(text);
    std::vector<const rapidjson::Value*> records;
    for (const auto& record : records_.GetArray()) {
      records.push_back(&record);
    }
    sortRecords(records, query.orderBy);
    std::vector<int> result;
    for (const auto* record : records) {
      result.push_back(std::stoi((*record)["$id"]["value"].GetString()));
    }
    return result;
  }
};

TEST_F(QueryOrderTest, DefaultIsIdDescending) {
  EXPECT_EQ(sortedIds(""), (Ids{4, 3, 2, 1}));
  const std::vector<OrderKey> order = defaultOrderBy();
  ASSERT_EQ(order.size(), 1u);
  EXPECT_EQ(order[0].field.code, "$id");
  EXPECT_TRUE(order[0].descending);
}

TEST_F(QueryOrderTest, NumbersSortNumericallyEmptyFirst) {
  // 年齢: r1 45, r2 9, r3 100, r4 "" (as text "100" < "45" < "9").
  EXPECT_EQ(sortedIds("order by 年齢 asc"), (Ids{4, 2, 1, 3}));
  EXPECT_EQ(sortedIds("order by 年齢 desc"), (Ids{3, 1, 2, 4}));
}

TEST_F(QueryOrderTest, DatesAndUsers) {
  EXPECT_EQ(sortedIds("order by 依頼日 asc"), (Ids{4, 2, 1, 3}));
  EXPECT_EQ(sortedIds("order by 作成日時 desc"), (Ids{3, 1, 2, 4}));
  // CREATOR sorts by login code; ties keep input order (stable).
  EXPECT_EQ(sortedIds("order by 作成者 asc"), (Ids{4, 1, 3, 2}));
}

TEST_F(QueryOrderTest, SeveralKeys) {
  // 女性 (U+5973) sorts before 男性 (U+7537) by code point; within 男性, 年齢 descending.
  EXPECT_EQ(sortedIds("order by 性別 asc, 年齢 desc"), (Ids{4, 2, 3, 1}));
  EXPECT_EQ(sortedIds("order by レコード番号 desc"), (Ids{4, 3, 2, 1}));
}

TEST_F(QueryOrderTest, CompareIsThreeWay) {
  const Query query = parseOk("order by 年齢 asc");
  const auto& records = records_.GetArray();
  EXPECT_LT(compare(query.orderBy, records[1], records[0]), 0);  // 9 < 45
  EXPECT_GT(compare(query.orderBy, records[2], records[0]), 0);  // 100 > 45
  EXPECT_EQ(compare(query.orderBy, records[0], records[0]), 0);
}

}  // namespace
}  // namespace teichaku::query::testing
