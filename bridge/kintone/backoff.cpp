#include "kintone/backoff.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>

namespace teichaku::kintone {

Backoff::Backoff(RetryPolicy policy, Uniform01 uniform)
    : policy_(policy), uniform_(std::move(uniform)) {}

std::chrono::milliseconds Backoff::delay(int retryIndex,
                                         std::optional<std::chrono::seconds> retryAfter) const {
  const double u = std::clamp(uniform_(), 0.0, 1.0);
  if (retryAfter) {
    auto minimum = std::clamp(*retryAfter, std::chrono::seconds(0), policy_.maxRetryAfter);
    auto jitter = std::chrono::milliseconds(
        static_cast<std::int64_t>(u * static_cast<double>(policy_.base.count())));
    return std::chrono::duration_cast<std::chrono::milliseconds>(minimum) + jitter;
  }
  // 2^n stops mattering once it passes the cap; limiting n keeps the double finite.
  const int exponent = std::clamp(retryIndex, 0, 40);
  const double window =
      std::min(static_cast<double>(policy_.cap.count()),
               static_cast<double>(policy_.base.count()) * std::ldexp(1.0, exponent));
  return std::chrono::milliseconds(static_cast<std::int64_t>(u * window));
}

Backoff::Uniform01 defaultUniform01() {
  struct State {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
    std::uniform_real_distribution<double> distribution{0.0, 1.0};
  };
  auto state = std::make_shared<State>();
  return [state] {
    std::lock_guard lock(state->mutex);
    return state->distribution(state->engine);
  };
}

}  // namespace teichaku::kintone
