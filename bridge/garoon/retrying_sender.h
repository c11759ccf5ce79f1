#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "common/outcome.h"
#include "kintone/backoff.h"
#include "kintone/http_types.h"
#include "kintone/transport.h"

// Send → classify → back off → send again, over the shared kintone Transport (one libcurl
// I/O thread) and Backoff. Garoon and the User API differ only in how a response is judged,
// so each passes its own classifier; the loop is the same as the kintone client's.
namespace teichaku::garoon {

struct Verdict {
  Outcome outcome;
  std::string errorCode;  // GRN_… / CB_… when the service named one
  std::optional<std::chrono::seconds> retryAfter;
};

struct ResponseClassifier {
  std::function<Verdict(const kintone::HttpResponse&, bool idempotent)> response;
  // A 2xx whose body is not the promised JSON (truncated, a proxy's HTML page).
  std::function<Verdict(long status, bool idempotent)> unreadableBody;
};

struct ApiResult {
  Outcome outcome = Outcome::ok();
  rapidjson::Document json;  // the parsed body when ok and JSON was expected
  std::string errorCode;
  long status = 0;
  int attempts = 0;
};

class RetryingSender {
 public:
  using Sleeper = std::function<void(std::chrono::milliseconds)>;

  RetryingSender(kintone::TransportConfig transport, kintone::RetryPolicy retry,
                 ResponseClassifier classifier, kintone::Backoff::Uniform01 uniform,
                 Sleeper sleeper);

  // expectJson: the body of a 2xx must be a JSON object (false for DELETE with no body).
  ApiResult send(const kintone::HttpRequest& request, bool expectJson = true);

 private:
  kintone::Transport transport_;
  kintone::Backoff backoff_;
  ResponseClassifier classifier_;
  Sleeper sleeper_;
};

}  // namespace teichaku::garoon
