#include "server/webhook_queue.h"

#include <stdexcept>

namespace teichaku::server {

WebhookQueue::WebhookQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) {
    throw std::invalid_argument("WebhookQueue capacity must be positive");
  }
}

bool WebhookQueue::push(const WebhookNotice& notice) {
  PushResult result = offer(notice);
  return result == PushResult::kQueued || result == PushResult::kMerged;
}

PushResult WebhookQueue::offer(const WebhookNotice& notice) {
  Key key{notice.appId, notice.recordId};
  PushResult result;
  {
    std::lock_guard lock(mutex_);
    if (auto it = waiting_.find(key); it != waiting_.end()) {
      it->second = notice.type;
      return PushResult::kMerged;
    }
    if (waiting_.size() >= capacity_) {
      result = overflow_ ? PushResult::kDropped : PushResult::kOverflowed;
      overflow_ = true;
    } else {
      waiting_.emplace(key, notice.type);
      order_.push_back(key);
      result = PushResult::kQueued;
    }
  }
  changed_.notify_all();
  return result;
}

std::vector<WebhookNotice> WebhookQueue::drain(std::size_t max) {
  std::lock_guard lock(mutex_);
  std::vector<WebhookNotice> out;
  while (out.size() < max && !order_.empty()) {
    Key key = order_.front();
    order_.pop_front();
    auto it = waiting_.find(key);
    out.push_back(WebhookNotice{key.first, key.second, std::move(it->second)});
    waiting_.erase(it);
  }
  return out;
}

bool WebhookQueue::takeOverflow() {
  std::lock_guard lock(mutex_);
  bool was = overflow_;
  overflow_ = false;
  return was;
}

std::size_t WebhookQueue::size() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

bool WebhookQueue::waitForWork(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return !waiting_.empty() || overflow_; });
}

}  // namespace teichaku::server
