#pragma once

#include <mutex>
#include <string>

// How many requests we keep in flight. kintone allows 100 concurrent requests per domain,
// shared with every user and integration, and reports the current figure in
// X-ConcurrencyLimit-Running on every response (kintone-api.md §1.4, §2; reliability.md §3.3).
// We start at `max`, halve on 429, step down when the domain is busy, and step back up
// slowly after a run of calm successes (additive increase, multiplicative decrease).
namespace teichaku::kintone {

struct ConcurrencyConfig {
  int max = 4;
  int min = 1;
  double busyRatio = 0.8;  // Running / Limit at or above this counts as busy
  int raiseAfter = 20;     // calm successes needed before the limit goes up by one
};

class AdaptiveConcurrency {
 public:
  explicit AdaptiveConcurrency(ConcurrencyConfig config);

  int limit() const;
  // runningHeader / limitHeader: the X-ConcurrencyLimit-* values, or null when absent.
  void onResponse(long status, const std::string* runningHeader, const std::string* limitHeader);

 private:
  ConcurrencyConfig config_;
  mutable std::mutex mutex_;
  int limit_;
  int calmStreak_ = 0;
};

}  // namespace teichaku::kintone
