#pragma once

// The outbound actions a rule can ask for. Each becomes one outbox item: kind +
// JSON payload (sealed at rest by the store). Garoon texts are built with the
// PayloadGuard *before* enqueueing, so what is stored is exactly what will be sent,
// and the deliverer checks it once more against the record's personal values.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"

namespace teichaku::store {
class MirrorStore;
}

namespace teichaku::rules {

// A kintone record whose personal field values (mapping: personal = true) must not appear
// in a Garoon payload: the deliverer reads them (mirror first, else kintone) and runs
// PayloadGuard::rejectIfContains on the final JSON against them.
struct RecordRef {
  std::string appKey;
  std::string recordId;
  bool operator==(const RecordRef&) const = default;
};

// kind "garoon.notification": add or modify the notification with this key for each
// user (Garoon: one notification per destination user, key reused on re-send).
struct NotificationAction {
  std::string notificationKey;             // deterministic (outbox_key.h)
  std::vector<std::string> userCodes;      // Garoon login codes of the recipients
  std::string title;                       // guarded text
  std::string body;                        // guarded text
  std::string url;                         // guarded kintone record/view URL
  bool remove = false;                     // withdraw instead of add/modify
  std::vector<RecordRef> personalSources;  // records whose personal values are forbidden
};

// kind "garoon.event": create, move or delete the schedule event of one case's
// release date. The Garoon event id is kept in the store (meta) under `eventKey`.
struct EventAction {
  std::string eventKey;                // deterministic; maps to the Garoon event id
  std::vector<std::string> userCodes;  // attendees
  std::string subject;                 // guarded text
  std::string notes;                   // guarded text
  std::string date;                    // YYYY-MM-DD (all-day event)
  bool remove = false;
  std::vector<RecordRef> personalSources;  // records whose personal values are forbidden
};

// kind "kintone.update": write fields of one record (差戻し, 閲覧組織, 受領日時, new
// task records...). `recordJson` is the kintone "record" object to send.
struct KintoneUpdateAction {
  std::string appKey;
  std::string recordId;  // empty = add a new record
  std::string recordJson;
  std::int64_t revision = -1;  // -1 = no revision check
  // For an add: a unique SINGLE_LINE_TEXT field and its value (the outbox key). The add is
  // then an upsert on that key, so a repeat after a crash updates the same record instead
  // of adding a second one (kintone-api.md "PUT records.json", upsert). Empty = plain add.
  std::string upsertKeyField;
  std::string upsertKeyValue;
};

std::string toPayload(const NotificationAction& action);
std::string toPayload(const EventAction& action);
std::string toPayload(const KintoneUpdateAction& action);
std::optional<NotificationAction> notificationFromPayload(const std::string& payload);
std::optional<EventAction> eventFromPayload(const std::string& payload);
std::optional<KintoneUpdateAction> kintoneUpdateFromPayload(const std::string& payload);

inline constexpr const char* kNotificationKind = "garoon.notification";
inline constexpr const char* kEventKind = "garoon.event";
inline constexpr const char* kKintoneUpdateKind = "kintone.update";

// Enqueue helpers: false when the key is already in the outbox (a replay).
bool enqueue(store::MirrorStore& store, const std::string& key, const NotificationAction& action,
             std::int64_t nowMs);
bool enqueue(store::MirrorStore& store, const std::string& key, const EventAction& action,
             std::int64_t nowMs);
bool enqueue(store::MirrorStore& store, const std::string& key, const KintoneUpdateAction& action,
             std::int64_t nowMs);

}  // namespace teichaku::rules
