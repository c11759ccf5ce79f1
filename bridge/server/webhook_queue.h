#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "server/webhook_notice.h"

// Records waiting to be re-read because a webhook named them. Bounded twice: a record that
// is already waiting is not queued again (its latest type is kept), and past `capacity`
// distinct records new ones are dropped and the overflow flag is set, so the daemon runs an
// incremental poll instead. A storm of forged webhooks therefore costs at most `capacity`
// entries of memory and one re-read per record per drain (reliability.md §5.5, P15).
namespace teichaku::server {

enum class PushResult {
  kQueued,      // a new record is waiting
  kMerged,      // the record was already waiting
  kOverflowed,  // dropped; the first drop since the flag was last taken
  kDropped,     // dropped while the overflow flag was already set
};

class WebhookQueue {
 public:
  explicit WebhookQueue(std::size_t capacity);  // capacity > 0

  // True when the notice is waiting (queued or merged), false when it was dropped.
  bool push(const WebhookNotice& notice);
  PushResult offer(const WebhookNotice& notice);

  // Up to `max` waiting notices, oldest first; they are no longer waiting afterwards.
  std::vector<WebhookNotice> drain(std::size_t max);
  // Whether anything was dropped since the last call; clears the flag.
  bool takeOverflow();
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }

  // Blocks until a notice is waiting, the overflow flag is set, or `timeout` passes; returns
  // whether there is work. Lets the daemon react within milliseconds instead of polling.
  bool waitForWork(std::chrono::milliseconds timeout);

 private:
  using Key = std::pair<std::int64_t, std::int64_t>;  // (app, record)

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Key> order_;
  std::map<Key, std::string> waiting_;  // key -> latest type
  bool overflow_ = false;
};

}  // namespace teichaku::server
