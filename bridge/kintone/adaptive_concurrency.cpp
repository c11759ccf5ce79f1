#include "kintone/adaptive_concurrency.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace teichaku::kintone {

namespace {

std::optional<int> parseInt(const std::string* text) {
  if (text == nullptr) {
    return std::nullopt;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

AdaptiveConcurrency::AdaptiveConcurrency(ConcurrencyConfig config)
    : config_(config), limit_(std::max(config.min, config.max)) {
  config_.min = std::max(1, config_.min);
  config_.max = std::max(config_.min, config_.max);
  limit_ = config_.max;
}

int AdaptiveConcurrency::limit() const {
  std::lock_guard lock(mutex_);
  return limit_;
}

void AdaptiveConcurrency::onResponse(long status, const std::string* runningHeader,
                                     const std::string* limitHeader) {
  std::lock_guard lock(mutex_);
  if (status == 429) {
    limit_ = std::max(config_.min, limit_ / 2);
    calmStreak_ = 0;
    return;
  }
  auto running = parseInt(runningHeader);
  auto domainLimit = parseInt(limitHeader);
  if (running && domainLimit && *domainLimit > 0 &&
      static_cast<double>(*running) >= config_.busyRatio * static_cast<double>(*domainLimit)) {
    limit_ = std::max(config_.min, limit_ - 1);
    calmStreak_ = 0;
    return;
  }
  if (status >= 200 && status < 300) {
    if (++calmStreak_ >= config_.raiseAfter) {
      limit_ = std::min(config_.max, limit_ + 1);
      calmStreak_ = 0;
    }
  }
}

}  // namespace teichaku::kintone
