#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace teichaku::rules {

// Rule 6 (issue #5): the daily digest ("その日1日分をパッと確認できる仕組み").
//
// On the first tick at or after settings.digestHourJst each JST day, every centre that has
// cases in the mirror and Garoon staff gets one notification: yesterday's support records
// (by 記録日) counted by kind (重要 / 取得 / 移行 / 終了 / 通常), releases (刑期終了日,
// 仮釈放日 of open cases) and tasks (期限, not 完了) in the next 7 days from today, and shares
// waiting for receipt (共有状況 送信) to and from the centre — counts and case numbers only,
// with a link to the kintone record list of support records. Never a name: everything is
// read from the mirror's clear values (no decryption, no kintone call).
//
// Delivery: title, body and link are built only from PayloadGuard pieces (kind, centre,
// heading, count with a fixed label, case number; viewUrl without a query), so the
// deliverer's re-check (rules/reguard.h) rebuilds them exactly.
//
// Once per centre per day: the outbox key is (centre organisation, date), and the day is
// kept in store meta in the same transaction, so 60 ticks in the hour send one digest.
class DailyDigestRule : public Rule {
 public:
  // Throws std::invalid_argument (Japanese message) when the mapping lacks a field.
  explicit DailyDigestRule(RuleServices& services);

  std::string name() const override { return "digest"; }
  std::vector<std::string> apps() const override { return {}; }
  Outcome onRecord(const std::string& appKey, const rapidjson::Value& record) override;
  Outcome onTick(std::int64_t nowMs) override;

 private:
  struct Codes;
  RuleServices& services_;
  std::shared_ptr<const Codes> codes_;
};

}  // namespace teichaku::rules
