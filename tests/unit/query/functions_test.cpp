// Date functions with a fixed clock: 2024-03-31T15:30:00Z, which is Monday 2024-04-01 00:30 in
// JST. Function meanings: DOC:query via kintone-api.md §5.3.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

TEST_F(QueryTest, TodayUsesTheCallerTimeZone) {
  EXPECT_EQ(ids("依頼日 = TODAY()"), (Ids{1}));      // 2024-04-01 in JST
  EXPECT_EQ(ids("依頼日 = YESTERDAY()"), (Ids{2}));  // 2024-03-31
  EXPECT_EQ(ids("依頼日 = TOMORROW()"), (Ids{}));    // 2024-04-02
  EvalContext utc = jstContext();
  utc.utcOffsetMinutes = 0;
  EXPECT_EQ(ids("依頼日 = TODAY()", utc), (Ids{2}));  // still 2024-03-31 in UTC
}

TEST_F(QueryTest, FromToday) {
  EXPECT_EQ(ids("依頼日 = FROM_TODAY(29, DAYS)"), (Ids{3}));         // 2024-04-30
  EXPECT_EQ(ids("依頼日 = FROM_TODAY(-1, DAYS)"), (Ids{2}));         // 2024-03-31
  EXPECT_EQ(ids("依頼日 > FROM_TODAY(-1, WEEKS)"), (Ids{1, 2, 3}));  // after 2024-03-25
  EXPECT_EQ(ids("依頼日 < FROM_TODAY(1, MONTHS)"), (Ids{1, 2, 3}));  // before 2024-05-01
  EXPECT_EQ(ids("依頼日 >= FROM_TODAY(1, YEARS)"), (Ids{}));         // from 2025-04-01
  EXPECT_EQ(ids("依頼日 >= FROM_TODAY(-1, YEARS)"), (Ids{1, 2, 3}));
}

TEST_F(QueryTest, WeekRunsSundayToSaturday) {
  // The week of Monday 2024-04-01 is Sunday 03-31 .. Saturday 04-06.
  EXPECT_EQ(ids("依頼日 = THIS_WEEK()"), (Ids{1, 2}));
  EXPECT_EQ(ids("依頼日 = THIS_WEEK(SUNDAY)"), (Ids{2}));
  EXPECT_EQ(ids("依頼日 = THIS_WEEK(MONDAY)"), (Ids{1}));
  EXPECT_EQ(ids("依頼日 = LAST_WEEK()"), (Ids{}));
  EXPECT_EQ(ids("依頼日 > LAST_WEEK(SATURDAY)"), (Ids{1, 2, 3}));  // after 2024-03-30
  EXPECT_EQ(ids("依頼日 < NEXT_WEEK()"), (Ids{1, 2}));             // before 2024-04-07
}

TEST_F(QueryTest, Months) {
  EXPECT_EQ(ids("依頼日 = THIS_MONTH()"), (Ids{1, 3}));
  EXPECT_EQ(ids("依頼日 = THIS_MONTH(1)"), (Ids{1}));
  EXPECT_EQ(ids("依頼日 = THIS_MONTH(LAST)"), (Ids{3}));  // 2024-04-30
  EXPECT_EQ(ids("依頼日 = LAST_MONTH()"), (Ids{2}));
  EXPECT_EQ(ids("依頼日 = LAST_MONTH(31)"), (Ids{2}));
  EXPECT_EQ(ids("依頼日 = NEXT_MONTH()"), (Ids{}));
  // April has no 31st: the day rolls to May 1 (kintone-api.md §5.3), so 04-30 is before it.
  EXPECT_EQ(ids("依頼日 = THIS_MONTH(31)"), (Ids{}));
  EXPECT_EQ(ids("依頼日 < THIS_MONTH(31)"), (Ids{1, 2, 3}));
}

TEST_F(QueryTest, Years) {
  EXPECT_EQ(ids("依頼日 = THIS_YEAR()"), (Ids{1, 2, 3}));
  EXPECT_EQ(ids("依頼日 = LAST_YEAR()"), (Ids{}));
  EXPECT_EQ(ids("依頼日 < NEXT_YEAR()"), (Ids{1, 2, 3}));
}

TEST_F(QueryTest, DateFunctionsOnDateTimeFields) {
  // TODAY() in JST = [2024-03-31T15:00Z, 2024-04-01T15:00Z).
  EXPECT_EQ(ids("作成日時 = TODAY()"), (Ids{1}));
  EXPECT_EQ(ids("作成日時 = YESTERDAY()"), (Ids{2}));
  EXPECT_EQ(ids("作成日時 = THIS_WEEK()"), (Ids{1, 2}));
  EXPECT_EQ(ids("作成日時 = NEXT_WEEK()"), (Ids{3}));  // 2024-04-07 09:00 JST
  EXPECT_EQ(ids("更新日時 >= TODAY()"), (Ids{1, 3}));
}

TEST_F(QueryTest, NowIsAnInstant) {
  EXPECT_EQ(ids("作成日時 < NOW()"), (Ids{1, 2}));
  EXPECT_EQ(ids("作成日時 > NOW()"), (Ids{3}));
  EXPECT_EQ(ids("面談日時 = NOW()"), (Ids{1}));
}

TEST(QueryMonthArithmetic, MissingDayIsClampedToMonthEnd) {
  MapSchema schema;
  schema.add("依頼日", FieldType::kDate);
  rapidjson::Document record;
  record.Parse(R"({"依頼日":{"type":"DATE","value":"2024-02-29"}})");
  EvalContext context;
  context.nowEpochSeconds = 1711854000;  // 2024-03-31T03:00:00Z = 2024-03-31 12:00 JST
  // 2024-03-31 minus one month has no 31st; we take February's last day (README).
  const ParseResult result = parse("依頼日 = FROM_TODAY(-1, MONTHS)", schema);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(matches(*result.query, record, context));
}

}  // namespace
}  // namespace teichaku::query::testing
