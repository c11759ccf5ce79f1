#include "recording_front.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>

namespace teichaku::ops_testing {

struct RecordingFront::Impl {
  explicit Impl(emulator::Emulator& e) : emulator(e) {}
  emulator::Emulator& emulator;
  mutable std::mutex mutex;
  std::vector<SeenRequest> seen;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::uint16_t port = 0;
};

namespace {

// The same conversion as the emulator's own server (tests/emulator/core/http_server.cpp).
emulator::Request toRequest(Poco::Net::HTTPServerRequest& in) {
  emulator::Request request;
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
      it->second += "," + value;
    }
  }
  Poco::StreamCopier::copyToString(in.stream(), request.body);
  if (const std::string* override = request.header("x-http-method-override");
      override != nullptr && request.method == "POST") {
    request.method = *override;
  }
  return request;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(RecordingFront::Impl& impl) : impl_(impl) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    emulator::Response response;
    try {
      emulator::Request request = toRequest(in);
      {
        std::lock_guard lock(impl_.mutex);
        impl_.seen.push_back({request.method, request.path});
      }
      response = impl_.emulator.serve(request).response;
    } catch (const Poco::Exception& e) {
      response.status = 400;
      response.contentType = "text/plain; charset=utf-8";
      response.body = "Bad Request: " + e.displayText();
    }
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.contentType);
    for (const auto& [name, value] : response.headers) {
      out.set(name, value);
    }
    out.setContentLength(static_cast<std::streamsize>(response.body.size()));
    out.sendBuffer(response.body.data(), response.body.size());
  }

 private:
  RecordingFront::Impl& impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(RecordingFront::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  RecordingFront::Impl& impl_;
};

}  // namespace

RecordingFront::RecordingFront(emulator::Emulator& emulator)
    : impl_(std::make_unique<Impl>(emulator)) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64);
  impl_->port = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(16);
  params->setKeepAlive(true);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), socket, params);
  impl_->server->start();
}

RecordingFront::~RecordingFront() {
  impl_->server->stopAll(true);
}

std::string RecordingFront::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

std::vector<SeenRequest> RecordingFront::seen() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->seen;
}

void RecordingFront::clear() {
  std::lock_guard lock(impl_->mutex);
  impl_->seen.clear();
}

}  // namespace teichaku::ops_testing
