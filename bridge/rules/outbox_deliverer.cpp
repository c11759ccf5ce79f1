#include "rules/outbox_deliverer.h"

#include <rapidjson/document.h>

#include <exception>
#include <set>

#include "garoon/garoon_client.h"
#include "kintone/backoff.h"
#include "kintone/kintone_client.h"
#include "log/log.h"
#include "mapping/mapping.h"
#include "rules/record_fields.h"
#include "rules/reguard.h"
#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

// Outbox backoff: much slower than one request's retries (the clients already retried
// within seconds); full jitter spreads many items that failed together.
kintone::RetryPolicy outboxPolicy() {
  kintone::RetryPolicy policy;
  policy.base = std::chrono::seconds(30);
  policy.cap = std::chrono::hours(1);
  return policy;
}

std::string notificationMeta(const std::string& key) {
  return "garoon.notification." + key;
}
std::string eventMeta(const std::string& key) {
  return "garoon.event." + key;
}

Outcome badPayload(const std::string& what) {
  return Outcome::fail("OUTBOX_BAD_PAYLOAD",
                       "送信内容が壊れているか、許可された形式ではありません（" + what + "）。");
}

// The one text that goes into lastError: the id and a fixed sentence, so nothing a record
// or a service said can end up there.
std::string errorText(const Outcome& outcome, std::int64_t attempts) {
  return outcome.messageId() + ": 送信できませんでした（試行 " + std::to_string(attempts) +
         " 回目）。詳細は docs/messages.md のこの ID を参照してください。";
}

garoon::EventTime jstTime(const std::string& date, const char* time) {
  garoon::EventTime t;
  t.dateTime = date + "T" + time + "+09:00";
  t.timeZone = "Asia/Tokyo";
  return t;
}

// The event this input would create: same subject, all day on the same date, the same
// attendee users (order ignored).
bool sameEvent(const garoon::Event& event, const garoon::EventInput& input,
               const std::string& date) {
  if (event.subject != input.subject.str() || !event.isAllDay ||
      event.start.dateTime.substr(0, date.size()) != date) {
    return false;
  }
  std::set<std::string> want;
  for (const auto& attendee : input.attendees) {
    want.insert(attendee.ref.value);
  }
  std::set<std::string> have;
  for (const auto& attendee : event.attendees) {
    if (attendee.type == "USER") {
      have.insert(attendee.code);
    }
  }
  return want == have;
}

}  // namespace

OutboxDeliverer::OutboxDeliverer(store::MirrorStore& store, kintone::KintoneClient& kintone,
                                 garoon::GaroonClient& garoon, const garoon::PayloadGuard& guard,
                                 RuleSettings settings, std::function<std::int64_t()> nowMs,
                                 const mapping::Mapping* mapping)
    : store_(store),
      kintone_(kintone),
      garoon_(garoon),
      guard_(guard),
      settings_(std::move(settings)),
      nowMs_(std::move(nowMs)),
      mapping_(mapping),
      uniform_(kintone::defaultUniform01()) {}

std::size_t OutboxDeliverer::deliverDue(std::size_t maxItems) {
  std::size_t sent = 0;
  const kintone::Backoff backoff(outboxPolicy(), uniform_);
  for (std::size_t n = 0; n < maxItems; ++n) {
    const std::int64_t now = nowMs_();
    auto item = store_.claim(now);
    if (!item) {
      break;
    }
    Outcome outcome = Outcome::ok();
    try {
      outcome = send(item->kind, item->payload);
    } catch (const std::exception&) {
      // A store error or a malformed answer: counted as a failed attempt, retried later.
      outcome = Outcome::retry("OUTBOX_DELIVERY_FAILED", "送信中にエラーが発生しました。");
    }
    if (outcome.isOk()) {
      store_.markDone(item->id, nowMs_());
      ++sent;
      continue;
    }
    const std::string error = errorText(outcome, item->attempts);
    if (outcome.isRetry() && item->attempts < settings_.outboxMaxAttempts) {
      const auto delay = backoff.delay(static_cast<int>(item->attempts) - 1, std::nullopt);
      store_.markFailed(item->id, error, now + delay.count());
      log::warning("OUTBOX_DELIVERY_FAILED", {{"key", item->key},
                                              {"kind", item->kind},
                                              {"attempts", item->attempts},
                                              {"cause", outcome.messageId()}});
      continue;
    }
    store_.park(item->id, error);
    log::error("OUTBOX_PARKED", {{"key", item->key},
                                 {"kind", item->kind},
                                 {"attempts", item->attempts},
                                 {"cause", outcome.messageId()}});
  }
  return sent;
}

Outcome OutboxDeliverer::send(const std::string& kind, const std::string& payload) {
  if (kind == kNotificationKind) {
    auto action = notificationFromPayload(payload);
    return action ? sendNotification(*action) : badPayload(kind);
  }
  if (kind == kEventKind) {
    auto action = eventFromPayload(payload);
    return action ? sendEvent(*action) : badPayload(kind);
  }
  if (kind == kKintoneUpdateKind) {
    auto action = kintoneUpdateFromPayload(payload);
    return action ? sendKintoneUpdate(*action) : badPayload(kind);
  }
  return badPayload(kind);
}

Outcome OutboxDeliverer::forbiddenValues(const std::vector<RecordRef>& sources,
                                         std::vector<std::string>& out) {
  if (mapping_ == nullptr) {
    return Outcome::ok();
  }
  for (const auto& source : sources) {
    const mapping::AppMapping* app = mapping_->app(source.appKey);
    if (app == nullptr) {
      continue;
    }
    std::optional<std::string> body;
    try {
      if (auto stored = store_.getRecord(source.appKey, std::stoll(source.recordId))) {
        body = stored->body();
      }
    } catch (const std::exception&) {
      // Not readable from the mirror (bad id, a body sealed with a removed key): ask kintone.
      body.reset();
    }
    if (body) {
      rapidjson::Document doc;
      doc.Parse(body->data(), body->size());
      if (!doc.HasParseError()) {
        auto values = personalValues(*app, doc);
        out.insert(out.end(), values.begin(), values.end());
        continue;
      }
    }
    const std::string appId = settings_.appId ? settings_.appId(source.appKey) : "";
    if (appId.empty()) {
      continue;
    }
    auto result = kintone_.getRecord(appId, source.recordId);
    if (!result.outcome.isOk()) {
      if (result.kintoneCode == "GAIA_RE01") {
        continue;  // deleted: it has no values left to leak
      }
      return result.outcome;
    }
    if (result.json.IsObject() && result.json.HasMember("record")) {
      auto values = personalValues(*app, result.json["record"]);
      out.insert(out.end(), values.begin(), values.end());
    }
  }
  return Outcome::ok();
}

Outcome OutboxDeliverer::sendNotification(const NotificationAction& action) {
  auto title = reguardText(guard_, action.title);
  auto body = reguardText(guard_, action.body);
  auto url = reguardUrl(guard_, action.url);
  if (!title || !body || !url || action.userCodes.empty()) {
    return badPayload(kNotificationKind);
  }
  std::vector<std::string> forbidden;
  if (Outcome o = forbiddenValues(action.personalSources, forbidden); !o.isOk()) {
    return o;
  }
  garoon::NotificationInput input;
  input.app = settings_.garoonNotificationApp;
  input.notificationKey = action.notificationKey;
  const bool sentBefore = store_.meta(notificationMeta(action.notificationKey)).has_value();
  input.operation = action.remove ? garoon::NotificationOperation::kRemove
                    : sentBefore  ? garoon::NotificationOperation::kModify
                                  : garoon::NotificationOperation::kAdd;
  input.title = std::move(*title);
  input.body = std::move(*body);
  input.url = std::move(*url);
  for (const auto& code : action.userCodes) {
    input.destinations.push_back(garoon::Ref::code(code));
  }
  auto result = garoon_.upsertNotification(input, forbidden);
  if (result.outcome.isOk() && !sentBefore) {
    store_.setMeta(notificationMeta(action.notificationKey), "sent");
  }
  return result.outcome;
}

Outcome OutboxDeliverer::sendEvent(const EventAction& action) {
  const std::string metaKey = eventMeta(action.eventKey);
  const std::string eventId = store_.meta(metaKey).value_or("");
  if (action.remove) {
    if (eventId.empty()) {
      return Outcome::ok();
    }
    auto result = garoon_.deleteEvent(eventId);
    // Already gone (deleted by hand, or our earlier delete whose answer was lost).
    if (result.outcome.isOk() || result.outcome.messageId() == "GAROON_NOT_FOUND") {
      store_.setMeta(metaKey, "");
      return Outcome::ok();
    }
    return result.outcome;
  }
  auto subject = reguardText(guard_, action.subject);
  auto notes = reguardText(guard_, action.notes);
  if (!subject || !notes || action.userCodes.empty() || !domain::Date::parse(action.date)) {
    return badPayload(kEventKind);
  }
  std::vector<std::string> forbidden;
  if (Outcome o = forbiddenValues(action.personalSources, forbidden); !o.isOk()) {
    return o;
  }
  // An all-day event: ALL_DAY needs an end (garoon-cybozu-api.md A3 "POST body").
  garoon::EventInput input;
  input.type = garoon::EventType::kAllDay;
  input.isAllDay = true;
  input.subject = std::move(*subject);
  input.notes = std::move(*notes);
  input.start = jstTime(action.date, "00:00:00");
  input.end = jstTime(action.date, "23:59:59");
  for (const auto& code : action.userCodes) {
    input.attendees.push_back({garoon::Attendee::Type::kUser, garoon::Ref::code(code)});
  }
  if (!eventId.empty()) {
    auto updated = garoon_.updateEvent(eventId, input, forbidden);
    if (updated.outcome.messageId() != "GAROON_NOT_FOUND") {
      return updated.outcome;
    }
  }
  // Creating is not idempotent in Garoon: after a crash between the create and markDone,
  // or a lost answer, the event may already exist without its id in the store.
  auto existing = findCreatedEvent(input, action.date, action.userCodes.front());
  if (!existing.outcome.isOk()) {
    return existing.outcome;
  }
  if (!existing.value.empty()) {
    log::notice("OUTBOX_EVENT_ADOPTED", {{"key", action.eventKey}});
    store_.setMeta(metaKey, existing.value);
    auto updated = garoon_.updateEvent(existing.value, input, forbidden);
    return updated.outcome;
  }
  auto created = garoon_.createEvent(input, forbidden);
  if (created.outcome.isOk()) {
    store_.setMeta(metaKey, created.value.id);
  }
  return created.outcome;
}

garoon::Fetched<std::string> OutboxDeliverer::findCreatedEvent(const garoon::EventInput& input,
                                                               const std::string& date,
                                                               const std::string& attendeeCode) {
  auto ids = garoon_.garoonIdsByCode({attendeeCode});
  if (!ids.outcome.isOk()) {
    return {ids.outcome, {}, ids.errorCode};
  }
  auto found = ids.value.find(attendeeCode);
  if (found == ids.value.end()) {
    return {};  // an unknown user: the create reports it
  }
  // The all-day event starts at 00:00 JST of the date (garoon-cybozu-api.md A3 "Search":
  // rangeStart/rangeEnd filter on the start).
  garoon::EventSearch search;
  search.rangeStart = date + "T00:00:00+09:00";
  search.rangeEnd = date + "T23:59:59+09:00";
  search.targetType = "user";
  search.target = found->second;
  auto events = garoon_.searchEvents(search);
  if (!events.outcome.isOk()) {
    return {events.outcome, {}, events.errorCode};
  }
  for (const auto& event : events.value) {
    if (sameEvent(event, input, date)) {
      return {Outcome::ok(), event.id, {}};
    }
  }
  return {};
}

Outcome OutboxDeliverer::sendKintoneUpdate(const KintoneUpdateAction& action) {
  const std::string appId = settings_.appId ? settings_.appId(action.appKey) : "";
  rapidjson::Document record;
  record.Parse(action.recordJson.data(), action.recordJson.size());
  if (appId.empty() || record.HasParseError() || !record.IsObject()) {
    return badPayload(kKintoneUpdateKind);
  }
  rapidjson::Document items(rapidjson::kArrayType);
  auto& alloc = items.GetAllocator();
  const bool upsert = action.recordId.empty() && !action.upsertKeyField.empty();
  if (upsert) {
    rapidjson::Value key(rapidjson::kObjectType);
    key.AddMember("field", rapidjson::Value(action.upsertKeyField.c_str(), alloc), alloc);
    key.AddMember("value", rapidjson::Value(action.upsertKeyValue.c_str(), alloc), alloc);
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("updateKey", key, alloc);
    item.AddMember("record", rapidjson::Value(record, alloc), alloc);
    items.PushBack(item, alloc);
  } else if (action.recordId.empty()) {
    items.PushBack(rapidjson::Value(record, alloc), alloc);
  } else {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("id", rapidjson::Value(action.recordId.c_str(), alloc), alloc);
    item.AddMember("record", rapidjson::Value(record, alloc), alloc);
    if (action.revision >= 0) {
      item.AddMember("revision", rapidjson::Value(std::to_string(action.revision).c_str(), alloc),
                     alloc);
    }
    items.PushBack(item, alloc);
  }
  const kintone::WriteResult result = upsert ? kintone_.updateRecords(appId, items, true)
                                      : action.recordId.empty()
                                          ? kintone_.addRecords(appId, items)
                                          : kintone_.updateRecords(appId, items);
  if (result.outcome.messageId() == "KINTONE_CONFLICT") {
    // 409 GAIA_CO02: a person changed the record after the rule decided
    // (kintone-api.md error codes, GAIA_CO02); the rule decides again on that revision.
    log::notice("OUTBOX_SUPERSEDED", {{"app", action.appKey}, {"record", action.recordId}});
    return Outcome::ok();
  }
  return result.outcome;
}

}  // namespace teichaku::rules
