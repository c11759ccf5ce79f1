#include "rules/release_calendar_rule.h"

#include <chrono>
#include <stdexcept>
#include <string_view>
#include <variant>

#include "garoon/payload_guard.h"
#include "log/log.h"
#include "mapping/mapping.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/outbox_key.h"
#include "rules/record_fields.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

constexpr const char* kRuleName = "release";
constexpr const char* kApp = "cases";
constexpr const char* kActiveKey = "rule.release.active";  // "<case id>.<kind>,..." with an event
constexpr const char* kScanKey = "rule.release.scan";      // JST hour of the last mirror scan
constexpr const char* kClosedStatus = "支援終了";

struct DateKind {
  const char* key;  // in the event key; 刑期終了日 and 仮釈放日 each get their own event
};
constexpr DateKind kSentenceEnd{"sentence_end"};
constexpr DateKind kParole{"parole"};

const std::string& requiredCode(const mapping::Mapping& mapping, const char* name) {
  const mapping::AppMapping* a = mapping.app(kApp);
  const mapping::FieldMapping* f = a == nullptr ? nullptr : a->byName(name);
  if (f == nullptr) {
    throw std::invalid_argument(std::string("データマッピングに cases.") + name +
                                " がありません（出所カレンダーに必要です）。");
  }
  return f->code;
}

// Japan has no daylight saving time: JST is UTC+9 all year.
std::chrono::sys_time<std::chrono::minutes> jstTime(std::int64_t nowMs) {
  using namespace std::chrono;
  return floor<minutes>(sys_time<milliseconds>(milliseconds(nowMs)) + hours(9));
}

domain::Date jstDate(std::int64_t nowMs) {
  return domain::Date::fromSysDays(std::chrono::floor<std::chrono::days>(jstTime(nowMs)));
}

std::string jstHourKey(std::int64_t nowMs) {
  const auto t = jstTime(nowMs);
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(t - day).count();
  return domain::Date::fromSysDays(day).toString() + "T" + std::to_string(hour);
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

std::set<std::string> parseSet(const std::optional<std::string>& text) {
  std::set<std::string> out;
  if (!text) {
    return out;
  }
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (comma != 0) {
      out.emplace(rest.substr(0, comma));
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

std::string joinSet(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

struct EventState {
  std::int64_t seq = 0;
  std::string date;  // empty: no event in Garoon
};

EventState parseState(const std::optional<std::string>& text) {
  EventState state;
  if (!text) {
    return state;
  }
  const auto bar = text->find('|');
  try {
    state.seq = std::stoll(text->substr(0, bar));
  } catch (const std::exception&) {
    state.seq = 0;  // unreadable: start over; the date below still tells what exists
  }
  state.date = bar == std::string::npos ? std::string() : text->substr(bar + 1);
  return state;
}

}  // namespace

ReleaseCalendarRule::ReleaseCalendarRule(RuleServices& services)
    : services_(services),
      caseNumberCode_(requiredCode(services.mapping, "case_number")),
      centreCode_(requiredCode(services.mapping, "owner_centre")),
      statusCode_(requiredCode(services.mapping, "status")),
      supportEndCode_(requiredCode(services.mapping, "support_end_date")),
      sentenceEndCode_(requiredCode(services.mapping, "sentence_end_date")),
      paroleDateCode_(requiredCode(services.mapping, "parole_date")) {}

Outcome ReleaseCalendarRule::apply(const CaseDates& c, const domain::Date& today,
                                   const std::vector<std::string>& forbidden) {
  Outcome worst = Outcome::ok();
  store::MirrorStore& store = services_.store;
  store::Transaction tx(store);
  std::set<std::string> active = parseSet(store.meta(kActiveKey));
  const domain::Date horizon = today.addDays(services_.settings.releaseWindowDays);
  bool changed = false;
  for (const DateKind* kind : {&kSentenceEnd, &kParole}) {
    const std::optional<domain::Date>& date = kind == &kSentenceEnd ? c.sentenceEnd : c.parole;
    const std::string stateKey = "rule.release." + c.id + "." + kind->key;
    const EventState state = parseState(store.meta(stateKey));
    std::string desired;
    if (!c.closed && date) {
      const std::string text = date->toString();
      // An event already on this date stays even once the date has passed.
      if (text == state.date || (*date >= today && *date <= horizon)) {
        desired = text;
      }
    }
    if (desired == state.date) {
      continue;
    }
    EventAction action;
    action.eventKey = outboxKey(kRuleName, kApp, c.id, kind->key);
    action.userCodes = services_.directory.staffLoginCodes(c.centre);
    action.remove = desired.empty();
    action.date = action.remove ? state.date : desired;
    if (!action.remove) {
      if (action.userCodes.empty()) {
        log::warning("RULE_NO_RECIPIENTS", {{"rule", kRuleName}, {"app", kApp}, {"record", c.id}});
        continue;
      }
      garoon::GuardedText subject = services_.guard.text();
      subject.kind(garoon::EventKind::kRelease).caseNumber(c.caseNumber);
      garoon::GuardedText notes = services_.guard.text();
      notes.centre(c.centre).lineBreak().date(garoon::DateRole::kRelease, *date);
      if (!subject.refusals().empty() || !notes.refusals().empty()) {
        log::error("GAROON_PAYLOAD_REJECTED",
                   {{"rule", kRuleName}, {"app", kApp}, {"record", c.id}});
        worst =
            Outcome::fail("GAROON_PAYLOAD_REJECTED",
                          "Garoon に載せられない値があるため、出所予定の予定を作りませんでした。");
        continue;
      }
      action.subject = subject.str();
      action.notes = notes.str();
      action.personalSources.push_back({kApp, c.id});
    }
    if (Outcome checked = garoon::PayloadGuard::rejectIfContains(toPayload(action), forbidden);
        !checked.isOk()) {
      log::error("GAROON_PAYLOAD_REJECTED", {{"rule", kRuleName}, {"app", kApp}, {"record", c.id}});
      worst = checked;
      continue;
    }
    const std::int64_t seq = state.seq + 1;
    enqueue(store,
            outboxKey(kRuleName, kApp, c.id, std::string(kind->key) + "-" + std::to_string(seq)),
            action, services_.nowMs());
    store.setMeta(stateKey, std::to_string(seq) + "|" + desired);
    const std::string activeItem = c.id + "." + kind->key;
    if (desired.empty()) {
      active.erase(activeItem);
    } else {
      active.insert(activeItem);
    }
    changed = true;
  }
  if (changed) {
    store.setMeta(kActiveKey, joinSet(active));
    tx.commit();
  }
  return worst;
}

Outcome ReleaseCalendarRule::onRecord(const std::string& appKey, const rapidjson::Value& record) {
  if (appKey != kApp) {
    return Outcome::ok();
  }
  CaseDates c;
  c.id = textValue(record, "$id");
  if (c.id.empty()) {
    log::error("RULE_BAD_RECORD", {{"rule", kRuleName}, {"app", kApp}});
    return Outcome::ok();
  }
  c.caseNumber = textValue(record, caseNumberCode_.c_str());
  c.centre = textValue(record, centreCode_.c_str());
  c.closed = textValue(record, statusCode_.c_str()) == kClosedStatus ||
             !textValue(record, supportEndCode_.c_str()).empty();
  c.sentenceEnd = domain::Date::parse(textValue(record, sentenceEndCode_.c_str()));
  c.parole = domain::Date::parse(textValue(record, paroleDateCode_.c_str()));
  // The record's personal values (name, birth date...) must not be in the event: the same
  // check the deliverer makes.
  const std::vector<std::string> forbidden = personalValues(*services_.mapping.app(kApp), record);
  try {
    return apply(c, jstDate(services_.nowMs()), forbidden);
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}, {"app", kApp}, {"record", c.id}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
}

Outcome ReleaseCalendarRule::onTick(std::int64_t nowMs) {
  const std::string hourKey = jstHourKey(nowMs);
  try {
    if (services_.store.meta(kScanKey) == hourKey) {
      return Outcome::ok();
    }
    const domain::Date today = jstDate(nowMs);
    const domain::Date horizon = today.addDays(services_.settings.releaseWindowDays);
    std::set<std::string> activeIds;
    for (const auto& item : parseSet(services_.store.meta(kActiveKey))) {
      activeIds.insert(item.substr(0, item.find('.')));
    }
    // Collected first and applied after the read: the scan must not hold a read
    // transaction while the rule writes. Only cases with something to do are kept.
    std::vector<CaseDates> todo;
    std::set<std::string> seen;
    services_.store.forEachRecord(kApp, [&](const store::StoredRecord& record) {
      CaseDates c;
      c.id = std::to_string(record.id);
      c.caseNumber = clearText(record, caseNumberCode_);
      c.centre = clearText(record, centreCode_);
      c.closed = clearText(record, statusCode_) == kClosedStatus ||
                 !clearText(record, supportEndCode_).empty();
      c.sentenceEnd = domain::Date::parse(clearText(record, sentenceEndCode_));
      c.parole = domain::Date::parse(clearText(record, paroleDateCode_));
      const auto inWindow = [&](const std::optional<domain::Date>& d) {
        return d && *d >= today && *d <= horizon;
      };
      const bool hasEvent = activeIds.count(c.id) > 0;
      if (hasEvent) {
        seen.insert(c.id);
      }
      if (hasEvent || (!c.closed && (inWindow(c.sentenceEnd) || inWindow(c.parole)))) {
        todo.push_back(std::move(c));
      }
      return true;
    });
    Outcome worst = Outcome::ok();
    for (const auto& c : todo) {
      if (Outcome o = apply(c, today, {}); !o.isOk()) {
        worst = o;
      }
    }
    // A case gone from the mirror (deleted in kintone) takes its events with it.
    for (const auto& id : activeIds) {
      if (seen.count(id) == 0) {
        CaseDates gone;
        gone.id = id;
        gone.closed = true;
        if (Outcome o = apply(gone, today, {}); !o.isOk()) {
          worst = o;
        }
      }
    }
    services_.store.setMeta(kScanKey, hourKey);
    return worst;
  } catch (const store::StoreError& e) {
    log::warning("RULE_STORE_FAILED", {{"rule", kRuleName}, {"app", kApp}});
    return Outcome::retry("RULE_STORE_FAILED", e.what());
  }
}

}  // namespace teichaku::rules
