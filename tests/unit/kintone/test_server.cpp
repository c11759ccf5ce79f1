#include "test_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace teichaku::kintone::testing {

class TestServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(TestServer& server) : server_(server) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(server_);
  }

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(TestServer& server) : server_(server) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
      int now = ++server_.concurrent_;
      int seen = server_.maxConcurrent_.load();
      while (now > seen && !server_.maxConcurrent_.compare_exchange_weak(seen, now)) {
      }
      RecordedRequest recorded;
      recorded.method = request.getMethod();
      recorded.uri = request.getURI();
      for (const auto& [name, value] : request) {
        recorded.headers[Poco::toLower(name)] = value;
      }
      Poco::StreamCopier::copyToString(request.stream(), recorded.body);
      recorded.clientPort = request.clientAddress().port();
      server_.record(recorded);
      server_.handler_(recorded, request, response);
      --server_.concurrent_;
    }

   private:
    TestServer& server_;
  };

  TestServer& server_;
};

TestServer::TestServer(Handler handler, const TlsFiles* tls) : handler_(std::move(handler)) {
  Poco::Net::ServerSocket socket;
  if (tls != nullptr) {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tls->privateKey,
                               tls->certificate, "", Poco::Net::Context::VERIFY_NONE);
    socket = Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
  } else {
    socket = Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
  }
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(16);
  params->setKeepAlive(true);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
  server_->start();
}

TestServer::~TestServer() {
  stopping_ = true;
  server_->stopAll(true);
}

std::string TestServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

std::uint16_t TestServer::port() const {
  return server_->port();
}

void TestServer::record(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
}

std::vector<RecordedRequest> TestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t TestServer::requestCount() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

void TestServer::pause(int ms) const {
  for (int waited = 0; waited < ms && !stopping_; waited += 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void TestServer::sendJson(Poco::Net::HTTPServerResponse& response, int status,
                          const std::string& json) {
  response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json; charset=utf-8");
  response.setContentLength(static_cast<std::streamsize>(json.size()));
  response.add("X-ConcurrencyLimit-Limit", "100");
  response.add("X-ConcurrencyLimit-Running", "1");
  response.send() << json;
}

void TestServer::resetConnection(Poco::Net::HTTPServerRequest& request) {
  Poco::Net::StreamSocket& socket =
      static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  socket.setLinger(true, 0);
  socket.close();
}

}  // namespace teichaku::kintone::testing
