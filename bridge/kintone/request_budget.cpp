#include "kintone/request_budget.h"

namespace teichaku::kintone {

RequestBudget::RequestBudget(BudgetConfig config, Clock clock)
    : config_(config), clock_(std::move(clock)) {}

std::int64_t RequestBudget::budgetDay(std::chrono::system_clock::time_point time) {
  return std::chrono::floor<std::chrono::days>(time).time_since_epoch().count();
}

int RequestBudget::usedLocked(const std::string& app, std::int64_t today) const {
  auto found = counts_.find(app);
  if (found == counts_.end() || found->second.day != today) {
    return 0;
  }
  return found->second.used;
}

bool RequestBudget::tryConsume(const std::string& app, bool urgent) {
  const std::int64_t today = budgetDay(clock_());
  std::lock_guard lock(mutex_);
  const int used = usedLocked(app, today);
  if (!urgent && used >= config_.ceiling) {
    return false;
  }
  counts_[app] = Count{today, used + 1};
  return true;
}

int RequestBudget::used(const std::string& app) const {
  const std::int64_t today = budgetDay(clock_());
  std::lock_guard lock(mutex_);
  return usedLocked(app, today);
}

void RequestBudget::restore(const std::string& app, int used,
                            std::chrono::system_clock::time_point savedAt) {
  const std::int64_t day = budgetDay(savedAt);
  if (day != budgetDay(clock_())) {
    return;
  }
  std::lock_guard lock(mutex_);
  counts_[app] = Count{day, used};
}

}  // namespace teichaku::kintone
