#include "kintone/webhooks.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

namespace teichaku::emulator::kintone {

WebhookDispatcher::WebhookDispatcher(int perMinute)
    : perMinute_(perMinute), worker_([this] { run(); }) {}

WebhookDispatcher::~WebhookDispatcher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void WebhookDispatcher::setPerMinute(int perMinute) {
  std::lock_guard lock(mutex_);
  perMinute_ = perMinute;
}

void WebhookDispatcher::enqueue(std::string url, std::string type, std::string body) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  while (!recent_.empty() && now - recent_.front() >= std::chrono::minutes(1)) {
    recent_.pop_front();
  }
  WebhookDelivery delivery{std::move(url), std::move(type), std::move(body), "pending"};
  if (static_cast<int>(recent_.size()) >= perMinute_) {
    delivery.result = "dropped: rate limit";
    history_.push_back(std::move(delivery));
    return;
  }
  recent_.push_back(now);
  history_.push_back(std::move(delivery));
  queue_.push_back(history_.size() - 1);
  wake_.notify_all();
}

std::vector<WebhookDelivery> WebhookDispatcher::history() const {
  std::lock_guard lock(mutex_);
  return history_;
}

void WebhookDispatcher::clear() {
  std::unique_lock lock(mutex_);
  queue_.clear();
  idle_.wait(lock, [this] { return !busy_; });
  history_.clear();
  recent_.clear();
}

void WebhookDispatcher::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void WebhookDispatcher::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) {
      return;
    }
    std::size_t index = queue_.front();
    queue_.pop_front();
    WebhookDelivery delivery = history_[index];
    busy_ = true;
    lock.unlock();
    try {
      Poco::URI uri(delivery.url);
      Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
      session.setTimeout(Poco::Timespan(10, 0));
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathEtc(),
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(delivery.body.size()));
      session.sendRequest(request) << delivery.body;
      Poco::Net::HTTPResponse response;
      session.receiveResponse(response).ignore(1 << 20);
      delivery.result = "sent " + std::to_string(static_cast<int>(response.getStatus()));
    } catch (const Poco::Exception& e) {
      // No retry: kintone only records the failure in the webhook log (kintone-api.md §7).
      delivery.result = "failed: " + e.displayText();
    }
    lock.lock();
    if (index < history_.size()) {
      history_[index].result = std::move(delivery.result);
    }
    busy_ = false;
    if (queue_.empty()) {
      idle_.notify_all();
    }
  }
}

}  // namespace teichaku::emulator::kintone
