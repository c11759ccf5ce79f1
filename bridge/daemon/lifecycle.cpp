#include "daemon/lifecycle.h"

#include <exception>

#include "log/log.h"

namespace teichaku::daemon {

Lifecycle::~Lifecycle() {
  stopAll();
}

void Lifecycle::start(const std::string& name, const std::function<void()>& start,
                      std::function<void()> stop) {
  if (start) {
    start();
  }
  names_.push_back(name);
  stops_.push_back(std::move(stop));
  log::debug("DAEMON_SUBSYSTEM_STARTED", {{"subsystem", name}});
}

void Lifecycle::stopAll() {
  while (!names_.empty()) {
    const std::string name = names_.back();
    auto stop = std::move(stops_.back());
    names_.pop_back();
    stops_.pop_back();
    try {
      if (stop) {
        stop();
      }
      log::debug("DAEMON_SUBSYSTEM_STOPPED", {{"subsystem", name}});
    } catch (const std::exception& e) {
      log::error("DAEMON_STOP_FAILED", {{"subsystem", name}, {"reason", e.what()}});
    }
  }
}

}  // namespace teichaku::daemon
