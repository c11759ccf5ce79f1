#include "daemon/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "daemon/jst_time.h"

namespace teichaku::daemon {
namespace {

// Unix milliseconds of a UTC wall-clock time, written out by hand for each test
// (days since 1970-01-01 from the civil calendar; JST = UTC+9).
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
// 2025-01-31T00:00:00Z = day 20119 since the epoch.
constexpr std::int64_t k20250131Utc = 20119LL * 86'400'000;

config::WallClockSchedule parse(const std::string& text) {
  std::string error;
  auto s = config::parseWallClockSchedule(text, error);
  EXPECT_TRUE(s.has_value()) << error;
  return s.value_or(config::WallClockSchedule{});
}

TEST(WallClockDue, DailyAtJstTimeCrossesUtcMidnight) {
  // 02:30 JST is 17:30 UTC of the day before.
  const auto daily = parse("daily 02:30");
  // From 2025-01-31 00:00 UTC (09:00 JST): next is 2025-02-01 02:30 JST = 2025-01-31 17:30 UTC.
  EXPECT_EQ(nextWallClockDue(daily, k20250131Utc), k20250131Utc + 17 * kHour + 30 * kMinute);
  // Exactly at the due time: the next one is a day later (strictly after).
  const std::int64_t due = k20250131Utc + 17 * kHour + 30 * kMinute;
  EXPECT_EQ(nextWallClockDue(daily, due), due + 24 * kHour);
  EXPECT_EQ(nextWallClockDue(daily, due - 1), due);
}

TEST(WallClockDue, MonthlyOnTheFirstAtSixJst) {
  const auto monthly = parse("monthly:1 06:00");
  // From 2025-01-31 00:00 UTC: 2025-02-01 06:00 JST = 2025-01-31 21:00 UTC.
  EXPECT_EQ(nextWallClockDue(monthly, k20250131Utc), k20250131Utc + 21 * kHour);
}

TEST(WallClockDue, MonthlyOnADayTheMonthLacksRunsOnItsLastDay) {
  const auto monthly = parse("monthly:31 06:00");
  // After 2025-01-31 06:00 JST (= 2025-01-30 21:00 UTC), the next is February's last day,
  // 2025-02-28 06:00 JST = 2025-02-27 21:00 UTC = day 20146 + 21 h.
  const std::int64_t january = k20250131Utc - 3 * kHour;  // 2025-01-30T21:00Z
  EXPECT_EQ(nextWallClockDue(monthly, january), 20146LL * 86'400'000 + 21 * kHour);
  // 2024 is a leap year: 2024-02-29 06:00 JST = 2024-02-28 21:00 UTC, day 19781.
  const std::int64_t jan2024 = 19753LL * 86'400'000;  // 2024-01-31T00:00Z
  EXPECT_EQ(nextWallClockDue(monthly, jan2024), 19781LL * 86'400'000 + 21 * kHour);
}

TEST(WallClockDue, WeeklyOnMonday) {
  // 2025-01-31 is a Friday. Next Monday 07:00 JST is 2025-02-03 07:00 JST =
  // 2025-02-02 22:00 UTC (day 20121).
  EXPECT_EQ(nextWallClockDue(parse("weekly:mon 07:00"), k20250131Utc),
            20121LL * 86'400'000 + 22 * kHour);
}

TEST(WallClockDue, JstDateIsAheadOfUtcAfterFifteenHundred) {
  EXPECT_EQ(jstDate(k20250131Utc + 14 * kHour + 59 * kMinute).toString(), "2025-01-31");
  EXPECT_EQ(jstDate(k20250131Utc + 15 * kHour).toString(), "2025-02-01");
}

TEST(WallClockParse, RejectsMalformedForms) {
  for (const char* bad : {"daily 2:30", "daily 24:00", "weekly:mo 07:00", "monthly:0 06:00",
                          "monthly:32 06:00", "hourly 01:00", "daily  02:30", "daily"}) {
    std::string error;
    EXPECT_FALSE(config::parseWallClockSchedule(bad, error).has_value()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

class FakeClock {
 public:
  std::int64_t now() const { return now_.load(); }
  void advance(std::int64_t ms) { now_ += ms; }
  void set(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_{k20250131Utc};
};

TEST(Scheduler, IntervalJobRunsAtStartThenEveryInterval) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  std::atomic<int> runs{0};
  s.add("poll", "main", Trigger::every(std::chrono::minutes(5), true), [&] { ++runs; });
  EXPECT_EQ(s.runDue(), std::vector<std::string>{"poll"});
  s.waitIdle();
  EXPECT_EQ(runs.load(), 1);
  clock.advance(5 * kMinute - 1);
  EXPECT_TRUE(s.runDue().empty());
  clock.advance(1);
  EXPECT_EQ(s.runDue().size(), 1u);
  s.waitIdle();
  EXPECT_EQ(runs.load(), 2);
  // Missed due times (the machine slept 20 minutes) give one run, not four.
  clock.advance(20 * kMinute);
  EXPECT_EQ(s.runDue().size(), 1u);
  EXPECT_TRUE(s.runDue().empty());
  s.waitIdle();
  EXPECT_EQ(runs.load(), 3);
  EXPECT_EQ(s.nextDue("poll"), clock.now() + 5 * kMinute);
}

TEST(Scheduler, NightlyJobRunsOnceAtJstTimeAcrossMidnight) {
  FakeClock clock;
  clock.set(k20250131Utc + 17 * kHour);  // 2025-02-01 02:00 JST
  Scheduler s([&] { return clock.now(); });
  std::atomic<int> runs{0};
  s.add("nightly", "main", Trigger::at(parse("daily 02:30")), [&] { ++runs; });
  EXPECT_EQ(s.nextDue("nightly"), k20250131Utc + 17 * kHour + 30 * kMinute);
  clock.advance(29 * kMinute);
  EXPECT_TRUE(s.runDue().empty());
  clock.advance(kMinute);
  EXPECT_EQ(s.runDue().size(), 1u);
  clock.advance(kHour);
  EXPECT_TRUE(s.runDue().empty());
  s.waitIdle();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(s.nextDue("nightly"), k20250131Utc + (24 + 17) * kHour + 30 * kMinute);
}

// A job that blocks until released, to observe overlap.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(m_);
    entered_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  void awaitEntered() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return entered_; });
  }
  void open() {
    std::lock_guard lock(m_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool entered_ = false;
  bool open_ = false;
};

TEST(Scheduler, AJobNeverOverlapsItselfAndATriggerRunsItOnceMoreAfterwards) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  Gate gate;
  std::atomic<int> runs{0};
  std::atomic<int> concurrent{0};
  std::atomic<int> maxConcurrent{0};
  s.add("outbox", "outbox", Trigger::every(std::chrono::seconds(1), true), [&] {
    int now = ++concurrent;
    maxConcurrent = std::max(maxConcurrent.load(), now);
    if (++runs == 1) {
      gate.wait();
    }
    --concurrent;
  });
  EXPECT_EQ(s.runDue().size(), 1u);
  gate.awaitEntered();
  EXPECT_TRUE(s.busy("outbox"));
  for (int i = 0; i < 5; ++i) {
    clock.advance(1000);
    EXPECT_TRUE(s.runDue().empty()) << "still running: due time skipped";
  }
  s.trigger("outbox");
  EXPECT_TRUE(s.runDue().empty()) << "a trigger waits for the run in progress";
  gate.open();
  s.waitIdle();
  EXPECT_EQ(s.runDue(), std::vector<std::string>{"outbox"});  // the kept trigger
  s.waitIdle();
  EXPECT_EQ(runs.load(), 2);
  EXPECT_EQ(maxConcurrent.load(), 1);
}

TEST(Scheduler, JobsOnOtherLanesRunWhileOneIsBusy) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  Gate gate;
  std::atomic<int> drains{0};
  s.add("poll", "main", Trigger::every(std::chrono::minutes(5), true), [&] { gate.wait(); });
  s.add("outbox", "outbox", Trigger::every(std::chrono::seconds(1), true), [&] { ++drains; });
  EXPECT_EQ(s.runDue().size(), 2u);
  gate.awaitEntered();
  // The first drain runs on its own thread; until it has returned the outbox job is
  // still busy and is (rightly) not started again, so wait for it before the next tick.
  for (int i = 0; i < 400 && (drains.load() < 1 || s.busy("outbox")); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(drains.load(), 1);
  clock.advance(1000);
  EXPECT_EQ(s.runDue(), std::vector<std::string>{"outbox"});
  for (int i = 0; i < 200 && drains.load() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(drains.load(), 2) << "the outbox lane is not held up by the poll";
  gate.open();
  s.waitIdle();
}

TEST(Scheduler, AThrowingJobIsLoggedAndRunsAgainNextTime) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  std::atomic<int> runs{0};
  s.add("directory", "directory", Trigger::every(std::chrono::minutes(60), true), [&] {
    ++runs;
    throw std::runtime_error("cybozu.com に接続できません");
  });
  s.runDue();
  s.waitIdle();
  EXPECT_FALSE(s.busy("directory"));
  clock.advance(60 * kMinute);
  EXPECT_EQ(s.runDue().size(), 1u);
  s.waitIdle();
  EXPECT_EQ(runs.load(), 2);
}

TEST(Scheduler, ReplacingAJobKeepsOneEntryWithTheNewTrigger) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  std::atomic<int> oldRuns{0};
  std::atomic<int> newRuns{0};
  s.add("poll", "main", Trigger::every(std::chrono::minutes(5)), [&] { ++oldRuns; });
  s.add("poll", "main", Trigger::every(std::chrono::minutes(1)), [&] { ++newRuns; });
  EXPECT_EQ(s.nextDue("poll"), clock.now() + kMinute);
  clock.advance(kMinute);
  EXPECT_EQ(s.runDue().size(), 1u);
  s.waitIdle();
  EXPECT_EQ(oldRuns.load(), 0);
  EXPECT_EQ(newRuns.load(), 1);
  s.add("plugin:a", "plugins", Trigger::every(std::chrono::minutes(1)), [] {});
  s.add("plugin:b", "plugins", Trigger::every(std::chrono::minutes(1)), [] {});
  s.removeWithPrefix("plugin:");
  EXPECT_FALSE(s.nextDue("plugin:a").has_value());
  EXPECT_FALSE(s.nextDue("plugin:b").has_value());
  EXPECT_TRUE(s.nextDue("poll").has_value());
}

TEST(Scheduler, StopWaitsForTheRunningJobAndStartsNoMore) {
  FakeClock clock;
  Scheduler s([&] { return clock.now(); });
  Gate gate;
  std::atomic<bool> finished{false};
  s.add("poll", "main", Trigger::every(std::chrono::seconds(1), true), [&] {
    gate.wait();
    finished = true;
  });
  s.runDue();
  gate.awaitEntered();
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gate.open();
  });
  s.stop();
  EXPECT_TRUE(finished.load()) << "stop() returned before the job in flight finished";
  opener.join();
  clock.advance(10'000);
  EXPECT_TRUE(s.runDue().empty());
}

}  // namespace
}  // namespace teichaku::daemon
