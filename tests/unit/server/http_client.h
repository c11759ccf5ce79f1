#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

// A small libcurl client for the server tests: one easy handle (so keep-alive connections are
// reused, as kintone's sender would), answers as status + body.
namespace teichaku::server::testing {

struct HttpAnswer {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string contentType;
};

class HttpClient {
 public:
  HttpClient();
  // Trusts this CA file for https (and checks the host name against it).
  void trustCa(const std::string& caFile) { caFile_ = caFile; }

  HttpAnswer get(const std::string& url) { return send("GET", url, nullptr, false); }
  HttpAnswer post(const std::string& url, const std::string& body) {
    return send("POST", url, &body, false);
  }
  // Sends the body with Transfer-Encoding: chunked, without a Content-Length.
  HttpAnswer postChunked(const std::string& url, const std::string& body) {
    return send("POST", url, &body, true);
  }
  HttpAnswer send(const std::string& method, const std::string& url, const std::string* body,
                  bool chunked);

 private:
  struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  };
  std::unique_ptr<CURL, CurlDeleter> curl_;
  std::string caFile_;
};

}  // namespace teichaku::server::testing
