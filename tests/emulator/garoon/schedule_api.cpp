// /g/api/v1/schedule/events (garoon-cybozu-api.md A3): add, get, PATCH, DELETE,
// search. Only REGULAR and ALL_DAY events can be created.
#include <algorithm>
#include <regex>

#include "emulator/garoon/garoon_support.h"

namespace teichaku::emulator::garoon {
using namespace detail;

namespace {

using cybozu::writeKey;
using cybozu::writeString;

struct Resolver {
  const cybozu::UserDirectory& directory;
  const GaroonConfig& config;

  // `{type, id | code}`; id wins when both are given (A3 attendees, [mcp]).
  EventMember member(const rapidjson::Value& item, const std::string& path,
                     const std::vector<std::string>& allowedTypes) const {
    if (!item.IsObject()) {
      invalid(path);
    }
    const auto type = cybozu::stringMember(item, "type");
    if (!type) {
      missing(path + ".type");
    }
    if (std::find(allowedTypes.begin(), allowedTypes.end(), *type) == allowedTypes.end()) {
      notInEnum(path + ".type");
    }
    auto id = cybozu::stringMember(item, "id");
    if (!id && item.HasMember("id") && item["id"].IsInt64()) {
      id = std::to_string(item["id"].GetInt64());
    }
    const auto code = cybozu::stringMember(item, "code");
    if (!id && !code) {
      missing(path + ".id");
    }
    if (*type == "USER") {
      const auto user = id ? directory.userByGaroonId(*id) : directory.userByCode(*code);
      if (!user) {
        fail(404, "GRN_CMMN_00105", "指定されたユーザーが見つかりません。");
      }
      return {"USER", user->garoonId, user->code, user->name};
    }
    if (*type == "ORGANIZATION") {
      const auto org =
          id ? directory.organizationByGaroonId(*id) : directory.organizationByCode(*code);
      if (!org) {
        fail(520, "GRN_CMMN_00106", "指定された組織が見つかりません。");
      }
      return {"ORGANIZATION", org->garoonId, org->code, org->name};
    }
    // ROLE watchers: roles are not modelled, the reference is kept as sent.
    return {*type, id.value_or(""), code.value_or(""), ""};
  }

  EventMember facility(const rapidjson::Value& item, const std::string& path) const {
    if (!item.IsObject()) {
      invalid(path);
    }
    const auto id = cybozu::stringMember(item, "id");
    const auto code = cybozu::stringMember(item, "code");
    if (!id && !code) {
      missing(path + ".id");
    }
    for (const auto& known : config.facilities) {
      if (id ? known.id == *id : known.code == *code) {
        return {"", known.id, known.code, known.name};
      }
    }
    fail(400, "GRN_REST_API_00206", "指定された施設が存在しません。");
  }
};

EventTime parseTime(const rapidjson::Value& body, const char* key) {
  const auto& value = body[key];
  if (!value.IsObject()) {
    invalid(key);
  }
  const auto dateTime = cybozu::stringMember(value, "dateTime");
  const auto timeZone = cybozu::stringMember(value, "timeZone");
  if (!dateTime) {
    missing(std::string(key) + ".dateTime");
  }
  if (!timeZone) {
    missing(std::string(key) + ".timeZone");
  }
  const auto instant = cybozu::parseRfc3339(*dateTime);
  if (!instant) {
    fail(400, "GRN_REST_API_00220", "日時の形式が不正です。");
  }
  // Shape of an IANA id ("Asia/Tokyo", "UTC"); the zone database itself is not checked.
  static const std::regex kZone(R"([A-Za-z_]+(/[A-Za-z0-9_+\-]+)*)");
  if (!std::regex_match(*timeZone, kZone)) {
    fail(400, "GRN_REST_API_00221", "タイムゾーンが不正です。");
  }
  return {*dateTime, *timeZone, *instant};
}

std::vector<EventMember> members(const rapidjson::Value& body, const char* key,
                                 const Resolver& resolver,
                                 const std::vector<std::string>& allowedTypes) {
  const auto& list = body[key];
  if (!list.IsArray()) {
    invalid(key);
  }
  std::vector<EventMember> result;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    result.push_back(key == std::string("facilities")
                         ? resolver.facility(list[i], path)
                         : resolver.member(list[i], path, allowedTypes));
  }
  return result;
}

// Applies the fields present in `body` (all of them on add, the sent ones on PATCH).
void applyFields(const rapidjson::Value& body, Event& event, const Resolver& resolver) {
  for (const auto& [key, target] :
       {std::pair<const char*, std::string*>{"eventMenu", &event.eventMenu},
        {"subject", &event.subject},
        {"notes", &event.notes}}) {
    if (body.HasMember(key)) {
      const auto value = cybozu::stringMember(body, key);
      if (!value) {
        invalid(key);
      }
      *target = *value;
    }
  }
  if (body.HasMember("visibilityType")) {
    const auto value = cybozu::stringMember(body, "visibilityType");
    if (!value || (*value != "PUBLIC" && *value != "PRIVATE" && *value != "SET_PRIVATE_WATCHERS")) {
      notInEnum("visibilityType");
    }
    event.visibilityType = *value;
  }
  if (body.HasMember("start")) {
    event.start = parseTime(body, "start");
  }
  if (body.HasMember("end")) {
    if (body["end"].IsNull()) {
      event.end.reset();
    } else {
      event.end = parseTime(body, "end");
    }
  }
  if (auto value = boolMember(body, "isAllDay")) {
    event.isAllDay = *value;
  }
  if (auto value = boolMember(body, "isStartOnly")) {
    event.isStartOnly = *value;
  }
  if (auto value = boolMember(body, "useAttendanceCheck")) {
    event.useAttendanceCheck = *value;
  }
  if (body.HasMember("attendees")) {
    event.attendees = members(body, "attendees", resolver, {"USER", "ORGANIZATION"});
  }
  if (body.HasMember("facilities")) {
    event.facilities = members(body, "facilities", resolver, {});
  }
  if (body.HasMember("watchers")) {
    event.watchers = members(body, "watchers", resolver, {"USER", "ORGANIZATION", "ROLE"});
  }
}

// The A3 "POST body" rules and the A1 error codes 00201/00203/00205/00223/00224.
void validate(const Event& event) {
  if (event.isStartOnly && event.isAllDay) {
    fail(400, "GRN_REST_API_00223", "isStartOnlyとisAllDayは同時にtrueにできません。");
  }
  if (!event.end && !event.isStartOnly) {
    fail(400, "GRN_REST_API_00224", "endを指定するか、isStartOnlyをtrueにしてください。");
  }
  if (!event.end && !event.facilities.empty()) {
    fail(400, "GRN_REST_API_00205", "facilitiesを指定する場合はendが必須です。");
  }
  if (!event.end && event.eventType == "ALL_DAY") {
    fail(400, "GRN_REST_API_00205", "eventTypeがALL_DAYの場合はendが必須です。");
  }
  if (event.end && event.end->instant < event.start.instant) {
    fail(400, "GRN_REST_API_00203", "endはstartより後の日時にしてください。");
  }
  if (event.attendees.empty() && event.facilities.empty()) {
    missing("attendees");
  }
  if (event.visibilityType == "SET_PRIVATE_WATCHERS" && event.watchers.empty()) {
    fail(400, "GRN_REST_API_00205",
         "visibilityTypeがSET_PRIVATE_WATCHERSの場合はwatchersが必須です。");
  }
}

void writeTime(cybozu::JsonWriter& writer, const EventTime& time) {
  writer.StartObject();
  writeKey(writer, "dateTime");
  writeString(writer, time.dateTime);
  writeKey(writer, "timeZone");
  writeString(writer, time.timeZone);
  writer.EndObject();
}

void writeMembers(cybozu::JsonWriter& writer, const std::vector<EventMember>& list,
                  bool attendance) {
  writer.StartArray();
  for (const auto& member : list) {
    writer.StartObject();
    writeKey(writer, "id");
    writeString(writer, member.id);
    writeKey(writer, "code");
    writeString(writer, member.code);
    writeKey(writer, "name");
    writeString(writer, member.name);
    if (!member.type.empty()) {
      writeKey(writer, "type");
      writeString(writer, member.type);
    }
    if (attendance) {
      writeKey(writer, "attendanceResponse");
      writer.StartObject();
      writeKey(writer, "status");
      writeString(writer, "PENDING");
      writeKey(writer, "comment");
      writeString(writer, "");
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndArray();
}

// The A3 "Event object" fields this emulator keeps.
void writeEvent(cybozu::JsonWriter& writer, const Event& event) {
  writer.StartObject();
  writeKey(writer, "id");
  writeString(writer, event.id);
  writeKey(writer, "creator");
  writeUserRef(writer, event.creator.id, event.creator.code, event.creator.name);
  writeKey(writer, "createdAt");
  writeString(writer, event.createdAt);
  writeKey(writer, "updater");
  writeUserRef(writer, event.updater.id, event.updater.code, event.updater.name);
  writeKey(writer, "updatedAt");
  writeString(writer, event.updatedAt);
  writeKey(writer, "eventType");
  writeString(writer, event.eventType);
  writeKey(writer, "eventMenu");
  writeString(writer, event.eventMenu);
  writeKey(writer, "subject");
  writeString(writer, event.subject);
  writeKey(writer, "notes");
  writeString(writer, event.notes);
  writeKey(writer, "visibilityType");
  writeString(writer, event.visibilityType);
  writeKey(writer, "useAttendanceCheck");
  writer.Bool(event.useAttendanceCheck);
  writeKey(writer, "start");
  writeTime(writer, event.start);
  if (event.end) {
    writeKey(writer, "end");
    writeTime(writer, *event.end);
  }
  writeKey(writer, "isAllDay");
  writer.Bool(event.isAllDay);
  writeKey(writer, "isStartOnly");
  writer.Bool(event.isStartOnly);
  writeKey(writer, "originalStartTimeZone");
  writeString(writer, event.start.timeZone);
  writeKey(writer, "originalEndTimeZone");
  writeString(writer, event.end ? event.end->timeZone : event.start.timeZone);
  writeKey(writer, "attendees");
  writeMembers(writer, event.attendees, true);
  writeKey(writer, "facilities");
  writeMembers(writer, event.facilities, false);
  writeKey(writer, "watchers");
  writeMembers(writer, event.watchers, false);
  writer.EndObject();
}

Response eventResponse(const Event& event) {
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writeEvent(writer, event);
  return jsonResponse(buffer);
}

bool hasMember(const std::vector<EventMember>& list, const std::string& type,
               const std::string& id) {
  return std::any_of(list.begin(), list.end(), [&](const EventMember& member) {
    return member.type == type && member.id == id;
  });
}

// Garoon ids of the organizations `user` belongs to.
std::vector<std::string> organizationIdsOf(const cybozu::UserDirectory& directory,
                                           const cybozu::User& user) {
  std::vector<std::string> ids;
  for (const auto& membership : user.organizations) {
    if (auto org = directory.organizationById(membership.organizationId)) {
      ids.push_back(org->garoonId);
    }
  }
  return ids;
}

// A user takes part directly or through one of their organizations.
bool involves(const Event& event, const std::string& userId,
              const std::vector<std::string>& organizationIds) {
  if (event.creator.id == userId || hasMember(event.attendees, "USER", userId) ||
      hasMember(event.watchers, "USER", userId)) {
    return true;
  }
  return std::any_of(organizationIds.begin(), organizationIds.end(), [&](const std::string& id) {
    return hasMember(event.attendees, "ORGANIZATION", id) ||
           hasMember(event.watchers, "ORGANIZATION", id);
  });
}

}  // namespace

Response GaroonService::addEvent(Call& call) {
  if (!call.body.IsObject()) {
    missing("eventType");
  }
  Event event;
  const auto eventType = cybozu::stringMember(call.body, "eventType");
  if (!eventType) {
    missing("eventType");
  }
  // Repeating and tentative events cannot be created through REST (A3).
  if (*eventType != "REGULAR" && *eventType != "ALL_DAY") {
    notInEnum("eventType");
  }
  event.eventType = *eventType;
  if (!call.body.HasMember("start")) {
    missing("start");
  }
  applyFields(call.body, event, Resolver{*directory_, config_});
  validate(event);
  const EventMember self{"USER", call.caller.garoonId, call.caller.code, call.caller.name};
  event.creator = event.updater = self;
  event.createdAt = event.updatedAt = now();
  return eventResponse(schedule_.add(std::move(event)));
}

Response GaroonService::getEvent(Call& call, const std::string& id) {
  const Event* event = schedule_.find(id);
  if (event == nullptr) {
    fail(404, "GRN_SCHD_13001", "指定された予定が存在しません。");
  }
  if (event->visibilityType != "PUBLIC" &&
      !involves(*event, call.caller.garoonId, organizationIdsOf(*directory_, call.caller))) {
    // Code from the A1 schedule list ("cannot act on / view event"); status UNCONFIRMED.
    fail(403, "GRN_SCHD_13001", "この予定を閲覧する権限がありません。");
  }
  return eventResponse(*event);
}

Response GaroonService::updateEvent(Call& call, const std::string& id) {
  getEvent(call, id);  // same existence and visibility rules
  if (!call.body.IsObject()) {
    missing("start");
  }
  Event event = *schedule_.find(id);
  // PATCH takes the add fields without eventType (A3); a changed type is refused.
  if (auto type = cybozu::stringMember(call.body, "eventType"); type && *type != event.eventType) {
    invalid("eventType");
  }
  applyFields(call.body, event, Resolver{*directory_, config_});
  validate(event);
  event.updater = {"USER", call.caller.garoonId, call.caller.code, call.caller.name};
  event.updatedAt = now();
  return eventResponse(schedule_.replace(std::move(event)));
}

Response GaroonService::deleteEvent(Call& call, const std::string& id) {
  getEvent(call, id);
  schedule_.remove(id);
  // Response body unused by clients; status UNCONFIRMED, 204 chosen (A3 "delete").
  Response response;
  response.status = 204;
  return response;
}

Response GaroonService::searchEvents(Call& call) {
  const auto paging = readPaging(call.query);
  const auto param = [&call](const char* name) -> std::optional<std::string> {
    auto it = call.query.find(name);
    return it == call.query.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  std::optional<cybozu::TimePoint> rangeStart;
  std::optional<cybozu::TimePoint> rangeEnd;
  if (auto text = param("rangeStart")) {
    if (!(rangeStart = cybozu::parseRfc3339(*text))) {
      fail(400, "GRN_REST_API_00220", "rangeStartの日時の形式が不正です。");
    }
  }
  if (auto text = param("rangeEnd")) {
    if (!(rangeEnd = cybozu::parseRfc3339(*text))) {
      fail(400, "GRN_REST_API_00220", "rangeEndの日時の形式が不正です。");
    }
  }
  if (rangeStart && rangeEnd && *rangeEnd <= *rangeStart) {
    fail(400, "GRN_REST_API_00203", "rangeEndはrangeStartより後の日時にしてください。");
  }

  // target and targetType require each other; default: the caller's own events.
  const auto target = param("target");
  const auto targetType = param("targetType");
  if (target.has_value() != targetType.has_value()) {
    fail(400, "GRN_REST_API_00205", "targetとtargetTypeは両方指定してください。");
  }
  std::string type = "user";
  std::string targetId = call.caller.garoonId;
  std::vector<std::string> targetOrganizations = organizationIdsOf(*directory_, call.caller);
  if (target) {
    type = *targetType;
    targetId = *target;
    if (type == "user") {
      const auto user = directory_->userByGaroonId(targetId);
      if (!user) {
        fail(404, "GRN_CMMN_00105", "指定されたユーザーが見つかりません。");
      }
      targetOrganizations = organizationIdsOf(*directory_, *user);
    } else if (type == "organization") {
      if (!directory_->organizationByGaroonId(targetId)) {
        fail(520, "GRN_CMMN_00106", "指定された組織が見つかりません。");
      }
    } else if (type != "facility") {
      notInEnum("targetType");
    }
  }

  std::string orderProperty = "updatedAt";
  bool descending = false;
  if (auto orderBy = param("orderBy")) {
    static const std::regex kOrder(R"((createdAt|updatedAt|start) (asc|desc))");
    std::smatch match;
    if (!std::regex_match(*orderBy, match, kOrder)) {
      notInEnum("orderBy");
    }
    orderProperty = match[1];
    descending = match[2] == "desc";
  }

  const auto callerOrganizations = organizationIdsOf(*directory_, call.caller);
  std::vector<Event> found;
  for (const auto& event : schedule_.all()) {
    const bool matchesTarget =
        type == "user" ? involves(event, targetId, targetOrganizations)
        : type == "organization"
            ? hasMember(event.attendees, "ORGANIZATION", targetId)
            : std::any_of(event.facilities.begin(), event.facilities.end(),
                          [&](const EventMember& f) { return f.id == targetId; });
    const auto endInstant = event.end ? event.end->instant : event.start.instant;
    bool inRange = true;
    if (rangeStart) {
      inRange = config_.rangeMatchesOverlap ? endInstant >= *rangeStart
                                            : event.start.instant >= *rangeStart;
    }
    if (rangeEnd) {
      inRange = inRange && event.start.instant < *rangeEnd;
    }
    // Private events the caller cannot see are omitted (A3 "Documented behaviour").
    const bool visible = event.visibilityType == "PUBLIC" ||
                         involves(event, call.caller.garoonId, callerOrganizations);
    if (matchesTarget && inRange && visible) {
      found.push_back(event);
    }
  }
  std::stable_sort(found.begin(), found.end(), [&](const Event& a, const Event& b) {
    const auto key = [&](const Event& e) -> std::pair<long long, std::int64_t> {
      if (orderProperty == "start") {
        return {std::chrono::duration_cast<std::chrono::seconds>(e.start.instant.time_since_epoch())
                    .count(),
                e.createdSequence};
      }
      return {0, orderProperty == "createdAt" ? e.createdSequence : e.updatedSequence};
    };
    return descending ? key(b) < key(a) : key(a) < key(b);
  });

  const auto page = window(found.size(), paging, config_.shortPageItems);
  rapidjson::StringBuffer buffer;
  cybozu::JsonWriter writer(buffer);
  writer.StartObject();
  writeKey(writer, "events");
  writer.StartArray();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    writeEvent(writer, found[i]);
  }
  writer.EndArray();
  writeKey(writer, "hasNext");
  writer.Bool(page.hasNext);
  writer.EndObject();
  return jsonResponse(buffer);
}

}  // namespace teichaku::emulator::garoon
