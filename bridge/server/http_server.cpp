#include "server/http_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <stdexcept>

#include "log/log.h"
#include "server/request_handler.h"

namespace teichaku::server {
namespace {

constexpr const char* kDefaultListen = "127.0.0.1:8710";
constexpr int kBacklog = 64;

ServerOptions checked(ServerOptions options) {
  if (!options.webhookSecret.empty() && options.webhookSecret.size() < kMinWebhookSecretLength) {
    throw std::invalid_argument("Webhook の秘密の文字列が短すぎます（" +
                                std::to_string(kMinWebhookSecretLength) + " 文字以上）");
  }
  // The secret is compared with the raw path, so it must need no percent-encoding: RFC 3986
  // unreserved characters only.
  auto unreserved = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
  };
  if (!std::all_of(options.webhookSecret.begin(), options.webhookSecret.end(), unreserved)) {
    throw std::invalid_argument("Webhook の秘密の文字列には英数字と - . _ ~ だけを使ってください");
  }
  if (options.maxBodyBytes <= 0) {
    throw std::invalid_argument("max_body_bytes は正の数にしてください");
  }
  if (options.maxThreads <= 0 || options.maxQueued <= 0 || options.timeoutSeconds <= 0) {
    throw std::invalid_argument(
        "HTTP サーバーのスレッド数・待ち行列・タイムアウトは正の数にしてください");
  }
  if (options.listen.empty()) {
    options.listen = kDefaultListen;
  }
  return options;
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions o, WebhookQueue& queue, Metrics& metrics, std::function<bool()> ready)
      : options(checked(std::move(o))),
        routes{options, PathSecret(options.webhookSecret), queue, metrics, std::move(ready)} {}

  ServerOptions options;
  Routes routes;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::uint16_t port = 0;
};

HttpServer::HttpServer(ServerOptions options, WebhookQueue& queue, Metrics& metrics,
                       std::function<bool()> ready)
    : impl_(std::make_unique<Impl>(std::move(options), queue, metrics, std::move(ready))) {
  log::redactor()->addSecret(impl_->options.webhookSecret);
  metrics.describe("teichaku_http_requests_total", "HTTP requests answered, by route and status");
  metrics.describe("teichaku_webhooks_total",
                   "kintone webhooks by result (queued, merged, dropped, ignored, invalid, "
                   "too_large, denied, broken)");
  metrics.describe("teichaku_webhook_queue_depth", "Records waiting to be re-read after a webhook");
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start() {
  if (impl_->server) {
    return;
  }
  const ServerOptions& options = impl_->options;
  Poco::Net::SocketAddress address(options.listen);
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  bool tls = !options.tlsCertFile.empty() || !options.tlsKeyFile.empty();
  if (tls) {
    // Poco reports a missing file or a key that does not match the certificate as an
    // SSLContextException here, at start, rather than on the first connection.
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tlsKeyFile,
                               options.tlsCertFile, "", Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(address, kBacklog, context);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>(address, kBacklog);
  }
  impl_->port = socket->address().port();

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(options.maxThreads);
  params->setMaxQueued(options.maxQueued);
  params->setTimeout(Poco::Timespan(options.timeoutSeconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(options.timeoutSeconds, 0));
  params->setServerName("teichaku-bridge");
  impl_->pool = std::make_unique<Poco::ThreadPool>(1, options.maxThreads);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new RequestHandlerFactory(impl_->routes),
                                                          *impl_->pool, *socket, params);
  impl_->server->start();
  log::info("HTTP_SERVER_STARTED", {{"address", socket->address().toString()},
                                    {"tls", tls ? "on" : "off"},
                                    {"webhook", impl_->routes.secret.empty() ? "off" : "on"}});
}

void HttpServer::stop() {
  if (!impl_->server) {
    return;
  }
  impl_->server->stopAll(true);
  impl_->server.reset();
  impl_->pool->joinAll();
  impl_->pool.reset();
  log::info("HTTP_SERVER_STOPPED", {});
}

std::uint16_t HttpServer::port() const {
  return impl_->port;
}

}  // namespace teichaku::server
