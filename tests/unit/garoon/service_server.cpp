#include "service_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace teichaku::garoon::testing {

namespace {

emulator::Request toRequest(Poco::Net::HTTPServerRequest& in) {
  emulator::Request request;
  request.method = in.getMethod();
  Poco::URI uri(in.getURI());
  request.path = uri.getPath();
  for (const auto& [name, value] : uri.getQueryParameters()) {
    request.query.emplace_back(name, value);
  }
  for (const auto& [name, value] : in) {
    request.headers[Poco::toLower(name)] = value;
  }
  Poco::StreamCopier::copyToString(in.stream(), request.body);
  // As the emulator front end does (tests/emulator/core/http_server.cpp).
  if (const std::string* override = request.header("x-http-method-override");
      override != nullptr && request.method == "POST") {
    request.method = *override;
  }
  return request;
}

}  // namespace

struct ServiceServer::Impl {
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(ServiceServer& owner) : owner_(owner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
      ++owner_.requestsSeen_;
      emulator::Response response;
      const emulator::Request request = toRequest(in);
      if (owner_.failuresLeft_.fetch_sub(1) > 0) {
        response.status = 503;
        response.body = "{}";
      } else {
        response.status = 404;
        response.body = "{}";
        for (emulator::Service* service : owner_.impl_->services) {
          if (service->owns(request)) {
            response = service->handle(request);
            break;
          }
        }
      }
      out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
      out.setContentType(response.contentType);
      for (const auto& [name, value] : response.headers) {
        out.set(name, value);
      }
      out.setContentLength(static_cast<std::streamsize>(response.body.size()));
      out.send() << response.body;
    }

   private:
    ServiceServer& owner_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(ServiceServer& owner) : owner_(owner) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return new Handler(owner_);
    }

   private:
    ServiceServer& owner_;
  };

  std::vector<emulator::Service*> services;
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

ServiceServer::ServiceServer(std::vector<emulator::Service*> services)
    : impl_(std::make_unique<Impl>()) {
  impl_->services = std::move(services);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Impl::Factory(*this), impl_->socket,
                                                          new Poco::Net::HTTPServerParams);
  impl_->server->start();
}

ServiceServer::~ServiceServer() {
  impl_->server->stopAll(true);
}

std::string ServiceServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->socket.address().port());
}

}  // namespace teichaku::garoon::testing
