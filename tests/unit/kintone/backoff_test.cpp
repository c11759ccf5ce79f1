#include "kintone/backoff.h"

#include <gtest/gtest.h>

using std::chrono::milliseconds;
using std::chrono::seconds;

namespace teichaku::kintone {
namespace {

RetryPolicy policy() {
  RetryPolicy p;
  p.base = milliseconds(100);
  p.cap = milliseconds(1000);
  p.maxRetryAfter = seconds(30);
  return p;
}

// Full jitter: uniform(0, min(cap, base * 2^n)) — reliability.md §3.4.
TEST(BackoffTest, UpperBoundDoublesUntilTheCap) {
  Backoff top(policy(), [] { return 0.999999; });
  EXPECT_EQ(top.delay(0, std::nullopt), milliseconds(99));   // window 100
  EXPECT_EQ(top.delay(1, std::nullopt), milliseconds(199));  // window 200
  EXPECT_EQ(top.delay(3, std::nullopt), milliseconds(799));  // window 800
  EXPECT_EQ(top.delay(4, std::nullopt), milliseconds(999));  // 1600 capped to 1000
  EXPECT_EQ(top.delay(1000, std::nullopt), milliseconds(999));
}

TEST(BackoffTest, LowerBoundIsZero) {
  Backoff bottom(policy(), [] { return 0.0; });
  EXPECT_EQ(bottom.delay(5, std::nullopt), milliseconds(0));
}

TEST(BackoffTest, MidpointIsHalfTheWindow) {
  Backoff mid(policy(), [] { return 0.5; });
  EXPECT_EQ(mid.delay(2, std::nullopt), milliseconds(200));  // window 400
}

TEST(BackoffTest, RetryAfterIsTheMinimumPlusAtMostOneBaseOfJitter) {
  Backoff low(policy(), [] { return 0.0; });
  Backoff high(policy(), [] { return 0.5; });
  EXPECT_EQ(low.delay(0, seconds(5)), milliseconds(5000));
  EXPECT_EQ(high.delay(0, seconds(5)), milliseconds(5050));
  EXPECT_EQ(low.delay(0, seconds(-3)), milliseconds(0));        // a past date: clamp
  EXPECT_EQ(low.delay(0, seconds(3600)), milliseconds(30000));  // clamp to maxRetryAfter
}

TEST(BackoffTest, DefaultSourceStaysInRange) {
  auto uniform = defaultUniform01();
  for (int i = 0; i < 1000; ++i) {
    double u = uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace teichaku::kintone
