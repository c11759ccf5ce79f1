#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "emulator/service.h"

// A loopback HTTP server in front of emulator Services (Garoon, User API), for client tests.
// The tests build each service directly, with its own directory and settings (short Garoon
// pages), and read its control API in process; this small Poco server puts them on a socket.
// It can also answer the next N requests with 503, to exercise the client's retries.
namespace teichaku::garoon::testing {

class ServiceServer {
 public:
  explicit ServiceServer(std::vector<emulator::Service*> services);
  ~ServiceServer();
  ServiceServer(const ServiceServer&) = delete;
  ServiceServer& operator=(const ServiceServer&) = delete;

  std::string baseUrl() const;  // http://127.0.0.1:PORT
  void failNext(int count) { failuresLeft_ = count; }
  int requestsSeen() const { return requestsSeen_; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::atomic<int> failuresLeft_{0};
  std::atomic<int> requestsSeen_{0};
};

}  // namespace teichaku::garoon::testing
