#pragma once

// Rule 1 "share" (センター間共有 app): a share set to 送信 is checked — destination a known
// centre other than the sender's, 送信先確認 ticked, the case exists and is managed by the
// sending centre, and its consent covers another centre. Invalid: 差戻し with the reason in
// kintone and a notice to the sender only. Valid: the destination centre's organisation
// is written into 閲覧組織 (the field the app's record permissions use) and the
// destination centre's staff are notified. One decision = one store transaction (the
// outbox items and the rule's state together).

#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace teichaku::rules {

class ShareRule : public Rule {
 public:
  explicit ShareRule(RuleServices& services);

  std::string name() const override { return "share"; }
  std::vector<std::string> apps() const override { return {"shares"}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  Outcome onTick(std::int64_t) override { return Outcome::ok(); }

 private:
  struct CaseFacts {
    std::string recordId;
    std::string centre;
    bool consentCoversCentres = false;
  };
  struct Lookup {
    Outcome outcome = Outcome::ok();
    std::optional<CaseFacts> found;
  };
  Lookup findCase(const std::string& caseNumber);
  // The Japanese reason the share goes back to the sender; nullopt when it is valid.
  std::optional<std::string> check(const rapidjson::Value& record, const Lookup& lookup) const;

  RuleServices& services_;
};

}  // namespace teichaku::rules
