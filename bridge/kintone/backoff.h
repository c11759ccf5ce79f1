#pragma once

#include <chrono>
#include <functional>
#include <optional>

// Full-jitter exponential backoff (AWS Architecture Blog "Exponential Backoff and Jitter",
// via reliability.md §3.4): sleep = uniform(0, min(cap, base·2^n)).
namespace teichaku::kintone {

struct RetryPolicy {
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds cap{60000};
  int maxAttempts = 8;  // sends per logical request, the first included
  std::chrono::milliseconds maxTotal{std::chrono::minutes(10)};  // waiting, per request
  std::chrono::seconds maxRetryAfter{600};  // a larger Retry-After is clamped to this
};

class Backoff {
 public:
  using Uniform01 = std::function<double()>;  // a value in [0, 1)

  Backoff(RetryPolicy policy, Uniform01 uniform);

  // Delay before retry number `retryIndex` (0 = the first retry). A Retry-After from the
  // server is the minimum; up to one `base` of jitter is added so that clients told the
  // same time do not return together.
  std::chrono::milliseconds delay(int retryIndex,
                                  std::optional<std::chrono::seconds> retryAfter) const;

  const RetryPolicy& policy() const { return policy_; }

 private:
  RetryPolicy policy_;
  Uniform01 uniform_;
};

// A thread-safe uniform source seeded from std::random_device.
Backoff::Uniform01 defaultUniform01();

}  // namespace teichaku::kintone
