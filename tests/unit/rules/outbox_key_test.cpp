#include "rules/outbox_key.h"

#include <gtest/gtest.h>

namespace teichaku::rules {
namespace {

TEST(OutboxKeyTest, SameInputsGiveTheSameKeyWrittenByHand) {
  EXPECT_EQ(outboxKey("share", "shares", "12", "7", "destination"),
            "share:shares:12:7:destination");
  EXPECT_EQ(outboxKey("share", "shares", "12", "7", "destination"),
            outboxKey("share", "shares", "12", "7", "destination"));
  EXPECT_EQ(outboxKey("release", "cases", "3", "2026-04-01"), "release:cases:3:2026-04-01");
}

TEST(OutboxKeyTest, EveryPartChangesTheKey) {
  const std::string base = outboxKey("share", "shares", "12", "7", "sender");
  EXPECT_NE(base, outboxKey("receipt", "shares", "12", "7", "sender"));
  EXPECT_NE(base, outboxKey("share", "cases", "12", "7", "sender"));
  EXPECT_NE(base, outboxKey("share", "shares", "13", "7", "sender"));
  EXPECT_NE(base, outboxKey("share", "shares", "12", "8", "sender"));
  EXPECT_NE(base, outboxKey("share", "shares", "12", "7", "destination"));
}

TEST(OutboxKeyTest, SeparatorsInsideAPartCannotForgeAnotherKey) {
  // Without escaping both would be "a:b:c:d:e".
  EXPECT_NE(outboxKey("a", "b", "c", "d", "e"), outboxKey("a", "b", "c", "d:e"));
  EXPECT_EQ(outboxKey("a", "b", "c", "d:e"), "a:b:c:d%3Ae");
  EXPECT_EQ(outboxKey("a", "b", "c", "100%"), "a:b:c:100%25");
}

}  // namespace
}  // namespace teichaku::rules
