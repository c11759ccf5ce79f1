#include "core/http_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <thread>

namespace teichaku::emulator {
namespace {

Request toRequest(Poco::Net::HTTPServerRequest& in) {
  Request request;
  request.method = in.getMethod();
  Poco::URI uri(in.getURI());
  request.path = uri.getPath();
  for (const auto& [name, value] : uri.getQueryParameters()) {
    request.query.emplace_back(name, value);
  }
  for (const auto& [name, value] : in) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, inserted] = request.headers.emplace(lower, value);
    if (!inserted) {
      // A repeated header (e.g. several X-Cybozu-API-Token) joins like a comma list.
      it->second += "," + value;
    }
  }
  Poco::StreamCopier::copyToString(in.stream(), request.body);
  // X-HTTP-Method-Override on POST runs the named method's API (kintone-api.md §1.2).
  if (const std::string* override = request.header("x-http-method-override");
      override != nullptr && request.method == "POST") {
    request.method = *override;
  }
  return request;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Emulator& emulator) : emulator_(emulator) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    Emulator::Served served;
    try {
      served = emulator_.serve(toRequest(in));
    } catch (const Poco::Exception& e) {
      // An unparsable URI or a broken request body: answer instead of dropping the socket.
      served.response.status = 400;
      served.response.contentType = "text/plain; charset=utf-8";
      served.response.body = "Bad Request: " + e.displayText();
    }
    const Response& response = served.response;
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.contentType);
    for (const auto& [name, value] : response.headers) {
      out.set(name, value);
    }
    const std::string& body = response.body;
    out.setContentLength(static_cast<std::streamsize>(body.size()));
    const FaultDecision& fault = served.fault;
    if (fault.action == FaultAction::kReset || fault.action == FaultAction::kTruncate) {
      out.setKeepAlive(false);
      std::ostream& stream = out.send();
      stream.write(body.data(), static_cast<std::streamsize>(body.size() / 2));
      stream.flush();
      if (fault.action == FaultAction::kReset) {
        // SO_LINGER {1, 0} then close sends a TCP RST (reliability.md §2.1 reset_peer).
        auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket();
        socket.setLinger(true, 0);
        socket.close();
      }
      return;
    }
    if (fault.trickleBytes > 0) {
      std::ostream& stream = out.send();
      for (std::size_t offset = 0; offset < body.size() && stream.good();
           offset += static_cast<std::size_t>(fault.trickleBytes)) {
        std::size_t n =
            std::min(body.size() - offset, static_cast<std::size_t>(fault.trickleBytes));
        stream.write(body.data() + offset, static_cast<std::streamsize>(n));
        stream.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(fault.trickleDelayMs));
      }
      return;
    }
    out.sendBuffer(body.data(), body.size());
  }

 private:
  Emulator& emulator_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Emulator& emulator) : emulator_(emulator) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(emulator_);
  }

 private:
  Emulator& emulator_;
};

}  // namespace

struct HttpServer::Impl {
  Emulator& emulator;
  ServerOptions options;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::uint16_t port = 0;
  bool tls = false;
};

HttpServer::HttpServer(Emulator& emulator, ServerOptions options)
    : impl_(
          std::make_unique<Impl>(Impl{emulator, std::move(options), nullptr, nullptr, 0, false})) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start() {
  Poco::Net::SocketAddress address(impl_->options.host, impl_->options.port);
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  impl_->tls = !impl_->options.tlsCertFile.empty() && !impl_->options.tlsKeyFile.empty();
  if (impl_->tls) {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, impl_->options.tlsKeyFile,
                               impl_->options.tlsCertFile, "", Poco::Net::Context::VERIFY_NONE);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 64, context);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>(address, 64);
  }
  impl_->port = socket->address().port();
  int threads = impl_->options.maxThreads > 0 ? impl_->options.maxThreads : 116;
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, threads);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(256);
  params->setKeepAlive(true);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->emulator),
                                                          *impl_->pool, *socket, params);
  impl_->server->start();
}

void HttpServer::stop() {
  if (impl_->server) {
    impl_->server->stopAll(true);
    impl_->server.reset();
    impl_->pool->joinAll();
    impl_->pool.reset();
  }
}

std::uint16_t HttpServer::port() const {
  return impl_->port;
}

std::string HttpServer::baseUrl() const {
  return std::string(impl_->tls ? "https" : "http") + "://" + impl_->options.host + ":" +
         std::to_string(impl_->port);
}

}  // namespace teichaku::emulator
