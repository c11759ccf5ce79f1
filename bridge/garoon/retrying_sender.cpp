#include "garoon/retrying_sender.h"

#include <thread>
#include <utility>

namespace teichaku::garoon {

namespace {

void sleepFor(std::chrono::milliseconds delay) {
  std::this_thread::sleep_for(delay);
}

}  // namespace

RetryingSender::RetryingSender(kintone::TransportConfig transport, kintone::RetryPolicy retry,
                               ResponseClassifier classifier, kintone::Backoff::Uniform01 uniform,
                               Sleeper sleeper)
    : transport_(std::move(transport)),
      backoff_(retry, std::move(uniform)),
      classifier_(std::move(classifier)),
      sleeper_(sleeper ? std::move(sleeper) : Sleeper(sleepFor)) {}

ApiResult RetryingSender::send(const kintone::HttpRequest& request, bool expectJson) {
  std::chrono::milliseconds waited{0};
  const kintone::RetryPolicy& policy = backoff_.policy();
  for (int attempt = 0;; ++attempt) {
    kintone::HttpResponse response = transport_.submit(request).get();
    Verdict verdict = classifier_.response(response, request.idempotent);
    rapidjson::Document json;
    if (verdict.outcome.isOk() && expectJson) {
      json.Parse(response.body.data(), response.body.size());
      if (json.HasParseError() || !json.IsObject()) {
        verdict = classifier_.unreadableBody(response.status, request.idempotent);
        json.SetNull();
      }
    }
    const bool giveUp = !verdict.outcome.isRetry() || attempt + 1 >= policy.maxAttempts;
    const std::chrono::milliseconds delay =
        giveUp ? std::chrono::milliseconds(0) : backoff_.delay(attempt, verdict.retryAfter);
    if (giveUp || waited + delay > policy.maxTotal) {
      ApiResult result;
      result.outcome = std::move(verdict.outcome);
      if (result.outcome.isOk()) {
        result.json = std::move(json);
      }
      result.errorCode = std::move(verdict.errorCode);
      result.status = response.status;
      result.attempts = attempt + 1;
      return result;
    }
    sleeper_(delay);
    waited += delay;
  }
}

}  // namespace teichaku::garoon
