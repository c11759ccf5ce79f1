#pragma once

// Rule 2 "receipt": Garoon cannot tell a sender that a notice was read, so the receiving
// centre sets 共有状況 = 受領確認 in kintone. The bridge then notifies the sender and writes
// 受領日時 when it is empty. A share still at 送信 settings.receiptReminderHours after the
// bridge accepted it is reminded once to the destination centre's staff (onTick); the
// number of such shares is overdueShareCount() (share_ledger.h) for /metrics.

#include <string>
#include <vector>

#include "rules/rule.h"

namespace teichaku::rules {

class ReceiptRule : public Rule {
 public:
  explicit ReceiptRule(RuleServices& services);

  std::string name() const override { return "receipt"; }
  std::vector<std::string> apps() const override { return {"shares"}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  Outcome onTick(std::int64_t nowMs) override;

 private:
  RuleServices& services_;
};

}  // namespace teichaku::rules
