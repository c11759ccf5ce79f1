#pragma once

#include <string>
#include <utility>

// Ok / Retry / Fail: the one result vocabulary for anything that talks to a service
// or runs a plugin. The engine, not the callee, decides what a Retry leads to.
namespace teichaku {

enum class OutcomeKind { kOk, kRetry, kFail };

class Outcome {
 public:
  static Outcome ok() { return Outcome(OutcomeKind::kOk, {}, {}); }
  static Outcome retry(std::string messageId, std::string message) {
    return Outcome(OutcomeKind::kRetry, std::move(messageId), std::move(message));
  }
  static Outcome fail(std::string messageId, std::string message) {
    return Outcome(OutcomeKind::kFail, std::move(messageId), std::move(message));
  }

  OutcomeKind kind() const { return kind_; }
  bool isOk() const { return kind_ == OutcomeKind::kOk; }
  bool isRetry() const { return kind_ == OutcomeKind::kRetry; }
  bool isFail() const { return kind_ == OutcomeKind::kFail; }
  // Stable message ID from docs/messages.md, e.g. KINTONE_RATE_LIMITED.
  const std::string& messageId() const { return messageId_; }
  const std::string& message() const { return message_; }

 private:
  Outcome(OutcomeKind kind, std::string messageId, std::string message)
      : kind_(kind), messageId_(std::move(messageId)), message_(std::move(message)) {}

  OutcomeKind kind_;
  std::string messageId_;
  std::string message_;
};

const char* toString(OutcomeKind kind);

}  // namespace teichaku
