#include "rules/share_rule.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "crypto/sha256.h"
#include "garoon/payload_guard.h"
#include "kintone/kintone_client.h"
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

constexpr const char* kRule = "share";
// Centre organisations are "teichaku-<centre code>" (samples/apps/centres.json): a centre
// other than the two of this share loses access when the destination is changed.
constexpr const char* kCentreOrganizationPrefix = "teichaku-";

bool isDecimal(const std::string& text) {
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isCaseNumber(const std::string& number) {
  return !number.empty() && number.size() <= 32 &&
         std::all_of(number.begin(), number.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '-';
         });
}

bool ticked(const rapidjson::Value& record) {
  const auto values = listValue(record, kConfirmation);
  return std::find(values.begin(), values.end(), kConfirmationTicked) != values.end();
}

// What decides the share: when none of it changed, a new revision at 送信 is our own
// write (閲覧組織) or an edit that does not change who is told what. Hashed, so the state
// row holds no field values.
std::string decisionDigest(const rapidjson::Value& record) {
  std::string text;
  for (const char* code : {kCaseNumber, kFromCentre, kToCentre, kKind}) {
    text += textValue(record, code) + '\x1f';
  }
  text += ticked(record) ? "1" : "0";
  for (const auto& sender : entityCodes(record, kSender)) {
    text += '\x1f' + sender;
  }
  return crypto::sha256Hex(text);
}

// kintone.update record: 共有状況 = 差戻し with the reason.
std::string returnJson(const std::string& reason) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key(kStatus);
  w.StartObject();
  w.Key("value");
  w.String(share_status::kReturned);
  w.EndObject();
  w.Key(kReturnReason);
  w.StartObject();
  w.Key("value");
  w.String(reason.c_str());
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// kintone.update record: 閲覧組織 = the organisations already there that are not another
// centre's, plus the sending and the receiving centre; the reason of an earlier 差戻し is
// cleared.
std::string accessJson(const std::vector<std::string>& organizations) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key(kAccess);
  w.StartObject();
  w.Key("value");
  w.StartArray();
  for (const auto& code : organizations) {
    w.StartObject();
    w.Key("code");
    w.String(code.c_str());
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Key(kReturnReason);
  w.StartObject();
  w.Key("value");
  w.String("");
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

ShareRule::ShareRule(RuleServices& services) : services_(services) {}

ShareRule::Lookup ShareRule::findCase(const std::string& caseNumber) {
  Lookup lookup;
  // The number is letters, digits and '-' (checked before), so it needs no escaping.
  const std::string query = std::string(case_field::kNumber) + " = \"" + caseNumber + "\"";
  auto result =
      services_.kintone.getRecords(services_.settings.appId(kCasesApp), query,
                                   {"$id", case_field::kNumber, case_field::kCentre,
                                    case_field::kConsentDate, case_field::kConsentRecipients});
  if (!result.outcome.isOk()) {
    lookup.outcome = result.outcome;
    return lookup;
  }
  const rapidjson::Value& records = result.json["records"];
  if (!records.IsArray() || records.Empty()) {
    return lookup;
  }
  const rapidjson::Value& c = records[0];
  CaseFacts facts;
  facts.recordId = textValue(c, "$id");
  facts.centre = textValue(c, case_field::kCentre);
  const auto recipients = listValue(c, case_field::kConsentRecipients);
  facts.consentCoversCentres =
      !textValue(c, case_field::kConsentDate).empty() &&
      std::find(recipients.begin(), recipients.end(), kConsentOtherCentres) != recipients.end();
  lookup.found = facts;
  return lookup;
}

std::optional<std::string> ShareRule::check(const rapidjson::Value& record,
                                            const Lookup& lookup) const {
  const CentreDirectory& directory = services_.directory;
  const std::string from = textValue(record, kFromCentre);
  const std::string to = textValue(record, kToCentre);
  if (!directory.isKnownCentre(from)) {
    return "送信元センターが登録されたセンターではありません。送信元センターを選び直してください。";
  }
  if (!directory.isKnownCentre(to)) {
    return "送信先センターが登録されたセンターではありません。送信先センターを選び直してください。";
  }
  if (from == to) {
    return "送信先センターが送信元センターと同じです。共有先の他のセンターを選んでください。";
  }
  if (!ticked(record)) {
    return "「送信先確認」にチェックがありません。送信先センターを確認してからチェックし、"
           "もう一度送信してください。";
  }
  for (const auto& sender : entityCodes(record, kSender)) {
    const auto senderCentre = directory.centreOfUser(sender);
    if (senderCentre && *senderCentre != from) {
      return "送信者の所属センターが送信元センターと異なります。送信元センターを確認してください。";
    }
  }
  if (!isCaseNumber(textValue(record, kCaseNumber))) {
    return "対象者番号がケース番号の形式ではありません。対象者番号を選び直してください。";
  }
  if (!lookup.found) {
    return "対象者番号のケースが対象者アプリにありません。対象者番号を確認してください。";
  }
  if (lookup.found->centre != from) {
    return "このケースの管理センターは送信元センターではありません。自センターが管理するケース"
           "だけを共有できます。";
  }
  if (!lookup.found->consentCoversCentres) {
    return "対象者の情報提供の同意に他のセンターへの提供が含まれていません。対象者レコードの"
           "「個人情報使用同意日」と「情報提供同意先」（他県の地域生活定着支援センター）を確認して"
           "ください。";
  }
  return std::nullopt;
}

Outcome ShareRule::onRecord(const std::string& appKey, const rapidjson::Value& record) {
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

  if (status != share_status::kSent) {
    if (state["lastStatus"] != status) {
      state["lastStatus"] = status;
      saveRuleState(store, kRule, id, state);
    }
    return Outcome::ok();
  }
  const std::string digest = decisionDigest(record);
  if (state["lastStatus"] == share_status::kSent) {
    const std::int64_t decidedAt = isDecimal(state["revision"]) ? std::stoll(state["revision"]) : 0;
    const bool newerRevision = std::stoll(revision) > decidedAt;
    // A replay (no newer revision) changes nothing. Accepted: only a change of what decides
    // the share is a new decision (our own 閲覧組織 write makes a new revision too).
    // Returned: our write sets 差戻し, so any newer revision at 送信 was sent again by a
    // person (or made our 差戻し write stale).
    if (!newerRevision || (state["decision"] == "accepted" && state["digest"] == digest)) {
      return Outcome::ok();
    }
  }

  const std::string caseNumber = textValue(record, kCaseNumber);
  Lookup lookup;
  if (isCaseNumber(caseNumber)) {
    lookup = findCase(caseNumber);
    if (!lookup.outcome.isOk()) {
      return lookup.outcome;
    }
  }
  const std::optional<std::string> reason = check(record, lookup);
  const std::string from = textValue(record, kFromCentre);
  const std::string to = textValue(record, kToCentre);
  const garoon::PayloadGuard& guard = services_.guard;
  const std::string sharesAppId = services_.settings.appId(kSharesApp);
  const auto url = guard.recordUrl(sharesAppId, id);
  std::vector<RecordRef> sources{{kSharesApp, id}};
  if (lookup.found) {
    sources.push_back({kCasesApp, lookup.found->recordId});
  }
  const std::int64_t now = services_.nowMs();
  const bool resend = !state["decision"].empty();

  store::Transaction tx(store);
  AwaitingShares awaiting = loadAwaitingShares(store);
  if (reason) {
    KintoneUpdateAction back;
    back.appKey = kSharesApp;
    back.recordId = id;
    back.recordJson = returnJson(*reason);
    back.revision = std::stoll(revision);
    enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "return"), back, now);
    const auto senders = entityCodes(record, kSender);
    if (!senders.empty() && url) {
      NotificationAction notice;
      notice.notificationKey = outboxKey(kRule, kSharesApp, id, "sender");
      notice.userCodes = senders;
      auto title = guard.text().kind(garoon::EventKind::kShareReturned);
      auto body = guard.text().kind(garoon::EventKind::kShareReturned);
      if (services_.directory.isKnownCentre(from)) {
        title.centre(from);
        body.lineBreak().centre(from);
      }
      if (isCaseNumber(caseNumber)) {
        title.caseNumber(caseNumber);
        body.lineBreak().caseNumber(caseNumber);
      }
      body.lineBreak().date(garoon::DateRole::kUpdated, jstDate(now));
      notice.title = title.str();
      notice.body = body.str();
      notice.url = url->str();
      notice.personalSources = sources;
      enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "sender"), notice, now);
    }
    awaiting.erase(id);
    log::notice("SHARE_RETURNED", {{"app", kSharesApp}, {"record", id}, {"revision", revision}});
  } else {
    std::vector<std::string> organizations;
    const auto fromOrg = services_.directory.organizationCode(from);
    const auto toOrg = services_.directory.organizationCode(to);
    for (const auto& code : entityCodes(record, kAccess)) {
      if (code.rfind(kCentreOrganizationPrefix, 0) != 0) {
        organizations.push_back(code);
      }
    }
    organizations.push_back(*fromOrg);
    organizations.push_back(*toOrg);
    KintoneUpdateAction access;
    access.appKey = kSharesApp;
    access.recordId = id;
    access.recordJson = accessJson(organizations);
    access.revision = std::stoll(revision);
    enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "access"), access, now);
    const auto staff = services_.directory.staffLoginCodes(to);
    if (staff.empty() || !url) {
      log::warning("SHARE_NO_RECIPIENTS", {{"app", kSharesApp}, {"record", id}});
    } else {
      NotificationAction notice;
      notice.notificationKey = outboxKey(kRule, kSharesApp, id, "destination");
      notice.userCodes = staff;
      const auto kind =
          resend ? garoon::EventKind::kShareUpdated : garoon::EventKind::kShareReceived;
      notice.title = guard.text().kind(kind).centre(from).caseNumber(caseNumber).str();
      notice.body = guard.text()
                        .centre(from)
                        .lineBreak()
                        .centre(to)
                        .lineBreak()
                        .caseNumber(caseNumber)
                        .lineBreak()
                        .date(garoon::DateRole::kUpdated, jstDate(now))
                        .str();
      notice.url = url->str();
      notice.personalSources = sources;
      enqueue(store, outboxKey(kRule, kSharesApp, id, revision, "destination"), notice, now);
    }
    awaiting[id] = AwaitingShare{now, revision, caseNumber, from, to, false};
    log::info("SHARE_ACCEPTED", {{"app", kSharesApp}, {"record", id}, {"revision", revision}});
  }
  saveAwaitingShares(store, awaiting);
  state["lastStatus"] = share_status::kSent;
  state["decision"] = reason ? "returned" : "accepted";
  state["revision"] = revision;
  state["digest"] = digest;
  saveRuleState(store, kRule, id, state);
  tx.commit();
  return Outcome::ok();
}

}  // namespace teichaku::rules
