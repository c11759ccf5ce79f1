#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/emulator.h"

// The emulator on a real socket: Poco::Net HTTP(S) server on a loopback port.
namespace teichaku::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;   // 0 = pick a free port
  std::string tlsCertFile;  // both set = HTTPS
  std::string tlsKeyFile;
  int maxThreads = 0;  // 0 = concurrency limit + 16, so the 429 above the limit is reachable
};

class HttpServer {
 public:
  HttpServer(Emulator& emulator, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Starts accepting; throws Poco::Exception when the address cannot be bound.
  void start();
  void stop();
  std::uint16_t port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT" or https

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace teichaku::emulator
