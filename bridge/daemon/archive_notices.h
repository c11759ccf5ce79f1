#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"

namespace teichaku::garoon {
class PayloadGuard;
}
namespace teichaku::store {
class MirrorStore;
}

// The Garoon notices of a scheduled archive: one per staff member of the centre, queued in
// the outbox and sent by the OutboxDeliverer. Built only from PayloadGuard pieces — a fixed
// phrase, the centre's name, a count with a fixed label, the link to the reports record — so
// the deliverer's re-check (rules/reguard.h) rebuilds them exactly. No file content and no
// value of a case goes to Garoon.
namespace teichaku::daemon {

struct ArchiveNotice {
  enum class Kind { kStatsReady, kDataCheck };
  Kind kind = Kind::kStatsReady;
  std::string instance;  // plugin instance: part of the key
  std::string period;    // "<from>_<to>": part of the key
  std::string centreName;
  std::string centreCode;                // part of the key ("13")
  std::optional<std::size_t> toCorrect;  // kDataCheck: the findings of the centre
  std::string reportsAppId;              // the link: {kintone}/k/{app}/show#record={id}
  std::string recordId;
  std::vector<std::string> staffLoginCodes;
};

struct QueuedNotices {
  Outcome outcome = Outcome::ok();
  std::size_t queued = 0;    // new outbox items
  std::size_t replayed = 0;  // keys already in the outbox (a re-run of the same period)
};

// Key per recipient: outboxKey(<"archive"|"datacheck">, instance, period, centre code, user),
// so a re-run of the same period queues nothing new. All items in one transaction.
QueuedNotices enqueueArchiveNotices(store::MirrorStore& store, const garoon::PayloadGuard& guard,
                                    const ArchiveNotice& notice, std::int64_t nowMs);

}  // namespace teichaku::daemon
