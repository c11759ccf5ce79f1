#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

// kintone counts API requests per app per day (10,000 on the Standard course) and resets
// the count at 09:00 JST (kintone-api.md §2; reliability.md §4.1). Going over is not
// refused by kintone but mails the administrator, and the count is shared with every user
// and integration of the app, so we stay below a ceiling of our own.
namespace teichaku::kintone {

struct BudgetConfig {
  int dailyLimit = 10000;
  // Past this many requests of ours on one app in one budget day, non-urgent requests are
  // refused with Retry; urgent ones still go.
  int ceiling = 8000;
};

class RequestBudget {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit RequestBudget(BudgetConfig config, Clock clock = std::chrono::system_clock::now);

  // Counts one request and returns true, or returns false (nothing counted) when a
  // non-urgent request would go past the ceiling.
  bool tryConsume(const std::string& app, bool urgent);

  int used(const std::string& app) const;  // this budget day
  // Restores a count saved before a restart (only if it was saved in the current day).
  void restore(const std::string& app, int used, std::chrono::system_clock::time_point savedAt);

  const BudgetConfig& config() const { return config_; }

  // 09:00 JST is 00:00 UTC (JST = UTC+9, no daylight saving), so a budget day is a UTC day.
  static std::int64_t budgetDay(std::chrono::system_clock::time_point time);

 private:
  struct Count {
    std::int64_t day = 0;
    int used = 0;
  };
  int usedLocked(const std::string& app, std::int64_t today) const;

  BudgetConfig config_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Count> counts_;
};

}  // namespace teichaku::kintone
