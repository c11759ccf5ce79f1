#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

// A tiny HTTP server on 127.0.0.1:<free port> for transport and client tests, until the
// emulator (tests/emulator) lands. Records every request it received.
namespace teichaku::kintone::testing {

struct RecordedRequest {
  std::string method;
  std::string uri;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::uint16_t clientPort = 0;
};

// Certificate and key of an HTTPS test server (PEM files).
struct TlsFiles {
  std::string certificate;
  std::string privateKey;
};

class TestServer {
 public:
  using Handler = std::function<void(const RecordedRequest&, Poco::Net::HTTPServerRequest&,
                                     Poco::Net::HTTPServerResponse&)>;

  explicit TestServer(Handler handler, const TlsFiles* tls = nullptr);
  ~TestServer();

  std::string baseUrl() const;  // http://127.0.0.1:<port>
  std::uint16_t port() const;
  std::vector<RecordedRequest> requests() const;
  std::size_t requestCount() const;
  int maxConcurrent() const { return maxConcurrent_.load(); }
  // For handlers that wait: becomes true when the test ends.
  bool stopping() const { return stopping_.load(); }
  // Sleeps up to `ms`, returning early when the server stops.
  void pause(int ms) const;

  static void sendJson(Poco::Net::HTTPServerResponse& response, int status,
                       const std::string& json);
  // Closes the connection with a TCP reset instead of answering.
  static void resetConnection(Poco::Net::HTTPServerRequest& request);

 private:
  class Factory;
  void record(const RecordedRequest& request);

  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::atomic<int> concurrent_{0};
  std::atomic<int> maxConcurrent_{0};
  std::atomic<bool> stopping_{false};
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace teichaku::kintone::testing
