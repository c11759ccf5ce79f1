#pragma once

#include <optional>
#include <string>
#include <vector>

#include "garoon/payload_guard.h"

// Garoon REST request inputs and response items as plain data (garoon-cybozu-api.md A2–A4).
// Texts and links are Guarded* so that only PayloadGuard-built content reaches Garoon.
namespace teichaku::garoon {

// A Garoon user (or organization) named by Garoon id or by login code (A2
// `destinations[].id | code`, A3 `attendees[] {type, id | code}`).
struct Ref {
  enum class Key { kId, kCode };
  Key key = Key::kCode;
  std::string value;
  static Ref id(std::string value) { return {Key::kId, std::move(value)}; }
  static Ref code(std::string value) { return {Key::kCode, std::move(value)}; }
};

// A2: marks the notification as about new / changed / deleted data; it is not a CRUD verb.
enum class NotificationOperation { kAdd, kModify, kRemove };

struct NotificationInput {
  std::string app;              // the External notification code set up by the admin
  std::string notificationKey;  // same key again = update of the same notification
  NotificationOperation operation = NotificationOperation::kAdd;
  GuardedUrl url;
  GuardedText title;
  GuardedText body;
  std::vector<Ref> destinations;  // type USER
};

enum class EventType { kRegular, kAllDay };  // the only two POST accepts (A3)

struct EventTime {
  std::string dateTime;  // RFC 3339, e.g. 2026-04-01T10:00:00+09:00
  std::string timeZone = "Asia/Tokyo";
};

struct Attendee {
  enum class Type { kUser, kOrganization };
  Type type = Type::kUser;
  Ref ref;
};

struct EventInput {
  EventType type = EventType::kRegular;
  GuardedText subject;
  GuardedText notes;
  EventTime start;
  std::optional<EventTime> end;
  bool isAllDay = false;
  bool isStartOnly = false;
  std::vector<Attendee> attendees;  // no facilities: the bridge books no rooms
};

struct EventSearch {
  std::string rangeStart;  // RFC 3339; events that start after it (A3 "Search")
  std::string rangeEnd;
  // user / organization / facility with its Garoon id; empty = the caller's own events.
  std::string targetType;
  std::string target;
  std::string orderBy;  // e.g. "start asc"; empty = Garoon's default
};

struct GaroonUser {
  std::string id;
  std::string code;
  std::string name;
};

struct GaroonOrganization {
  std::string id;
  std::string code;
  std::string name;
};

struct NotificationItem {
  std::string moduleId;
  std::string creatorCode;
  std::string createdAt;
  std::string operation;
  std::string url;
  std::string title;
  std::string body;
  bool isRead = false;
};

struct EventAttendee {
  std::string id;
  std::string code;
  std::string type;
};

struct Event {
  std::string id;
  std::string eventType;
  std::string subject;
  std::string notes;
  EventTime start;
  std::optional<EventTime> end;
  bool isAllDay = false;
  bool isStartOnly = false;
  std::vector<EventAttendee> attendees;
};

}  // namespace teichaku::garoon
