#pragma once

// Sends what the rules put in the outbox (reliability.md §1.7): claim a due item, send it,
// then mark it done; on a retryable error back off with full jitter
// (kintone/backoff.h), after settings.outboxMaxAttempts sends park it with a log alert;
// a permanent error parks it at once. lastError holds a message id and a fixed Japanese
// text, never a value from a record or a service's answer.
//
//   garoon.notification  one POST per action with every recipient; the same
//                        notificationKey again is Garoon's update of that notification
//                        (operation "modify" once it was sent, garoon-cybozu-api.md A2)
//   garoon.event         create / move / delete; the Garoon event id is kept in store meta
//                        under "garoon.event.<eventKey>"; before a create, an event with
//                        the same subject, date and attendees is searched for and adopted
//                        (a create repeated after a crash must not double it)
//   kintone.update       update (with the revision the rule saw) or add (an upsert on the
//                        action's unique key field when it names one); a revision
//                        conflict means a person changed the record since: the rule sees
//                        that newer revision anyway, so the item is done (logged)
//
// Every Garoon text is rebuilt through the PayloadGuard (reguard.h) and the final JSON is
// checked against the personal values of the records the action names.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "garoon/garoon_client.h"
#include "rules/outbox_action.h"
#include "rules/rule.h"

namespace teichaku::rules {

class OutboxDeliverer {
 public:
  // `mapping` names the personal fields for the last check; without it only the guard's
  // whitelist protects the texts (the daemon always passes it).
  OutboxDeliverer(store::MirrorStore& store, kintone::KintoneClient& kintone,
                  garoon::GaroonClient& garoon, const garoon::PayloadGuard& guard,
                  RuleSettings settings, std::function<std::int64_t()> nowMs,
                  const mapping::Mapping* mapping = nullptr);

  // Sends up to maxItems due items; returns how many were sent (done).
  std::size_t deliverDue(std::size_t maxItems);

  // For tests: the jitter source of the backoff (a value in [0, 1)).
  void setUniform(std::function<double()> uniform) { uniform_ = std::move(uniform); }

 private:
  Outcome send(const std::string& kind, const std::string& payload);
  Outcome sendNotification(const NotificationAction& action);
  Outcome sendEvent(const EventAction& action);
  Outcome sendKintoneUpdate(const KintoneUpdateAction& action);
  // The id of an event this bridge already created for `input` (same subject, date and
  // attendees), else empty.
  garoon::Fetched<std::string> findCreatedEvent(const garoon::EventInput& input,
                                                const std::string& date,
                                                const std::string& attendeeCode);
  // Personal values of the named records: the mirror's copy, else kintone's.
  Outcome forbiddenValues(const std::vector<RecordRef>& sources, std::vector<std::string>& out);

  store::MirrorStore& store_;
  kintone::KintoneClient& kintone_;
  garoon::GaroonClient& garoon_;
  const garoon::PayloadGuard& guard_;
  RuleSettings settings_;
  std::function<std::int64_t()> nowMs_;
  const mapping::Mapping* mapping_;
  std::function<double()> uniform_;
};

}  // namespace teichaku::rules
