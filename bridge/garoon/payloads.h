#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "common/outcome.h"
#include "garoon/garoon_types.h"

// JSON bodies for Garoon writes, and readers for Garoon responses. Pure functions: no
// sending, so they are tested against golden JSON.
namespace teichaku::garoon {

struct PayloadResult {
  Outcome outcome = Outcome::ok();
  std::string json;  // empty unless ok
};

const char* toString(NotificationOperation operation);
const char* toString(EventType type);

// POST /g/api/v1/notification/items (A2). Fails GAROON_INVALID_ARGUMENT when a required
// field is empty, GAROON_PAYLOAD_REJECTED when a text had refused pieces.
PayloadResult notificationPayload(const NotificationInput& input);

// POST /g/api/v1/schedule/events, or the PATCH body (no eventType) when forUpdate. Checks
// the documented rules first (A3 "POST body"): end unless isStartOnly; end for ALL_DAY;
// not isStartOnly together with isAllDay; attendees required (no facilities).
PayloadResult eventPayload(const EventInput& input, bool forUpdate);

// Ids come as JSON strings, sometimes as numbers (A1 "Identifiers"): both are read.
std::optional<std::string> idMember(const rapidjson::Value& object, const char* name);

std::optional<GaroonUser> readUser(const rapidjson::Value& value);
std::optional<GaroonOrganization> readOrganization(const rapidjson::Value& value);
std::optional<NotificationItem> readNotificationItem(const rapidjson::Value& value);
std::optional<Event> readEvent(const rapidjson::Value& value);

}  // namespace teichaku::garoon
