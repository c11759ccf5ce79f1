#include "rules/outbox_action.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void writeStrings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) {
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndArray();
}

void writeSources(Writer& w, const std::vector<RecordRef>& sources) {
  w.Key("personalSources");
  w.StartArray();
  for (const auto& s : sources) {
    w.StartObject();
    writeString(w, "app", s.appKey);
    writeString(w, "id", s.recordId);
    w.EndObject();
  }
  w.EndArray();
}

std::string finish(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool parseObject(const std::string& payload, rapidjson::Document& doc) {
  doc.Parse(payload.data(), payload.size());
  return !doc.HasParseError() && doc.IsObject();
}

// Each reader fails the whole payload on a wrong type: a payload is only ever written by
// toPayload, so anything else is damage, not an older format to be lenient with.
bool readString(const rapidjson::Value& object, const char* key, std::string& out) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) {
    return false;
  }
  out.assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool readBool(const rapidjson::Value& object, const char* key, bool& out) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsBool()) {
    return false;
  }
  out = it->value.GetBool();
  return true;
}

bool readStrings(const rapidjson::Value& object, const char* key, std::vector<std::string>& out) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsArray()) {
    return false;
  }
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsString()) {
      return false;
    }
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return true;
}

bool readSources(const rapidjson::Value& object, std::vector<RecordRef>& out) {
  auto it = object.FindMember("personalSources");
  if (it == object.MemberEnd() || !it->value.IsArray()) {
    return false;
  }
  for (const auto& v : it->value.GetArray()) {
    RecordRef ref;
    if (!v.IsObject() || !readString(v, "app", ref.appKey) || !readString(v, "id", ref.recordId)) {
      return false;
    }
    out.push_back(std::move(ref));
  }
  return true;
}

}  // namespace

std::string toPayload(const NotificationAction& action) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  writeString(w, "notificationKey", action.notificationKey);
  writeStrings(w, "userCodes", action.userCodes);
  writeString(w, "title", action.title);
  writeString(w, "body", action.body);
  writeString(w, "url", action.url);
  w.Key("remove");
  w.Bool(action.remove);
  writeSources(w, action.personalSources);
  w.EndObject();
  return finish(buffer);
}

std::string toPayload(const EventAction& action) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  writeString(w, "eventKey", action.eventKey);
  writeStrings(w, "userCodes", action.userCodes);
  writeString(w, "subject", action.subject);
  writeString(w, "notes", action.notes);
  writeString(w, "date", action.date);
  w.Key("remove");
  w.Bool(action.remove);
  writeSources(w, action.personalSources);
  w.EndObject();
  return finish(buffer);
}

std::string toPayload(const KintoneUpdateAction& action) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  writeString(w, "appKey", action.appKey);
  writeString(w, "recordId", action.recordId);
  writeString(w, "recordJson", action.recordJson);
  w.Key("revision");
  w.Int64(action.revision);
  writeString(w, "upsertKeyField", action.upsertKeyField);
  writeString(w, "upsertKeyValue", action.upsertKeyValue);
  w.EndObject();
  return finish(buffer);
}

std::optional<NotificationAction> notificationFromPayload(const std::string& payload) {
  rapidjson::Document doc;
  NotificationAction a;
  if (!parseObject(payload, doc) || !readString(doc, "notificationKey", a.notificationKey) ||
      !readStrings(doc, "userCodes", a.userCodes) || !readString(doc, "title", a.title) ||
      !readString(doc, "body", a.body) || !readString(doc, "url", a.url) ||
      !readBool(doc, "remove", a.remove) || !readSources(doc, a.personalSources)) {
    return std::nullopt;
  }
  return a;
}

std::optional<EventAction> eventFromPayload(const std::string& payload) {
  rapidjson::Document doc;
  EventAction a;
  if (!parseObject(payload, doc) || !readString(doc, "eventKey", a.eventKey) ||
      !readStrings(doc, "userCodes", a.userCodes) || !readString(doc, "subject", a.subject) ||
      !readString(doc, "notes", a.notes) || !readString(doc, "date", a.date) ||
      !readBool(doc, "remove", a.remove) || !readSources(doc, a.personalSources)) {
    return std::nullopt;
  }
  return a;
}

std::optional<KintoneUpdateAction> kintoneUpdateFromPayload(const std::string& payload) {
  rapidjson::Document doc;
  KintoneUpdateAction a;
  if (!parseObject(payload, doc) || !readString(doc, "appKey", a.appKey) ||
      !readString(doc, "recordId", a.recordId) || !readString(doc, "recordJson", a.recordJson)) {
    return std::nullopt;
  }
  auto it = doc.FindMember("revision");
  if (it == doc.MemberEnd() || !it->value.IsInt64()) {
    return std::nullopt;
  }
  a.revision = it->value.GetInt64();
  // Optional: items enqueued before the upsert key existed have neither member.
  if (doc.HasMember("upsertKeyField") && (!readString(doc, "upsertKeyField", a.upsertKeyField) ||
                                          !readString(doc, "upsertKeyValue", a.upsertKeyValue))) {
    return std::nullopt;
  }
  return a;
}

bool enqueue(store::MirrorStore& store, const std::string& key, const NotificationAction& action,
             std::int64_t nowMs) {
  return store.enqueue(key, kNotificationKind, toPayload(action), nowMs);
}

bool enqueue(store::MirrorStore& store, const std::string& key, const EventAction& action,
             std::int64_t nowMs) {
  return store.enqueue(key, kEventKind, toPayload(action), nowMs);
}

bool enqueue(store::MirrorStore& store, const std::string& key, const KintoneUpdateAction& action,
             std::int64_t nowMs) {
  return store.enqueue(key, kKintoneUpdateKind, toPayload(action), nowMs);
}

}  // namespace teichaku::rules
