#include "emulator/cybozu/iso_time.h"

#include <gtest/gtest.h>

namespace teichaku::emulator::cybozu {
namespace {

std::int64_t epoch(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// garoon-cybozu-api.md A3: RFC 3339 with an offset, e.g. 2017-09-27T14:00:00+09:00.
TEST(IsoTime, ParsesOffsetsToTheSameInstant) {
  const auto tokyo = parseRfc3339("2017-09-27T14:00:00+09:00");
  const auto utc = parseRfc3339("2017-09-27T05:00:00Z");
  ASSERT_TRUE(tokyo && utc);
  EXPECT_EQ(epoch(*tokyo), epoch(*utc));
  EXPECT_EQ(epoch(*utc), 1506488400);  // date -u -d 2017-09-27T05:00:00Z +%s
}

TEST(IsoTime, AcceptsFractionRejectsPartialOrInvalid) {
  EXPECT_TRUE(parseRfc3339("2022-10-19T00:10:30.123Z"));
  EXPECT_FALSE(parseRfc3339("2022-10-19"));
  EXPECT_FALSE(parseRfc3339("2022-10-19T00:10:30"));  // no zone
  EXPECT_FALSE(parseRfc3339("2022-02-30T00:00:00Z"));
  EXPECT_FALSE(parseRfc3339("yesterday"));
}

// B3: ctime/mtime look like 2019-04-01T00:33:58Z.
TEST(IsoTime, FormatsUtcWithZ) {
  EXPECT_EQ(formatIsoUtc(TimePoint(std::chrono::seconds(1554078838))), "2019-04-01T00:33:58Z");
}

}  // namespace
}  // namespace teichaku::emulator::cybozu
