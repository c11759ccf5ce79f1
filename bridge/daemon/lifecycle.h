#pragma once

#include <functional>
#include <string>
#include <vector>

// Subsystems are started in order and stopped in the reverse order, so nothing is
// stopped while something started after it may still use it (the HTTP server stops
// taking webhooks before the rule engine goes, the store closes last).
namespace teichaku::daemon {

class Lifecycle {
 public:
  Lifecycle() = default;
  Lifecycle(const Lifecycle&) = delete;
  Lifecycle& operator=(const Lifecycle&) = delete;
  ~Lifecycle();

  // Runs `start` now; if it throws, nothing is remembered and the exception passes on.
  // `stop` (may be empty) runs in stopAll().
  void start(const std::string& name, const std::function<void()>& start,
             std::function<void()> stop);
  // Stops everything started, last first. A stop that throws is logged and the others
  // still stop. Safe to call twice.
  void stopAll();

  const std::vector<std::string>& started() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::function<void()>> stops_;
};

}  // namespace teichaku::daemon
