#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>

#include "server/http_server.h"
#include "server/path_secret.h"

// Routing and answers for HttpServer; one handler object per request, all sharing a Routes.
namespace teichaku::server {

struct Routes {
  const ServerOptions& options;
  PathSecret secret;
  WebhookQueue& queue;
  Metrics& metrics;
  std::function<bool()> ready;
};

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Routes& routes) : routes_(routes) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  Routes& routes_;
};

class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RequestHandlerFactory(Routes& routes) : routes_(routes) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(routes_);
  }

 private:
  Routes& routes_;
};

}  // namespace teichaku::server
