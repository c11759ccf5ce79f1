#include "rules/receipt_rule.h"
#include "rules/rule_engine.h"
#include "rules/share_rule.h"

namespace teichaku::rules {

std::vector<std::unique_ptr<Rule>> makeStandardRules(RuleServices& services) {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<ShareRule>(services));
  rules.push_back(std::make_unique<ReceiptRule>(services));
  return rules;
}

}  // namespace teichaku::rules
