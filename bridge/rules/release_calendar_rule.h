#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.h"
#include "rules/rule.h"

namespace teichaku::rules {

// Rule 4 (issue #5): the 出所カレンダー. A case with a 刑期終了日 or 仮釈放日 within
// settings.releaseWindowDays (JST today included) becomes an all-day Garoon event for the
// staff of its centre, one event per date kind. The event key is stable per (case, kind):
// a changed date sends the same key with the new date (the deliverer moves the event); a
// closed case (支援終了) or a removed date sends a removal. An event whose date has passed
// stays in the calendar.
//
// State per event in store meta ("rule.release.<case id>.<kind>" = "<seq>|<date>", date
// empty once removed), written in the same transaction as the outbox item; every change
// gets the next sequence number in its outbox key, so moving a date back and forth never
// collides with an older item. Idempotent: a replay finds the state unchanged.
//
// onRecord handles a changed case at once; onTick scans the mirror at most once per JST
// hour (the window moves forward each day; cases changed without a webhook and cases
// deleted from the mirror are caught there).
class ReleaseCalendarRule : public Rule {
 public:
  // Throws std::invalid_argument (Japanese message) when the mapping lacks a field.
  explicit ReleaseCalendarRule(RuleServices& services);

  std::string name() const override { return "release"; }
  std::vector<std::string> apps() const override { return {"cases"}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  Outcome onTick(std::int64_t nowMs) override;

  // What the rule reads of a case, from kintone JSON or from the mirror's clear values.
  struct CaseDates {
    std::string id;
    std::string caseNumber;
    std::string centre;
    bool closed = false;
    std::optional<domain::Date> sentenceEnd;  // 刑期終了日
    std::optional<domain::Date> parole;       // 仮釈放日
  };

 private:
  Outcome apply(const CaseDates& c, const domain::Date& today,
                const std::vector<std::string>& forbidden);

  RuleServices& services_;
  std::string caseNumberCode_;
  std::string centreCode_;
  std::string statusCode_;
  std::string supportEndCode_;
  std::string sentenceEndCode_;
  std::string paroleDateCode_;
};

}  // namespace teichaku::rules
