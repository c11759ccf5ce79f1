#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

// A request as plain data, built by pure functions (request_builder.h) and sent by the
// Transport; and the response as plain data, judged by classify() (classify.h).
namespace teichaku::kintone {

// kPatch is Garoon's (schedule event update); kintone uses the other four.
enum class HttpMethod { kGet, kPost, kPut, kDelete, kPatch };

const char* toString(HttpMethod method);

struct HttpHeader {
  std::string name;
  std::string value;
  friend bool operator==(const HttpHeader&, const HttpHeader&) = default;
};

// multipart/form-data upload (kintone POST file.json, part name "file": kintone-api.md §3.2).
struct MultipartFile {
  std::string partName = "file";
  std::string fileName;
  std::string contentType;
  std::string data;
};

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  std::optional<MultipartFile> file;
  // True when sending it twice cannot do harm (reads; writes guarded by revision or
  // updateKey). Only these are retried after an unknown outcome (reliability.md §3.4).
  bool idempotent = false;
  // The app whose daily request count this uses; empty for APIs kintone does not count
  // (kintone-api.md §2 "Requests per app per day").
  std::string budgetApp;
  // Urgent requests still go when the daily budget's ceiling is reached.
  bool urgent = false;

  const std::string* header(const std::string& name) const;  // case-insensitive
};

enum class TransportError {
  kNone,
  kConnect,           // never reached the server (DNS, TCP connect): nothing was sent
  kTimeout,           // overall timeout or low-speed abort
  kTls,               // certificate or handshake failure
  kNetwork,           // reset, empty reply, partial body, HTTP/2 stream error
  kResponseTooLarge,  // aborted at the configured size cap
  kRejected,          // refused before sending (scheme not allowed, bad URL)
  kCancelled,         // transport shut down with the request pending
};

const char* toString(TransportError error);

struct HttpResponse {
  TransportError error = TransportError::kNone;
  std::string errorDetail;  // libcurl's text; never contains header values
  long status = 0;
  std::vector<HttpHeader> headers;  // names lower-cased
  std::string body;
  std::optional<std::chrono::seconds> retryAfter;

  const std::string* header(const std::string& lowerName) const;
};

}  // namespace teichaku::kintone
