#include "sync/checkpoint.h"

#include <gtest/gtest.h>

namespace teichaku::sync {
namespace {

TEST(CheckpointTest, IsoUtcRoundTripsAndRejectsOtherForms) {
  // 2024-02-29T23:59:00Z = 19782 days * 86400 + 86340 s (days counted with `date -d`).
  EXPECT_EQ(parseIsoUtc("2024-02-29T23:59:00Z"), 19782LL * 86400 + 86340);
  EXPECT_EQ(formatIsoUtc(19782LL * 86400 + 86340), "2024-02-29T23:59:00Z");
  EXPECT_EQ(parseIsoUtc("1970-01-01T00:00:00Z"), 0);
  EXPECT_FALSE(parseIsoUtc("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(parseIsoUtc("2024-01-01T00:00:00+09:00"));
  EXPECT_FALSE(parseIsoUtc("2024-01-01"));
}

TEST(CheckpointTest, MinuteOfFloorsSeconds) {
  std::chrono::system_clock::time_point t{std::chrono::seconds(19782LL * 86400 + 86399)};
  EXPECT_EQ(minuteOf(t), "2024-02-29T23:59:00Z");
}

TEST(CheckpointTest, SerialisesAndParsesAScanInProgress) {
  Checkpoint cp{"2026-01-01T00:00:00Z",
                ScanProgress{false, "2025-12-31T23:58:00Z", 1234, "2026-01-01T00:05:00Z",
                             "2026-01-01T00:04:00Z"}};
  Checkpoint back = parseCheckpoint(serializeCheckpoint(cp));
  EXPECT_EQ(back.since, cp.since);
  ASSERT_TRUE(back.scan);
  EXPECT_FALSE(back.scan->full);
  EXPECT_EQ(back.scan->window, "2025-12-31T23:58:00Z");
  EXPECT_EQ(back.scan->afterId, 1234);
  EXPECT_EQ(back.scan->start, "2026-01-01T00:05:00Z");
  EXPECT_EQ(back.scan->maxSeen, "2026-01-01T00:04:00Z");
  EXPECT_FALSE(parseCheckpoint(serializeCheckpoint({"x", std::nullopt})).scan);
}

TEST(CheckpointTest, UnreadableCheckpointMeansStartOver) {
  EXPECT_EQ(parseCheckpoint(std::nullopt).since, "");
  EXPECT_EQ(parseCheckpoint(std::string("not json")).since, "");
  EXPECT_FALSE(parseCheckpoint(std::string("[1]")).scan);
}

}  // namespace
}  // namespace teichaku::sync
