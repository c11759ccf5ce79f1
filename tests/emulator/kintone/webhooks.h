#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Sends kintone webhooks from a background thread so the triggering request is not
// delayed. Delivery rules follow kintone-api.md §7: one POST per event, no retry, at most
// `perMinute` notifications per domain per minute (the rest are dropped, as kintone logs
// GAIA_WT02 instead of sending).
namespace teichaku::emulator::kintone {

struct WebhookDelivery {
  std::string url;
  std::string type;
  std::string body;
  std::string result;  // "sent 200", "dropped: rate limit", "failed: ..."
};

class WebhookDispatcher {
 public:
  explicit WebhookDispatcher(int perMinute = 60);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void setPerMinute(int perMinute);
  // Applies the per-minute budget now (at the triggering action), then queues the POST.
  void enqueue(std::string url, std::string type, std::string body);
  // Deliveries so far in trigger order (sent, failed, dropped, or "pending").
  std::vector<WebhookDelivery> history() const;
  void clear();
  // Blocks until the queue is empty (tests).
  void drain();

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::size_t> queue_;         // indices into history_
  std::vector<WebhookDelivery> history_;  // in trigger order; results filled in when sent
  std::deque<std::chrono::steady_clock::time_point> recent_;
  int perMinute_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace teichaku::emulator::kintone
