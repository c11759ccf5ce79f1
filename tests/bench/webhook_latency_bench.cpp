// Webhook-to-Garoon latency on loopback (issue #5: goal p99 < 1 s). The real programs:
// cybozu-emulator sends a kintone webhook for every share set to 送信 to the real
// `teichaku-bridge run`, which re-reads the share, decides, and notifies the destination
// centre in Garoon. Per share: from just before the kintone write to the moment the
// emulator has received the Garoon notification for it.
//
// Run: build/bench/webhook_latency_bench [--shares N] [--interval-ms M]
// kintone caps webhooks at 60 a minute per app (kintone-api.md §7); the emulator's cap is
// raised here so the daemon, not the cap, is measured.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon_world.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kNotificationRoute = "/g/api/v1/notification/items";

struct Options {
  std::size_t shares = 200;
  int intervalMs = 20;
};

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--shares") {
      o.shares = static_cast<std::size_t>(std::stoul(argv[i + 1]));
    } else if (name == "--interval-ms") {
      o.intervalMs = std::stoi(argv[i + 1]);
    } else {
      throw std::invalid_argument("不明なオプションです: " + name);
    }
  }
  return o;
}

double percentile(std::vector<double> sorted, double p) {
  std::sort(sorted.begin(), sorted.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

// Watches the emulator: the request counter is cheap to read, the full request history is
// fetched only when the counter moved.
class ArrivalWatcher {
 public:
  explicit ArrivalWatcher(teichaku::e2e::DaemonWorld& world) : world_(world) {}

  void run(const std::atomic<bool>& stop) {
    long seen = 0;
    while (!stop.load()) {
      const long count = world_.routeCount(kNotificationRoute);
      if (count != seen) {
        seen = count;
        const auto now = Clock::now();
        std::lock_guard lock(mutex_);
        for (const auto& r : world_.garoonRequests()) {
          if (r.status == 200 && !arrivals_.contains(r.notificationKey)) {
            arrivals_[r.notificationKey] = now;
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  std::map<std::string, Clock::time_point> arrivals() {
    std::lock_guard lock(mutex_);
    return arrivals_;
  }

 private:
  teichaku::e2e::DaemonWorld& world_;
  std::mutex mutex_;
  std::map<std::string, Clock::time_point> arrivals_;
};

int measure(const Options& options) {
  teichaku::e2e::WorldOptions worldOptions;
  worldOptions.webhookRatePerMinute = 1000000;
  worldOptions.logLevel = "notice";
  teichaku::e2e::DaemonWorld world(worldOptions);
  const auto shares = world.addShares(world.addTokyoCases(options.shares));
  world.startDaemon();
  if (!world.waitReady(std::chrono::seconds(120))) {
    std::cerr << "teichaku-bridge run が準備完了になりません。\n";
    return 1;
  }

  ArrivalWatcher watcher(world);
  std::atomic<bool> stop{false};
  std::thread watching([&] { watcher.run(stop); });
  std::vector<Clock::time_point> written;
  for (const auto& id : shares) {
    written.push_back(Clock::now());
    world.setText("104", id, "共有状況", "送信");
    std::this_thread::sleep_for(std::chrono::milliseconds(options.intervalMs));
  }
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (watcher.arrivals().size() < shares.size() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  watching.join();
  const int stopped = world.stopDaemon();

  const auto arrivals = watcher.arrivals();
  std::vector<double> latencies;
  std::size_t missing = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    auto it = arrivals.find("share:shares:" + shares[i] + ":destination");
    if (it == arrivals.end()) {
      ++missing;
      continue;
    }
    latencies.push_back(std::chrono::duration<double, std::milli>(it->second - written[i]).count());
  }
  if (latencies.empty()) {
    std::cerr << "Garoon 通知が1件も届きませんでした。\n";
    return 1;
  }
  const double p50 = percentile(latencies, 0.50);
  const double p99 = percentile(latencies, 0.99);
  std::printf(
      "shares=%zu interval_ms=%d delivered=%zu missing=%zu p50_ms=%.1f p99_ms=%.1f max_ms=%.1f "
      "p99_over_goal=%.3f (goal p99 < 1000 ms) daemon_exit=%d\n",
      shares.size(), options.intervalMs, latencies.size(), missing, p50, p99,
      percentile(latencies, 1.0), p99 / 1000.0, stopped);
  return missing == 0 && stopped == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return measure(parseOptions(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "計測できませんでした: " << e.what() << "\n";
    return 1;
  }
}
