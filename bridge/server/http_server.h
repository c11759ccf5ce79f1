#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "server/metrics.h"
#include "server/webhook_queue.h"

// The daemon's HTTP endpoint (issue #5): kintone webhooks, health and readiness probes and
// Prometheus metrics, on Poco::Net::HTTPServer with a bounded thread pool and queue.
//   POST /hooks/kintone/<secret>  webhook → WebhookQueue (docs/webhooks.md)
//   GET  /healthz                 200 while the process runs
//   GET  /readyz                  200 when ready(), else 503
//   GET  /metrics                 Prometheus text format 0.0.4
// Anything else is 404 (a wrong webhook secret gets the very same 404); a known path with the
// wrong method is 405.
namespace teichaku::server {

// 128 bits written in hex (ASVS 5.0 11.5.1; reliability.md §5.5): a shorter secret is refused,
// as is one with characters outside A-Z a-z 0-9 - . _ ~ (it would need percent-encoding).
inline constexpr std::size_t kMinWebhookSecretLength = 32;

struct ServerOptions {
  std::string listen;         // "host:port"; empty = "127.0.0.1:8710"; port 0 = any free port
  std::string webhookSecret;  // empty = no webhook route
  std::string tlsCertFile;    // both set = HTTPS (PEM files)
  std::string tlsKeyFile;
  std::int64_t maxBodyBytes = 1048576;  // kintone's own payload limit is 1 MB
  std::set<std::int64_t> knownAppIds;   // webhooks for other apps are ignored
  int maxThreads = 8;                   // concurrent connections served
  int maxQueued = 64;                   // accepted connections waiting for a thread
  int timeoutSeconds = 10;              // per socket read/write: slow clients are cut off
};

class HttpServer {
 public:
  // Throws std::invalid_argument for a webhook secret that is too short or has characters
  // outside the URL's unreserved set, or for a non-positive limit. Registers the secret with the
  // log redactor.
  HttpServer(ServerOptions options, WebhookQueue& queue, Metrics& metrics,
             std::function<bool()> ready);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; throws Poco::Exception when the address cannot be bound or the
  // TLS files cannot be loaded.
  void start();
  // Stops accepting and waits for requests in flight. Idempotent; the destructor calls it.
  void stop();
  std::uint16_t port() const;  // the bound port, valid after start()

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace teichaku::server
