#include "rules/rule_engine.h"

#include <algorithm>
#include <exception>
#include <functional>

#include "kintone/kintone_client.h"
#include "log/log.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

// The first Retry wins over a Fail: the caller then tries the whole record again.
void merge(Outcome& total, const Outcome& next) {
  if (next.isOk() || total.isRetry()) {
    return;
  }
  if (total.isOk() || next.isRetry()) {
    total = next;
  }
}

// A rule that throws (a store error, a malformed value) is logged by id and kind only.
Outcome guarded(Rule& rule, const char* what, const std::function<Outcome()>& run) {
  try {
    return run();
  } catch (const std::exception&) {
    log::error("RULE_FAILED", {{"rule", rule.name()}, {"during", what}});
    return Outcome::retry("RULE_FAILED", "ルール " + rule.name() + " の処理に失敗しました。");
  }
}

}  // namespace

RuleEngine::RuleEngine(RuleServices services) : services_(std::move(services)) {}

void RuleEngine::add(std::unique_ptr<Rule> rule) {
  rules_.push_back(std::move(rule));
}

Outcome RuleEngine::onRecordChanged(const std::string& appKey, std::int64_t recordId) {
  std::vector<Rule*> interested;
  for (const auto& rule : rules_) {
    const auto apps = rule->apps();
    if (std::find(apps.begin(), apps.end(), appKey) != apps.end()) {
      interested.push_back(rule.get());
    }
  }
  if (interested.empty()) {
    return Outcome::ok();
  }
  const std::string appId = services_.settings.appId ? services_.settings.appId(appKey) : "";
  if (appId.empty()) {
    log::warning("RULE_UNKNOWN_APP", {{"app", appKey}});
    return Outcome::ok();
  }
  auto result = services_.kintone.getRecord(appId, std::to_string(recordId));
  if (!result.outcome.isOk()) {
    // GAIA_RE01: the record was deleted after the change was reported
    // (kintone-api.md error codes); nothing to do for it.
    if (result.kintoneCode == "GAIA_RE01") {
      log::info("RULE_RECORD_GONE", {{"app", appKey}, {"record", recordId}});
      return Outcome::ok();
    }
    return result.outcome;
  }
  if (!result.json.IsObject() || !result.json.HasMember("record") ||
      !result.json["record"].IsObject()) {
    return Outcome::retry("RULE_FAILED", "kintone のレコードを読み取れません。");
  }
  const rapidjson::Value& record = result.json["record"];
  Outcome total = Outcome::ok();
  for (Rule* rule : interested) {
    merge(total, guarded(*rule, "record", [&] { return rule->onRecord(appKey, record); }));
  }
  return total;
}

Outcome RuleEngine::tick(std::int64_t nowMs) {
  Outcome total = Outcome::ok();
  for (const auto& rule : rules_) {
    merge(total, guarded(*rule, "tick", [&] { return rule->onTick(nowMs); }));
  }
  return total;
}

}  // namespace teichaku::rules
