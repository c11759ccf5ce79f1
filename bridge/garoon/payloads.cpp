#include "garoon/payloads.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

namespace teichaku::garoon {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void key(Writer& writer, std::string_view name) {
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void string(Writer& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void writeRef(Writer& writer, const char* type, const Ref& ref) {
  writer.StartObject();
  key(writer, "type");
  string(writer, type);
  key(writer, ref.key == Ref::Key::kId ? "id" : "code");
  string(writer, ref.value);
  writer.EndObject();
}

void writeTime(Writer& writer, const char* name, const EventTime& time) {
  key(writer, name);
  writer.StartObject();
  key(writer, "dateTime");
  string(writer, time.dateTime);
  key(writer, "timeZone");
  string(writer, time.timeZone);
  writer.EndObject();
}

Outcome invalid(const std::string& what) {
  return Outcome::fail("GAROON_INVALID_ARGUMENT", what);
}

Outcome refused(const GuardedText& text, const char* field) {
  return Outcome::fail("GAROON_PAYLOAD_REJECTED",
                       std::string(field) + ": " + text.refusals().front() + "（送信しません）");
}

std::optional<std::string> stringMember(const rapidjson::Value& object, const char* name) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) {
    return std::nullopt;
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

// The official sample has isAllDay:"false" as a string once (A3 "Event object").
bool boolMember(const rapidjson::Value& object, const char* name) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd()) {
    return false;
  }
  if (member->value.IsBool()) {
    return member->value.GetBool();
  }
  return member->value.IsString() && std::string_view(member->value.GetString()) == "true";
}

std::optional<EventTime> timeMember(const rapidjson::Value& object, const char* name) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsObject()) {
    return std::nullopt;
  }
  EventTime time;
  time.dateTime = stringMember(member->value, "dateTime").value_or("");
  time.timeZone = stringMember(member->value, "timeZone").value_or("");
  return time;
}

}  // namespace

const char* toString(NotificationOperation operation) {
  switch (operation) {
    case NotificationOperation::kAdd:
      return "add";
    case NotificationOperation::kModify:
      return "modify";
    case NotificationOperation::kRemove:
      return "remove";
  }
  return "";
}

const char* toString(EventType type) {
  return type == EventType::kAllDay ? "ALL_DAY" : "REGULAR";
}

PayloadResult notificationPayload(const NotificationInput& input) {
  if (input.app.empty() || input.notificationKey.empty()) {
    return {invalid("Garoon 通知の app（外部通知コード）と notificationKey は必須です。"), {}};
  }
  if (input.url.empty()) {
    return {invalid("Garoon 通知の url（kintone レコードへのリンク）は必須です。"), {}};
  }
  if (input.destinations.empty()) {
    return {invalid("Garoon 通知の宛先がありません。"), {}};
  }
  if (!input.title.refusals().empty()) {
    return {refused(input.title, "title"), {}};
  }
  if (!input.body.refusals().empty()) {
    return {refused(input.body, "body"), {}};
  }
  if (input.title.empty() || input.body.empty()) {
    return {invalid("Garoon 通知の title と body は必須です。"), {}};
  }
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  key(writer, "app");
  string(writer, input.app);
  key(writer, "notificationKey");
  string(writer, input.notificationKey);
  key(writer, "operation");
  string(writer, toString(input.operation));
  key(writer, "url");
  string(writer, input.url.str());
  key(writer, "title");
  string(writer, input.title.str());
  key(writer, "body");
  string(writer, input.body.str());
  key(writer, "destinations");
  writer.StartArray();
  for (const Ref& destination : input.destinations) {
    writeRef(writer, "USER", destination);
  }
  writer.EndArray();
  writer.EndObject();
  return {Outcome::ok(), buffer.GetString()};
}

PayloadResult eventPayload(const EventInput& input, bool forUpdate) {
  if (input.isStartOnly && input.isAllDay) {
    // GRN_REST_API_00223 (A1 error table).
    return {invalid("予定の isStartOnly と isAllDay は同時に指定できません。"), {}};
  }
  if (!input.end && !input.isStartOnly) {
    // GRN_REST_API_00224: end, or isStartOnly:true.
    return {invalid("予定の終了日時がありません（開始のみの予定は isStartOnly を指定）。"), {}};
  }
  if (!input.end && input.type == EventType::kAllDay) {
    return {invalid("終日（ALL_DAY）の予定には終了日時が必要です。"), {}};
  }
  if (input.start.dateTime.empty() || (input.end && input.end->dateTime.empty())) {
    return {invalid("予定の開始・終了日時が空です。"), {}};
  }
  if (input.attendees.empty()) {
    return {invalid("予定の参加者がありません（施設は使いません）。"), {}};
  }
  if (!input.subject.refusals().empty()) {
    return {refused(input.subject, "subject"), {}};
  }
  if (!input.notes.refusals().empty()) {
    return {refused(input.notes, "notes"), {}};
  }
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  if (!forUpdate) {
    key(writer, "eventType");
    string(writer, toString(input.type));
  }
  key(writer, "subject");
  string(writer, input.subject.str());
  key(writer, "notes");
  string(writer, input.notes.str());
  writeTime(writer, "start", input.start);
  if (input.end) {
    writeTime(writer, "end", *input.end);
  }
  key(writer, "isAllDay");
  writer.Bool(input.isAllDay);
  key(writer, "isStartOnly");
  writer.Bool(input.isStartOnly);
  key(writer, "attendees");
  writer.StartArray();
  for (const Attendee& attendee : input.attendees) {
    writeRef(writer, attendee.type == Attendee::Type::kUser ? "USER" : "ORGANIZATION",
             attendee.ref);
  }
  writer.EndArray();
  writer.EndObject();
  return {Outcome::ok(), buffer.GetString()};
}

std::optional<std::string> idMember(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) {
    return std::nullopt;
  }
  auto member = object.FindMember(name);
  if (member == object.MemberEnd()) {
    return std::nullopt;
  }
  if (member->value.IsString()) {
    return std::string(member->value.GetString(), member->value.GetStringLength());
  }
  if (member->value.IsUint64()) {
    return std::to_string(member->value.GetUint64());
  }
  return std::nullopt;
}

std::optional<GaroonUser> readUser(const rapidjson::Value& value) {
  auto id = idMember(value, "id");
  if (!id) {
    return std::nullopt;
  }
  return GaroonUser{*id, stringMember(value, "code").value_or(""),
                    stringMember(value, "name").value_or("")};
}

std::optional<GaroonOrganization> readOrganization(const rapidjson::Value& value) {
  auto id = idMember(value, "id");
  if (!id) {
    return std::nullopt;
  }
  return GaroonOrganization{*id, stringMember(value, "code").value_or(""),
                            stringMember(value, "name").value_or("")};
}

std::optional<NotificationItem> readNotificationItem(const rapidjson::Value& value) {
  if (!value.IsObject()) {
    return std::nullopt;
  }
  NotificationItem item;
  item.moduleId = stringMember(value, "moduleId").value_or("");
  if (auto creator = value.FindMember("creator");
      creator != value.MemberEnd() && creator->value.IsObject()) {
    item.creatorCode = stringMember(creator->value, "code").value_or("");
  }
  item.createdAt = stringMember(value, "createdAt").value_or("");
  item.operation = stringMember(value, "operation").value_or("");
  item.url = stringMember(value, "url").value_or("");
  item.title = stringMember(value, "title").value_or("");
  item.body = stringMember(value, "body").value_or("");
  item.isRead = boolMember(value, "isRead");
  return item;
}

std::optional<Event> readEvent(const rapidjson::Value& value) {
  auto id = idMember(value, "id");
  if (!id) {
    return std::nullopt;
  }
  Event event;
  event.id = *id;
  event.eventType = stringMember(value, "eventType").value_or("");
  event.subject = stringMember(value, "subject").value_or("");
  event.notes = stringMember(value, "notes").value_or("");
  event.start = timeMember(value, "start").value_or(EventTime{"", ""});
  event.end = timeMember(value, "end");
  event.isAllDay = boolMember(value, "isAllDay");
  event.isStartOnly = boolMember(value, "isStartOnly");
  if (auto attendees = value.FindMember("attendees");
      attendees != value.MemberEnd() && attendees->value.IsArray()) {
    for (const auto& item : attendees->value.GetArray()) {
      event.attendees.push_back({idMember(item, "id").value_or(""),
                                 item.IsObject() ? stringMember(item, "code").value_or("") : "",
                                 item.IsObject() ? stringMember(item, "type").value_or("") : ""});
    }
  }
  return event;
}

}  // namespace teichaku::garoon
