#include "kintone/request_budget.h"

#include <gtest/gtest.h>

// 10,000 requests per app per day, reset at 09:00 JST (kintone-api.md §2).
namespace teichaku::kintone {
namespace {

using std::chrono::system_clock;

// 2025-11-22T00:00:00Z = 1763769600 s = day 20414 since 1970-01-01 (checked with Python's
// datetime). JST = UTC+9, so this instant is 09:00 JST.
system_clock::time_point utc(std::int64_t secondsSinceEpoch) {
  return system_clock::time_point(std::chrono::seconds(secondsSinceEpoch));
}
constexpr std::int64_t kNov22Utc = 1763769600;

TEST(RequestBudgetTest, ResetsAtNineJst) {
  system_clock::time_point now = utc(kNov22Utc - 1);  // 2025-11-22 08:59:59 JST
  RequestBudget budget({10000, 3}, [&] { return now; });
  EXPECT_TRUE(budget.tryConsume("5", false));
  EXPECT_TRUE(budget.tryConsume("5", false));
  EXPECT_EQ(budget.used("5"), 2);
  now = utc(kNov22Utc);  // 09:00:00 JST: a new budget day
  EXPECT_EQ(budget.used("5"), 0);
  EXPECT_TRUE(budget.tryConsume("5", false));
  EXPECT_EQ(budget.used("5"), 1);
  now = utc(kNov22Utc + 86399);  // 2025-11-23 08:59:59 JST: same budget day
  EXPECT_EQ(budget.used("5"), 1);
}

TEST(RequestBudgetTest, CeilingStopsNonUrgentOnly) {
  system_clock::time_point now = utc(kNov22Utc + 3600);
  RequestBudget budget({10000, 2}, [&] { return now; });
  EXPECT_TRUE(budget.tryConsume("5", false));
  EXPECT_TRUE(budget.tryConsume("5", false));
  EXPECT_FALSE(budget.tryConsume("5", false));
  EXPECT_EQ(budget.used("5"), 2);  // a refused request is not counted
  EXPECT_TRUE(budget.tryConsume("5", true));
  EXPECT_EQ(budget.used("5"), 3);
  EXPECT_TRUE(budget.tryConsume("6", false));  // per app
}

TEST(RequestBudgetTest, RestoreOnlyWithinTheSameDay) {
  system_clock::time_point now = utc(kNov22Utc + 3600);
  RequestBudget budget({10000, 8000}, [&] { return now; });
  budget.restore("5", 120, utc(kNov22Utc + 10));
  EXPECT_EQ(budget.used("5"), 120);
  budget.restore("6", 50, utc(kNov22Utc - 10));  // saved before 09:00 JST: stale
  EXPECT_EQ(budget.used("6"), 0);
}

TEST(RequestBudgetTest, BudgetDayIsTheUtcDate) {
  EXPECT_EQ(RequestBudget::budgetDay(utc(kNov22Utc)), 20414);
  EXPECT_EQ(RequestBudget::budgetDay(utc(kNov22Utc - 1)), 20413);
}

}  // namespace
}  // namespace teichaku::kintone
