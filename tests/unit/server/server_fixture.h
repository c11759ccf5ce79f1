#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http_client.h"
#include "server/http_server.h"

// A real HttpServer on 127.0.0.1 with a free port, a capturing log channel and a libcurl client.
namespace teichaku::server::testing {

inline const std::string kSecret = "Zk3q9V_pL0aYw7TnR2cXe5HbM8uJ1sDg";  // 32 characters
inline constexpr std::int64_t kKnownApp = 12;

class CapturingChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard lock(mutex_);
    lines_.push_back(message.getText());
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  bool contains(const std::string& text) const {
    for (const auto& line : lines()) {
      if (line.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    logger().setChannel(channel_);
    logger().setLevel(Poco::Message::PRIO_DEBUG);
  }

  void TearDown() override {
    if (server_) {
      server_->stop();
    }
    // Whatever a test did, no log line may carry the secret (nor any part of the path after
    // the webhook prefix).
    EXPECT_FALSE(channel_->contains(kSecret));
    EXPECT_FALSE(channel_->contains(kSecret.substr(0, 16)));
    logger().setChannel(nullptr);
  }

  static Poco::Logger& logger() { return Poco::Logger::get("teichaku"); }

  ServerOptions defaults() const {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.webhookSecret = kSecret;
    options.knownAppIds = {kKnownApp, 13};
    return options;
  }

  void start(ServerOptions options, std::size_t queueCapacity = 1000) {
    queue_ = std::make_unique<WebhookQueue>(queueCapacity);
    server_ = std::make_unique<HttpServer>(std::move(options), *queue_, metrics_,
                                           [this] { return readyAnswer(); });
    server_->start();
  }
  void start() { start(defaults()); }

  bool readyAnswer() {
    if (readyThrows_) {
      throw std::runtime_error("store is closed");
    }
    return ready_;
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  std::string hookUrl() const { return url("/hooks/kintone/" + kSecret); }

  Poco::AutoPtr<CapturingChannel> channel_{new CapturingChannel};
  Metrics metrics_;
  std::unique_ptr<WebhookQueue> queue_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<bool> ready_{true};
  std::atomic<bool> readyThrows_{false};
  HttpClient client_;
};

// A well-formed UPDATE_RECORD webhook for (app, record), shape from reference/kintone-api.md §7.
inline std::string updateWebhook(std::int64_t app, std::int64_t record,
                                 const std::string& extraFields = "") {
  std::string a = std::to_string(app);
  std::string r = std::to_string(record);
  return R"({"id":"5c4b3a29-0000-4000-8000-)" +
         std::string(12 - std::min<std::size_t>(12, r.size()), '0') + r +
         R"(","type":"UPDATE_RECORD","app":{"id":")" + a +
         R"(","name":"ケース"},"record":{"$id":{"type":"__ID__","value":")" + r +
         R"("},"$revision":{"type":"__REVISION__","value":"2"})" + extraFields +
         R"(},"recordTitle":"","url":"https://example.cybozu.com/k/)" + a + "/show#record=" + r +
         R"("})";
}

}  // namespace teichaku::server::testing
