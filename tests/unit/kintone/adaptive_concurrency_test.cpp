#include "kintone/adaptive_concurrency.h"

#include <gtest/gtest.h>

// X-ConcurrencyLimit-Running/Limit on every response; 429 GAIA_TO04 over 100 per domain
// (kintone-api.md §1.4, §2).
namespace teichaku::kintone {
namespace {

TEST(AdaptiveConcurrencyTest, HalvesOn429AndNeverGoesBelowMin) {
  AdaptiveConcurrency c({8, 1, 0.8, 3});
  EXPECT_EQ(c.limit(), 8);
  c.onResponse(429, nullptr, nullptr);
  EXPECT_EQ(c.limit(), 4);
  c.onResponse(429, nullptr, nullptr);
  c.onResponse(429, nullptr, nullptr);
  c.onResponse(429, nullptr, nullptr);
  EXPECT_EQ(c.limit(), 1);
}

TEST(AdaptiveConcurrencyTest, StepsDownWhenTheDomainIsBusy) {
  AdaptiveConcurrency c({4, 1, 0.8, 3});
  const std::string limit = "100";
  const std::string busy = "80";
  const std::string calm = "79";
  c.onResponse(200, &busy, &limit);
  EXPECT_EQ(c.limit(), 3);
  c.onResponse(200, &calm, &limit);
  EXPECT_EQ(c.limit(), 3);
}

TEST(AdaptiveConcurrencyTest, RaisesSlowlyAfterCalmSuccesses) {
  AdaptiveConcurrency c({4, 1, 0.8, 3});
  c.onResponse(429, nullptr, nullptr);
  EXPECT_EQ(c.limit(), 2);
  const std::string limit = "100";
  const std::string calm = "10";
  c.onResponse(200, &calm, &limit);
  c.onResponse(200, &calm, &limit);
  EXPECT_EQ(c.limit(), 2);
  c.onResponse(200, &calm, &limit);
  EXPECT_EQ(c.limit(), 3);
  for (int i = 0; i < 30; ++i) {
    c.onResponse(200, &calm, &limit);
  }
  EXPECT_EQ(c.limit(), 4);  // never above max
}

TEST(AdaptiveConcurrencyTest, GarbledHeadersAreIgnored) {
  AdaptiveConcurrency c({4, 1, 0.8, 100});
  const std::string garbage = "lots";
  const std::string limit = "100";
  c.onResponse(200, &garbage, &limit);
  EXPECT_EQ(c.limit(), 4);
}

}  // namespace
}  // namespace teichaku::kintone
