#pragma once

#include <string>
#include <vector>

#include "rules/rule.h"

namespace teichaku::rules {

// Rule 3 (issue #5): a support record (支援記録) whose 区分2 is 重要な情報 / 取得情報 /
// 移行情報 / 終了情報 notifies the case's staff in Garoon (the home screen's お知らせ).
//
// Recipients: the case's 担当者 who are Garoon staff of the case's centre (looked up in
// kintone by ケース番号 with the bridge's own token); when none is, every staff member of
// that centre, so an important entry is never dropped for want of a 担当者.
//
// Once per (record, revision at which it got its kind): the rule keeps "kind|revision"
// per record in store meta, written in the same transaction as the outbox item, so a
// replay or an edit of the text adds nothing, while 重要 → 通常 → 重要 notifies again.
class ImportantRecordsRule : public Rule {
 public:
  // Throws std::invalid_argument (Japanese message) when the mapping lacks a field the
  // rule needs.
  explicit ImportantRecordsRule(RuleServices& services);

  std::string name() const override { return "important"; }
  std::vector<std::string> apps() const override { return {"support_records"}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  // Nothing is time-driven in this rule.
  Outcome onTick(std::int64_t nowMs) override;

 private:
  struct CaseStaff;
  Outcome lookUpCase(const std::string& caseNumber, CaseStaff& out);

  RuleServices& services_;
  std::string importanceCode_;   // 区分2
  std::string caseNumberCode_;   // 対象者番号
  std::string caseCentreCode_;   // 対象者センター
  std::string recordDateCode_;   // 記録日
  std::string casesNumberCode_;  // cases: ケース番号
  std::string casesCentreCode_;  // cases: 管理センター
  std::string casesStaffCode_;   // cases: 担当者
};

}  // namespace teichaku::rules
