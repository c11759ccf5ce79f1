#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/schedule_when.h"

// The daemon's scheduler: interval jobs and jobs at a Japan wall-clock time (daily,
// weekly, monthly). Each job runs on a named lane: one worker thread per lane runs its
// jobs one after the other, so jobs that share a store connection share a lane. A job
// never overlaps itself: while it is queued or running, a due time is skipped (and a
// trigger() is kept and runs it once more afterwards). A job that throws is logged
// (DAEMON_JOB_FAILED) and scheduled again as usual. The clock is injectable; tests call
// runDue() themselves instead of start().
namespace teichaku::daemon {

struct Trigger {
  enum class Kind { kInterval, kWallClock };
  Kind kind = Kind::kInterval;
  std::int64_t intervalMs = 0;
  bool runAtStart = false;  // interval: first run at once instead of after one interval
  config::WallClockSchedule wallClock;

  static Trigger every(std::chrono::milliseconds interval, bool runAtStart = false);
  static Trigger at(const config::WallClockSchedule& wallClock);
};

class Scheduler {
 public:
  using Clock = std::function<std::int64_t()>;  // unix milliseconds
  using Job = std::function<void()>;

  explicit Scheduler(Clock clock);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Adds a job, or replaces the trigger and work of the job with this name (a reload);
  // a replaced job that is running finishes first. The next due time counts from now.
  void add(const std::string& name, const std::string& lane, const Trigger& trigger, Job job);
  // Removes every job whose name starts with `prefix` (e.g. "plugin:" on reload).
  void removeWithPrefix(const std::string& prefix);
  // Asks for a run as soon as possible (e.g. the outbox right after an enqueue).
  void trigger(const std::string& name);
  // Queues one-off work on a lane, after what is queued there (e.g. applying reloaded
  // settings on the thread that uses them). Dropped once stop() began.
  void post(const std::string& lane, Job work);

  // Hands every due job to its lane; returns the names started. Called by the timer
  // thread every few hundred milliseconds, or directly by tests.
  std::vector<std::string> runDue();

  std::optional<std::int64_t> nextDue(const std::string& name) const;
  bool busy(const std::string& name) const;
  // Blocks until no job is queued or running.
  void waitIdle();

  // Starts the timer thread. stop(): no new runs; waits for the running jobs; joins.
  void start();
  void stop();

 private:
  struct Entry {
    std::string lane;
    Trigger trigger;
    std::shared_ptr<Job> job;
    std::int64_t next = 0;
    bool busy = false;
    bool triggered = false;
  };
  struct Lane {
    std::deque<std::function<void()>> queue;
    std::thread worker;
  };

  std::int64_t firstDue(const Trigger& trigger, std::int64_t now) const;
  void dispatchLocked(const std::string& name, Entry& entry);
  void startLaneLocked(const std::string& lane);
  void laneLoop(const std::string& lane);
  void timerLoop();

  Clock clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;  // timer thread, lane workers
  std::condition_variable idle_;
  std::map<std::string, Entry> jobs_;
  std::map<std::string, Lane> lanes_;
  std::size_t active_ = 0;  // queued or running runs
  bool stopping_ = false;
  std::thread timer_;
};

}  // namespace teichaku::daemon
