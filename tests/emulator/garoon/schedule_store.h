#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/cybozu/iso_time.h"

// Schedule events (garoon-cybozu-api.md A3), already validated and with members
// resolved to Garoon ids. Not thread-safe; GaroonService holds the lock.
namespace teichaku::emulator::garoon {

struct EventMember {
  std::string type;  // USER | ORGANIZATION (attendees, watchers); empty for facilities
  std::string id;    // Garoon id
  std::string code;
  std::string name;
};

struct EventTime {
  std::string dateTime;  // as sent (RFC 3339)
  std::string timeZone;  // IANA id
  cybozu::TimePoint instant;
};

struct Event {
  std::string id;
  std::string eventType;  // REGULAR | ALL_DAY
  std::string eventMenu;
  std::string subject;
  std::string notes;
  std::string visibilityType = "PUBLIC";
  EventTime start;
  std::optional<EventTime> end;
  bool isAllDay = false;
  bool isStartOnly = false;
  bool useAttendanceCheck = false;
  std::vector<EventMember> attendees;
  std::vector<EventMember> facilities;
  std::vector<EventMember> watchers;
  EventMember creator;
  EventMember updater;
  std::string createdAt;
  std::string updatedAt;
  std::int64_t createdSequence = 0;  // orderBy createdAt / updatedAt tie-breakers
  std::int64_t updatedSequence = 0;
};

class ScheduleStore {
 public:
  // Assigns id and sequences; returns the stored event.
  const Event& add(Event event);
  // Replaces an existing event (same id), bumping its update sequence.
  const Event& replace(Event event);
  const Event* find(const std::string& id) const;
  bool remove(const std::string& id);
  std::vector<Event> all() const;  // by id
  void clear();

 private:
  std::map<std::int64_t, Event> events_;
  std::int64_t nextId_ = 1;
  std::int64_t nextSequence_ = 1;
};

}  // namespace teichaku::emulator::garoon
