#pragma once

// Shares that were sent and are waiting for 受領確認, kept in one store meta entry so the
// reminder and /metrics need neither kintone nor the mirror. Holds only ids, times, case
// numbers, centre names and a login code: nothing about the person. Read and written
// inside the rules' store transactions.

#include <cstdint>
#include <map>
#include <string>

#include "rules/rule.h"

namespace teichaku::rules {

struct AwaitingShare {
  std::int64_t sentAtMs = 0;  // when the bridge accepted the share
  std::string generation;     // record revision of that decision
  std::string caseNumber;
  std::string fromCentre;
  std::string toCentre;
  bool reminded = false;
};

using AwaitingShares = std::map<std::string, AwaitingShare>;  // by share record id

inline constexpr const char* kAwaitingSharesMeta = "rules.shares.awaiting_receipt";

AwaitingShares loadAwaitingShares(store::MirrorStore& store);
void saveAwaitingShares(store::MirrorStore& store, const AwaitingShares& shares);

// Shares sent more than settings.receiptReminderHours ago and still not confirmed: the
// number the daemon puts in /metrics (teichaku_shares_awaiting_receipt_overdue).
std::size_t overdueShareCount(store::MirrorStore& store, const RuleSettings& settings,
                              std::int64_t nowMs);

}  // namespace teichaku::rules
