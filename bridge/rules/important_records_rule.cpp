#include "rules/important_records_rule.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "domain/date.h"
#include "garoon/payload_guard.h"
#include "kintone/kintone_client.h"
#include "log/log.h"
#include "mapping/mapping.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "rules/record_fields.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

struct ImportantRecordsRule::CaseStaff {
  bool found = false;
  std::string id;
  std::string centre;
  std::vector<std::string> staff;
};

namespace {

constexpr const char* kRuleName = "important";
constexpr const char* kApp = "support_records";

const std::string& requiredCode(const mapping::Mapping& mapping, const char* app,
                                const char* name) {
  const mapping::AppMapping* a = mapping.app(app);
  const mapping::FieldMapping* f = a == nullptr ? nullptr : a->byName(name);
  if (f == nullptr) {
    throw std::invalid_argument(std::string("データマッピングに ") + app + "." + name +
                                " がありません（重要記録の通知に必要です）。");
  }
  return f->code;
}

// The 区分2 values that make a record important, and the short kind kept in the rule's
// state for each.
std::optional<std::string_view> importanceLabel(std::string_view value) {
  if (value == "重要な情報") {
    return "重要";
  }
  if (value == "取得情報") {
    return "取得";
  }
  if (value == "移行情報") {
    return "移行";
  }
  if (value == "終了情報") {
    return "終了";
  }
  return std::nullopt;
}

// The case numbers the PayloadGuard accepts; checked here too because the number goes
// into a kintone query.
bool isCaseNumber(std::string_view text) {
  return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

}  // namespace

ImportantRecordsRule::ImportantRecordsRule(RuleServices& services)
    : services_(services),
      importanceCode_(requiredCode(services.mapping, kApp, "importance")),
      caseNumberCode_(requiredCode(services.mapping, kApp, "case_number")),
      caseCentreCode_(requiredCode(services.mapping, kApp, "case_centre")),
      recordDateCode_(requiredCode(services.mapping, kApp, "record_date")),
      casesNumberCode_(requiredCode(services.mapping, "cases", "case_number")),
      casesCentreCode_(requiredCode(services.mapping, "cases", "owner_centre")),
      casesStaffCode_(requiredCode(services.mapping, "cases", "staff")) {}

Outcome ImportantRecordsRule::onTick(std::int64_t) {
  return Outcome::ok();
}

Outcome ImportantRecordsRule::lookUpCase(const std::string& caseNumber, CaseStaff& out) {
  // kintone-api.md §5 (query): text "=" is an exact match; the number was checked to hold
  // only letters, digits and '-', so it needs no escaping.
  const std::string query = casesNumberCode_ + " = \"" + caseNumber + "\" limit 1";
  kintone::JsonResult result =
      services_.kintone.getRecords(services_.settings.appId("cases"), query,
                                   {"$id", casesNumberCode_, casesCentreCode_, casesStaffCode_});
  if (!result.outcome.isOk()) {
    return result.outcome;
  }
  auto records = result.json.FindMember("records");
  if (records != result.json.MemberEnd() && records->value.IsArray() && !records->value.Empty()) {
    const rapidjson::Value& c = records->value[0];
    out.found = true;
    out.id = textValue(c, "$id");
    out.centre = textValue(c, casesCentreCode_.c_str());
    out.staff = entityCodes(c, casesStaffCode_.c_str());
  }
  return Outcome::ok();
}

Outcome ImportantRecordsRule::onRecord(const std::string& appKey, const rapidjson::Value& record) {
  if (appKey != kApp) {
    return Outcome::ok();
  }
  const std::string id = textValue(record, "$id");
  const std::string revision = textValue(record, "$revision");
  if (id.empty() || revision.empty()) {
    log::error("RULE_BAD_RECORD", {{"rule", kRuleName}, {"app", kApp}});
    return Outcome::ok();
  }
  const std::string metaKey = std::string("rule.important.") + id;
  const std::optional<std::string> seen = services_.store.meta(metaKey);
  const std::string seenKind = seen ? seen->substr(0, seen->find('|')) : std::string();
  const std::optional<std::string_view> label =
      importanceLabel(textValue(record, importanceCode_.c_str()));
  if (!label) {
    // Remember that the kind went away, so setting it again later is a new notice.
    if (seen && !seenKind.empty()) {
      services_.store.setMeta(metaKey, "|" + revision);
    }
    return Outcome::ok();
  }
  if (seen && seenKind == *label) {
    return Outcome::ok();  // already decided at the revision that set this kind
  }

  const std::string caseNumber = textValue(record, caseNumberCode_.c_str());
  if (!isCaseNumber(caseNumber)) {
    log::warning("RULE_RECORD_SKIPPED",
                 {{"rule", kRuleName}, {"app", kApp}, {"record", id}, {"reason", "case_number"}});
    return Outcome::ok();
  }
  CaseStaff caseStaff;
  if (Outcome looked = lookUpCase(caseNumber, caseStaff); !looked.isOk()) {
    return looked;
  }
  const std::string centre = caseStaff.found && !caseStaff.centre.empty()
                                 ? caseStaff.centre
                                 : textValue(record, caseCentreCode_.c_str());
  std::vector<std::string> recipients;
  for (const auto& code : caseStaff.staff) {
    if (services_.directory.centreOfUser(code) == centre) {
      recipients.push_back(code);
    }
  }
  if (recipients.empty()) {
    recipients = services_.directory.staffLoginCodes(centre);
  }
  std::sort(recipients.begin(), recipients.end());
  recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
  if (recipients.empty()) {
    log::warning("RULE_NO_RECIPIENTS", {{"rule", kRuleName}, {"app", kApp}, {"record", id}});
    return Outcome::ok();
  }

  // Only pieces the guard makes (the deliverer re-reads the stored text with the guard's
  // grammar, rules/reguard.h): the kind of record is not among them, the link shows it.
  garoon::GuardedText title = services_.guard.text();
  title.kind(revision == "1" ? garoon::EventKind::kRecordAdded : garoon::EventKind::kRecordChanged)
      .caseNumber(caseNumber);
  garoon::GuardedText body = services_.guard.text();
  body.centre(centre);
  if (auto date = domain::Date::parse(textValue(record, recordDateCode_.c_str()))) {
    body.lineBreak().date(garoon::DateRole::kUpdated, *date);
  }
  const auto url = services_.guard.recordUrl(services_.settings.appId(kApp), id);
  if (!title.refusals().empty() || !body.refusals().empty() || !url) {
    log::error("GAROON_PAYLOAD_REJECTED", {{"rule", kRuleName}, {"app", kApp}, {"record", id}});
    return Outcome::fail("GAROON_PAYLOAD_REJECTED",
                         "Garoon に載せられない値があるため、重要記録の通知を作りませんでした。");
  }

  NotificationAction action;
  action.notificationKey = outboxKey(kRuleName, kApp, id, revision);
  action.userCodes = recipients;
  action.title = title.str();
  action.body = body.str();
  action.url = url->str();
  action.personalSources.push_back({kApp, id});
  if (!caseStaff.id.empty()) {
    action.personalSources.push_back({"cases", caseStaff.id});
  }

  // The last check before anything is stored, the same the deliverer makes: none of the
  // record's personal values (the case's name copied by the lookup above all) may be in it.
  const std::vector<std::string> forbidden = personalValues(*services_.mapping.app(kApp), record);
  if (Outcome checked = garoon::PayloadGuard::rejectIfContains(toPayload(action), forbidden);
      !checked.isOk()) {
    log::error("GAROON_PAYLOAD_REJECTED", {{"rule", kRuleName}, {"app", kApp}, {"record", id}});
    return checked;
  }

  try {
    store::Transaction tx(services_.store);
    enqueue(services_.store, action.notificationKey, action, services_.nowMs());
    services_.store.setMeta(metaKey, std::string(*label) + "|" + revision);
    tx.commit();
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}, {"app", kApp}, {"record", id}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
  return Outcome::ok();
}

}  // namespace teichaku::rules
