#include "daemon/scheduler.h"

#include <algorithm>
#include <exception>

#include "daemon/jst_time.h"
#include "log/log.h"

namespace teichaku::daemon {

Trigger Trigger::every(std::chrono::milliseconds interval, bool runAtStart) {
  Trigger t;
  t.kind = Kind::kInterval;
  t.intervalMs = std::max<std::int64_t>(1, interval.count());
  t.runAtStart = runAtStart;
  return t;
}

Trigger Trigger::at(const config::WallClockSchedule& wallClock) {
  Trigger t;
  t.kind = Kind::kWallClock;
  t.wallClock = wallClock;
  return t;
}

Scheduler::Scheduler(Clock clock) : clock_(std::move(clock)) {}

Scheduler::~Scheduler() {
  stop();
}

std::int64_t Scheduler::firstDue(const Trigger& trigger, std::int64_t now) const {
  if (trigger.kind == Trigger::Kind::kWallClock) {
    return nextWallClockDue(trigger.wallClock, now);
  }
  return trigger.runAtStart ? now : now + trigger.intervalMs;
}

void Scheduler::add(const std::string& name, const std::string& lane, const Trigger& trigger,
                    Job job) {
  const std::int64_t now = clock_();
  std::lock_guard lock(mutex_);
  Entry& entry = jobs_[name];
  entry.lane = lane;
  entry.trigger = trigger;
  entry.job = std::make_shared<Job>(std::move(job));
  entry.next = firstDue(trigger, now);
  wake_.notify_all();
}

void Scheduler::removeWithPrefix(const std::string& prefix) {
  std::lock_guard lock(mutex_);
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    it = it->first.rfind(prefix, 0) == 0 ? jobs_.erase(it) : std::next(it);
  }
}

void Scheduler::trigger(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (auto it = jobs_.find(name); it != jobs_.end()) {
    it->second.triggered = true;
    wake_.notify_all();
  }
}

std::vector<std::string> Scheduler::runDue() {
  const std::int64_t now = clock_();
  std::vector<std::string> started;
  std::lock_guard lock(mutex_);
  if (stopping_) {
    return started;
  }
  for (auto& [name, entry] : jobs_) {
    const bool due = now >= entry.next;
    if (!due && !entry.triggered) {
      continue;
    }
    if (due) {
      // Missed due times are not made up: the next one counts from now.
      if (entry.trigger.kind == Trigger::Kind::kWallClock) {
        entry.next = nextWallClockDue(entry.trigger.wallClock, now);
      } else {
        entry.next += entry.trigger.intervalMs;
        if (entry.next <= now) {
          entry.next = now + entry.trigger.intervalMs;
        }
      }
    }
    if (entry.busy) {
      if (due) {
        log::debug("DAEMON_JOB_SKIPPED", {{"job", name}});
      }
      continue;  // a trigger stays set and runs once the current run ends
    }
    entry.triggered = false;
    dispatchLocked(name, entry);
    started.push_back(name);
  }
  return started;
}

void Scheduler::dispatchLocked(const std::string& name, Entry& entry) {
  entry.busy = true;
  ++active_;
  std::shared_ptr<Job> job = entry.job;
  Lane& lane = lanes_[entry.lane];
  lane.queue.push_back([this, name, job] {
    const auto began = std::chrono::steady_clock::now();
    try {
      (*job)();
    } catch (const std::exception& e) {
      log::error("DAEMON_JOB_FAILED", {{"job", name}, {"reason", e.what()}});
    } catch (...) {
      log::error("DAEMON_JOB_FAILED", {{"job", name}, {"reason", "unknown exception"}});
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - began)
                        .count();
    log::debug("DAEMON_JOB_DONE", {{"job", name}, {"ms", static_cast<std::int64_t>(ms)}});
    std::lock_guard lock(mutex_);
    if (auto it = jobs_.find(name); it != jobs_.end()) {
      it->second.busy = false;
    }
    --active_;
    idle_.notify_all();
    wake_.notify_all();
  });
  startLaneLocked(entry.lane);
}

void Scheduler::startLaneLocked(const std::string& laneName) {
  Lane& lane = lanes_[laneName];
  if (!lane.worker.joinable()) {
    lane.worker = std::thread([this, laneName] { laneLoop(laneName); });
  }
  wake_.notify_all();
}

void Scheduler::post(const std::string& laneName, Job work) {
  std::lock_guard lock(mutex_);
  if (stopping_) {
    return;
  }
  ++active_;
  lanes_[laneName].queue.push_back([this, laneName, work = std::move(work)] {
    try {
      work();
    } catch (const std::exception& e) {
      log::error("DAEMON_JOB_FAILED", {{"job", "post:" + laneName}, {"reason", e.what()}});
    }
    std::lock_guard done(mutex_);
    --active_;
    idle_.notify_all();
  });
  startLaneLocked(laneName);
}

void Scheduler::laneLoop(const std::string& laneName) {
  std::unique_lock lock(mutex_);
  Lane& lane = lanes_[laneName];
  for (;;) {
    wake_.wait(lock, [&] { return !lane.queue.empty() || stopping_; });
    if (lane.queue.empty()) {
      return;  // stopping, and nothing queued
    }
    auto work = std::move(lane.queue.front());
    lane.queue.pop_front();
    lock.unlock();
    work();
    lock.lock();
  }
}

bool Scheduler::busy(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(name);
  return it != jobs_.end() && it->second.busy;
}

std::optional<std::int64_t> Scheduler::nextDue(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(name);
  if (it == jobs_.end()) {
    return std::nullopt;
  }
  return it->second.next;
}

void Scheduler::waitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return active_ == 0; });
}

void Scheduler::timerLoop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    runDue();
    lock.lock();
    // Wall-clock time may jump (NTP); a short wait keeps due times accurate enough.
    wake_.wait_for(lock, std::chrono::milliseconds(250), [&] {
      if (stopping_) {
        return true;
      }
      return std::any_of(jobs_.begin(), jobs_.end(),
                         [](const auto& j) { return j.second.triggered && !j.second.busy; });
    });
  }
}

void Scheduler::start() {
  std::lock_guard lock(mutex_);
  if (!timer_.joinable() && !stopping_) {
    timer_ = std::thread([this] { timerLoop(); });
  }
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    // Runs queued but not yet started are dropped; the running ones finish.
    for (auto& [name, lane] : lanes_) {
      active_ -= lane.queue.size();
      lane.queue.clear();
    }
    for (auto& [name, entry] : jobs_) {
      entry.busy = false;
    }
    wake_.notify_all();
    idle_.notify_all();
  }
  if (timer_.joinable()) {
    timer_.join();
  }
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    for (auto& [name, lane] : lanes_) {
      if (lane.worker.joinable()) {
        workers.push_back(std::move(lane.worker));
      }
    }
  }
  for (auto& w : workers) {
    w.join();
  }
}

}  // namespace teichaku::daemon
