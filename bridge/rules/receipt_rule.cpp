#include "rules/receipt_rule.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "garoon/payload_guard.h"
#include "log/log.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "rules/record_fields.h"
#include "rules/share_fields.h"
#include "rules/share_ledger.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

using namespace share_field;

constexpr const char* kRule = "receipt";

std::string receivedAtJson(const std::string& dateTime) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key(kReceivedAt);
  w.StartObject();
  w.Key("value");
  w.String(dateTime.c_str());
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool isDecimal(const std::string& text) {
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

ReceiptRule::ReceiptRule(RuleServices& services) : services_(services) {}

Outcome ReceiptRule::onRecord(const std::string& appKey, const rapidjson::Value& record) {
  if (appKey != kSharesApp) {
    return Outcome::ok();
  }
  store::MirrorStore& store = services_.store;
  const std::string id = textValue(record, "$id");
  const std::string revision = textValue(record, "$revision");
  const std::string status = textValue(record, kStatus);
  if (!isDecimal(id) || !isDecimal(revision)) {
    return Outcome::fail("RULE_BAD_RECORD",
                         "kintone のレコードに $id または $revision がありません。");
  }
  RuleState state = loadRuleState(store, kRule, id);
  const bool firstSight = state["lastStatus"] != status;
  if (status != share_status::kReceived) {
    // Left 送信 some other way (差戻し, 下書き, 受諾 …): no longer waiting for receipt. The
    // share rule adds it to the ledger when it accepts a 送信.
    if (!firstSight || status == share_status::kSent) {
      if (firstSight) {
        state["lastStatus"] = status;
        saveRuleState(store, kRule, id, state);
      }
      return Outcome::ok();
    }
    store::Transaction tx(store);
    AwaitingShares awaiting = loadAwaitingShares(store);
    if (awaiting.erase(id) > 0) {
      saveAwaitingShares(store, awaiting);
    }
    state["lastStatus"] = status;
    saveRuleState(store, kRule, id, state);
    tx.commit();
    return Outcome::ok();
  }
  if (!firstSight) {
    return Outcome::ok();  // a replay, or our own 受領日時 write
  }
  const std::int64_t now = services_.nowMs();
  const garoon::PayloadGuard& guard = services_.guard;
  const std::string caseNumber = textValue(record, kCaseNumber);
  const std::string to = textValue(record, kToCentre);
  const auto url = guard.recordUrl(services_.settings.appId(kSharesApp), id);

  store::Transaction tx(store);
  if (textValue(record, kReceivedAt).empty()) {
    KintoneUpdateAction write;
    write.appKey = kSharesApp;
    write.recordId = id;
    write.recordJson = receivedAtJson(kintoneDateTime(now));
    write.revision = std::stoll(revision);
    enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "received_at"), write, now);
  }
  const auto senders = entityCodes(record, kSender);
  if (!senders.empty() && url) {
    NotificationAction notice;
    notice.notificationKey = outboxKey(kRule, kSharesApp, id, "sender");
    notice.userCodes = senders;
    auto title = guard.text().kind(garoon::EventKind::kShareConfirmed);
    auto body = guard.text();
    if (services_.directory.isKnownCentre(to)) {
      title.centre(to);
      body.centre(to).lineBreak();
    }
    title.caseNumber(caseNumber);
    body.caseNumber(caseNumber).lineBreak().date(garoon::DateRole::kUpdated, jstDate(now));
    notice.title = title.str();
    notice.body = body.str();
    notice.url = url->str();
    notice.personalSources = {{kSharesApp, id}};
    enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "sender"), notice, now);
  } else {
    log::warning("SHARE_NO_RECIPIENTS", {{"app", kSharesApp}, {"record", id}});
  }
  AwaitingShares awaiting = loadAwaitingShares(store);
  if (awaiting.erase(id) > 0) {
    saveAwaitingShares(store, awaiting);
  }
  state["lastStatus"] = status;
  state["revision"] = revision;
  saveRuleState(store, kRule, id, state);
  tx.commit();
  log::info("SHARE_RECEIVED", {{"app", kSharesApp}, {"record", id}, {"revision", revision}});
  return Outcome::ok();
}

Outcome ReceiptRule::onTick(std::int64_t nowMs) {
  store::MirrorStore& store = services_.store;
  const std::int64_t limitMs =
      static_cast<std::int64_t>(services_.settings.receiptReminderHours) * 3600 * 1000;
  const garoon::PayloadGuard& guard = services_.guard;
  const std::string sharesAppId = services_.settings.appId(kSharesApp);
  store::Transaction tx(store);
  AwaitingShares awaiting = loadAwaitingShares(store);
  bool changed = false;
  for (auto& [id, share] : awaiting) {
    if (share.reminded || nowMs - share.sentAtMs < limitMs) {
      continue;
    }
    share.reminded = true;
    changed = true;
    const auto staff = services_.directory.staffLoginCodes(share.toCentre);
    const auto url = guard.recordUrl(sharesAppId, id);
    if (staff.empty() || !url) {
      log::warning("SHARE_NO_RECIPIENTS", {{"app", kSharesApp}, {"record", id}});
      continue;
    }
    const domain::Date due = jstDate(share.sentAtMs + limitMs);
    NotificationAction notice;
    notice.notificationKey = outboxKey(kRule, kSharesApp, id, "reminder");
    notice.userCodes = staff;
    notice.title = guard.text()
                       .kind(garoon::EventKind::kShareReminder)
                       .centre(share.fromCentre)
                       .caseNumber(share.caseNumber)
                       .str();
    notice.body = guard.text()
                      .centre(share.fromCentre)
                      .lineBreak()
                      .caseNumber(share.caseNumber)
                      .lineBreak()
                      .date(garoon::DateRole::kDue, due)
                      .str();
    notice.url = url->str();
    notice.personalSources = {{kSharesApp, id}};
    enqueue(store, outboxKey(kRule, kSharesApp, id, share.generation, "reminder"), notice, nowMs);
    log::notice("SHARE_RECEIPT_OVERDUE", {{"app", kSharesApp}, {"record", id}});
  }
  if (changed) {
    saveAwaitingShares(store, awaiting);
  }
  tx.commit();
  return Outcome::ok();
}

}  // namespace teichaku::rules
