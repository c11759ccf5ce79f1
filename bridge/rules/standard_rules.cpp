#include "rules/daily_digest_rule.h"
#include "rules/important_records_rule.h"
#include "rules/receipt_rule.h"
#include "rules/release_calendar_rule.h"
#include "rules/rule_engine.h"
#include "rules/share_rule.h"
#include "rules/standard_tasks_rule.h"

namespace teichaku::rules {

std::vector<std::unique_ptr<Rule>> makeStandardRules(RuleServices& services) {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<ShareRule>(services));
  rules.push_back(std::make_unique<ReceiptRule>(services));
  rules.push_back(std::make_unique<ImportantRecordsRule>(services));
  rules.push_back(std::make_unique<ReleaseCalendarRule>(services));
  rules.push_back(std::make_unique<StandardTasksRule>(services));
  rules.push_back(std::make_unique<DailyDigestRule>(services));
  return rules;
}

}  // namespace teichaku::rules
