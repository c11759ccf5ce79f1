#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "kintone/adaptive_concurrency.h"
#include "kintone/auth.h"
#include "kintone/curl_handles.h"
#include "kintone/http_types.h"

// Sends HttpRequests with libcurl. One I/O thread drives one multi handle, so connections,
// DNS and TLS sessions are reused and HTTP/2 streams multiplexed without sharing handles
// between threads (reliability.md §3.2, §3.3). Callers get a future per request.
namespace teichaku::kintone {

struct TransportConfig {
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::milliseconds totalTimeout{120000};  // includes time queued in the multi handle
  long lowSpeedBytesPerSecond = 1024;              // stall: below this for lowSpeedTime
  std::chrono::seconds lowSpeedTime{30};
  std::size_t maxResponseBytes = 64u * 1024u * 1024u;
  std::chrono::seconds maxConnectionLifetime{3600};
  // nullopt: libcurl's own environment lookup; "" turns proxies off; else the proxy URL.
  std::optional<std::string> proxy;
  std::optional<std::string> caInfo;  // extra CA bundle file (tests use a private CA)
  std::optional<ClientCertificate> clientCertificate;
  ConcurrencyConfig concurrency;
  // When set, receives libcurl's header trace with secret header values masked. Bodies are
  // never traced: they hold personal data.
  std::function<void(std::string_view)> trace;
};

class Transport {
 public:
  explicit Transport(TransportConfig config);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  std::future<HttpResponse> submit(HttpRequest request);

  int concurrencyLimit() const { return concurrency_.limit(); }
  int maxInFlightSeen() const;  // highest number of transfers run at once

  struct Transfer;  // one request in flight; defined in transport.cpp

 private:
  void run();
  void startQueued();
  void start(std::unique_ptr<Transfer> transfer);
  void finish(CURL* easy, CURLcode code);
  void cancelAll();
  bool configure(Transfer& transfer);

  TransportConfig config_;
  AdaptiveConcurrency concurrency_;
  CurlMulti multi_;

  mutable std::mutex mutex_;
  std::deque<std::unique_ptr<Transfer>> queue_;
  bool stopping_ = false;
  int maxInFlightSeen_ = 0;

  std::map<CURL*, std::unique_ptr<Transfer>> active_;  // I/O thread only
  std::thread thread_;
};

}  // namespace teichaku::kintone
