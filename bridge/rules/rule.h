#pragma once

// The seam between the daemon, the rule engine and the individual rules. Shared by
// every rule so that each can be written and tested on its own.
//
// How a rule acts: it never calls Garoon or kintone to change anything itself. It
// decides, then enqueues outbox actions (see outbox_action.h) in the same store
// transaction as the rule's own state change (reliability.md §1.7), with a
// deterministic key (outbox_key.h) so a replay after a crash updates instead of
// duplicating. The OutboxDeliverer sends them later, with backoff.

#include <rapidjson/document.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/outcome.h"

namespace teichaku::store {
class MirrorStore;
}
namespace teichaku::kintone {
class KintoneClient;
}
namespace teichaku::garoon {
class PayloadGuard;
}
namespace teichaku::mapping {
class Mapping;
}

namespace teichaku::rules {

class CentreDirectory;  // centre_directory.h: centre name -> organisation, Garoon users

// Settings from the configuration ([rules] section); defaults are the documented ones.
struct RuleSettings {
  int releaseWindowDays = 30;                      // rule 4: release dates this many days ahead
  int receiptReminderHours = 48;                   // rule 2: remind once when not confirmed by then
  int taskDueSoonDays = 3;                         // rule 5
  int digestHourJst = 8;                           // rule 6: morning digest, Japan time
  int outboxMaxAttempts = 8;                       // then parked
  std::string kintoneBaseUrl;                      // for links in notices
  std::string garoonNotificationApp = "teichaku";  // [garoon] notification_app_code
  // kintone app ids by app key ("cases", "support_records", "tasks", "shares", ...).
  std::function<std::string(const std::string& appKey)> appId;
};

// Everything a rule may use. Owned by the engine; valid while the rule lives.
struct RuleServices {
  store::MirrorStore& store;
  kintone::KintoneClient& kintone;  // reads with the bridge's own tokens
  const mapping::Mapping& mapping;
  CentreDirectory& directory;
  const garoon::PayloadGuard& guard;
  RuleSettings settings;
  std::function<std::int64_t()> nowMs;  // injectable clock (unix ms, UTC)
};

class Rule {
 public:
  virtual ~Rule() = default;
  // Stable short name used in outbox keys and logs: "share", "receipt", "release", ...
  virtual std::string name() const = 0;
  // App keys whose record changes this rule reacts to.
  virtual std::vector<std::string> apps() const = 0;
  // `record` was just re-read from kintone by the engine with the bridge's own token
  // (a webhook's payload is never trusted); kintone REST format ({"code":{"type","value"}}).
  virtual Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) = 0;
  // Called about once a minute by the daemon's scheduler: time-driven work
  // (reminders, calendar window, digests). Must be idempotent.
  virtual Outcome onTick(std::int64_t nowMs) = 0;
};

}  // namespace teichaku::rules
