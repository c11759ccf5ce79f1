#pragma once

// Runs the rules for a changed record. A webhook or a poll only says "look at record N":
// the engine re-reads it with the bridge's own token (a webhook's payload is never
// trusted, issue #5) and passes that to every rule registered for the app.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace teichaku::rules {

class RuleEngine {
 public:
  explicit RuleEngine(RuleServices services);

  void add(std::unique_ptr<Rule> rule);
  // Ok when every rule is done with the record, or the record no longer exists (logged).
  // Retry when kintone or a rule asks for it; the first non-ok outcome otherwise (each rule
  // still runs: one rule failing does not hold back the others).
  Outcome onRecordChanged(const std::string& appKey, std::int64_t recordId);
  Outcome tick(std::int64_t nowMs);
  RuleServices& services() { return services_; }

 private:
  RuleServices services_;
  std::vector<std::unique_ptr<Rule>> rules_;
};

// The six rules of issue #5 (share, receipt, important, release, tasks, digest), each
// bound to `services` (keep it alive as long as the rules: RuleEngine::services()).
std::vector<std::unique_ptr<Rule>> makeStandardRules(RuleServices& services);

}  // namespace teichaku::rules
