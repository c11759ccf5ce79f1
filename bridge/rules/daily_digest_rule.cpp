#include "rules/daily_digest_rule.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <variant>

#include "domain/date.h"
#include "garoon/payload_guard.h"
#include "log/log.h"
#include "mapping/mapping.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

struct DailyDigestRule::Codes {
  // cases
  std::string caseNumber, centre, status, supportEnd, sentenceEnd, paroleDate;
  // support_records
  std::string recordCaseNumber, recordCentre, recordDate, importance;
  // tasks
  std::string taskCaseNumber, taskCentre, due, taskStatus;
  // shares
  std::string shareCaseNumber, fromCentre, toCentre, shareStatus;
};

namespace {

constexpr const char* kRuleName = "digest";
constexpr const char* kDayKey = "rule.digest.day";  // JST date of the last digest sent
constexpr int kWeekDays = 7;                        // "this week": today and the next 6 days
constexpr std::size_t kMaxListed = 10;              // case numbers per line, then "ほか N件"

// 区分2 → the digest's kinds, in the order they are shown. Anything else counts as 通常.
constexpr std::array<std::pair<std::string_view, garoon::CountLabel>, 5> kKinds = {{
    {"重要な情報", garoon::CountLabel::kImportant},
    {"取得情報", garoon::CountLabel::kAcquired},
    {"移行情報", garoon::CountLabel::kTransition},
    {"終了情報", garoon::CountLabel::kEnded},
    {"通常の記録", garoon::CountLabel::kOrdinary},
}};

const std::string& requiredCode(const mapping::Mapping& mapping, const char* app,
                                const char* name) {
  const mapping::AppMapping* a = mapping.app(app);
  const mapping::FieldMapping* f = a == nullptr ? nullptr : a->byName(name);
  if (f == nullptr) {
    throw std::invalid_argument(std::string("データマッピングに ") + app + "." + name +
                                " がありません（日次まとめに必要です）。");
  }
  return f->code;
}

std::string clearText(const store::StoredRecord& record, const std::string& code) {
  auto it = record.clear.find(code);
  if (it == record.clear.end()) {
    return {};
  }
  if (const auto* text = std::get_if<std::string>(&it->second)) {
    return *text;
  }
  if (const auto* date = std::get_if<store::Date>(&it->second)) {
    return date->iso;
  }
  return {};
}

// The case numbers the PayloadGuard accepts; others are counted but not listed.
bool isCaseNumber(std::string_view text) {
  return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

struct Tally {
  std::size_t count = 0;
  std::set<std::string> caseNumbers;
  void add(const std::string& caseNumber) {
    ++count;
    if (isCaseNumber(caseNumber)) {
      caseNumbers.insert(caseNumber);
    }
  }
};

struct CentreDigest {
  std::map<garoon::CountLabel, Tally> records;  // by digest kind
  Tally releases;
  Tally tasks;
  Tally sharesIn;
  Tally sharesOut;
};

// "<label> N件" and, on the next line, the first case numbers and how many more. Guard
// pieces only, so the deliverer's re-check (rules/reguard.h) accepts the body as built.
void appendTally(garoon::GuardedText& out, garoon::CountLabel label, const Tally& tally) {
  out.lineBreak().count(label, tally.count);
  if (tally.caseNumbers.empty()) {
    return;
  }
  out.lineBreak();
  std::size_t listed = 0;
  for (const auto& number : tally.caseNumbers) {
    if (listed == kMaxListed) {
      break;
    }
    out.caseNumber(number);
    ++listed;
  }
  if (tally.caseNumbers.size() > listed) {
    out.count(garoon::CountLabel::kMore, tally.caseNumbers.size() - listed);
  }
}

}  // namespace

DailyDigestRule::DailyDigestRule(RuleServices& services) : services_(services) {
  const mapping::Mapping& m = services.mapping;
  auto codes = std::make_shared<Codes>();
  codes->caseNumber = requiredCode(m, "cases", "case_number");
  codes->centre = requiredCode(m, "cases", "owner_centre");
  codes->status = requiredCode(m, "cases", "status");
  codes->supportEnd = requiredCode(m, "cases", "support_end_date");
  codes->sentenceEnd = requiredCode(m, "cases", "sentence_end_date");
  codes->paroleDate = requiredCode(m, "cases", "parole_date");
  codes->recordCaseNumber = requiredCode(m, "support_records", "case_number");
  codes->recordCentre = requiredCode(m, "support_records", "case_centre");
  codes->recordDate = requiredCode(m, "support_records", "record_date");
  codes->importance = requiredCode(m, "support_records", "importance");
  codes->taskCaseNumber = requiredCode(m, "tasks", "case_number");
  codes->taskCentre = requiredCode(m, "tasks", "case_centre");
  codes->due = requiredCode(m, "tasks", "due_date");
  codes->taskStatus = requiredCode(m, "tasks", "status");
  codes->shareCaseNumber = requiredCode(m, "shares", "case_number");
  codes->fromCentre = requiredCode(m, "shares", "from_centre");
  codes->toCentre = requiredCode(m, "shares", "to_centre");
  codes->shareStatus = requiredCode(m, "shares", "status");
  codes_ = std::move(codes);
}

Outcome DailyDigestRule::onRecord(const std::string&, const rapidjson::Value&) {
  return Outcome::ok();
}

Outcome DailyDigestRule::onTick(std::int64_t nowMs) {
  using namespace std::chrono;
  // Japan has no daylight saving time: JST is UTC+9 all year.
  const auto jst = floor<minutes>(sys_time<milliseconds>(milliseconds(nowMs)) + hours(9));
  const auto day = floor<days>(jst);
  if (duration_cast<hours>(jst - day).count() < services_.settings.digestHourJst) {
    return Outcome::ok();
  }
  const domain::Date today = domain::Date::fromSysDays(day);
  const domain::Date yesterday = today.addDays(-1);
  const domain::Date weekEnd = today.addDays(kWeekDays - 1);
  const std::string todayText = today.toString();
  const std::string yesterdayText = yesterday.toString();
  const Codes& c = *codes_;
  const auto inWeek = [&](const std::string& text) {
    const auto d = domain::Date::parse(text);
    return d && *d >= today && *d <= weekEnd;
  };

  try {
    if (services_.store.meta(kDayKey) == todayText) {
      return Outcome::ok();
    }
    std::map<std::string, CentreDigest> digests;
    services_.store.forEachRecord("cases", [&](const store::StoredRecord& r) {
      CentreDigest& d = digests[clearText(r, c.centre)];
      const bool closed =
          clearText(r, c.status) == "支援終了" || !clearText(r, c.supportEnd).empty();
      if (!closed && (inWeek(clearText(r, c.sentenceEnd)) || inWeek(clearText(r, c.paroleDate)))) {
        d.releases.add(clearText(r, c.caseNumber));
      }
      return true;
    });
    services_.store.forEachRecord("support_records", [&](const store::StoredRecord& r) {
      if (clearText(r, c.recordDate) != yesterdayText) {
        return true;
      }
      const std::string importance = clearText(r, c.importance);
      garoon::CountLabel kind = garoon::CountLabel::kOrdinary;
      for (const auto& [value, label] : kKinds) {
        if (importance == value) {
          kind = label;
        }
      }
      digests[clearText(r, c.recordCentre)].records[kind].add(clearText(r, c.recordCaseNumber));
      return true;
    });
    services_.store.forEachRecord("tasks", [&](const store::StoredRecord& r) {
      if (clearText(r, c.taskStatus) != "完了" && inWeek(clearText(r, c.due))) {
        digests[clearText(r, c.taskCentre)].tasks.add(clearText(r, c.taskCaseNumber));
      }
      return true;
    });
    services_.store.forEachRecord("shares", [&](const store::StoredRecord& r) {
      if (clearText(r, c.shareStatus) == "送信") {
        const std::string number = clearText(r, c.shareCaseNumber);
        digests[clearText(r, c.toCentre)].sharesIn.add(number);
        digests[clearText(r, c.fromCentre)].sharesOut.add(number);
      }
      return true;
    });

    // The link opens the support-record app's list, not a filtered ?query=: a query would
    // name the centre and field values, which PayloadGuard::viewUrl keeps out of Garoon.
    const auto url = services_.guard.viewUrl(services_.settings.appId("support_records"));

    std::vector<std::pair<std::string, NotificationAction>> actions;
    std::size_t withoutRecipients = 0;
    for (const auto& [centre, d] : digests) {
      if (centre.empty() || !services_.directory.isKnownCentre(centre)) {
        continue;
      }
      const auto organization = services_.directory.organizationCode(centre);
      NotificationAction action;
      action.userCodes = services_.directory.staffLoginCodes(centre);
      if (!organization || action.userCodes.empty()) {
        ++withoutRecipients;
        continue;
      }
      garoon::GuardedText title = services_.guard.text();
      title.kind(garoon::EventKind::kDailyDigest).centre(centre);

      garoon::GuardedText body = services_.guard.text();
      body.heading(garoon::Heading::kRecordsYesterday);
      for (const auto& [value, label] : kKinds) {
        auto it = d.records.find(label);
        appendTally(body, label, it == d.records.end() ? Tally{} : it->second);
      }
      body.lineBreak().heading(garoon::Heading::kReleasesThisWeek);
      appendTally(body, garoon::CountLabel::kRelease, d.releases);
      body.lineBreak().heading(garoon::Heading::kTasksThisWeek);
      appendTally(body, garoon::CountLabel::kTaskDue, d.tasks);
      body.lineBreak().heading(garoon::Heading::kSharesWaiting);
      appendTally(body, garoon::CountLabel::kSharesIn, d.sharesIn);
      appendTally(body, garoon::CountLabel::kSharesOut, d.sharesOut);

      if (!title.refusals().empty() || !body.refusals().empty() || !url) {
        log::error("GAROON_PAYLOAD_REJECTED", {{"rule", kRuleName}, {"centre", *organization}});
        continue;
      }
      action.notificationKey = outboxKey(kRuleName, "centres", *organization, todayText);
      action.title = title.str();
      action.body = body.str();
      action.url = url->str();
      actions.emplace_back(action.notificationKey, std::move(action));
    }
    if (withoutRecipients > 0) {
      log::warning("RULE_NO_RECIPIENTS", {{"rule", kRuleName}, {"count", withoutRecipients}});
    }
    store::Transaction tx(services_.store);
    std::size_t queued = 0;
    for (const auto& [key, action] : actions) {
      queued += enqueue(services_.store, key, action, nowMs) ? 1 : 0;
    }
    services_.store.setMeta(kDayKey, todayText);
    tx.commit();
    log::info("RULE_DIGEST_QUEUED", {{"date", todayText}, {"centres", queued}});
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
  return Outcome::ok();
}

}  // namespace teichaku::rules
