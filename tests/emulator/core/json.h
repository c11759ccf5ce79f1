#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Small RapidJSON helpers shared by the front end and the services.
namespace teichaku::emulator::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Parses text; returns false (and leaves doc as null) on a syntax error.
bool parse(std::string_view text, rapidjson::Document& doc);
std::string serialize(const rapidjson::Value& value);

inline void key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
inline void str(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void kv(Writer& w, std::string_view k, std::string_view v) {
  key(w, k);
  str(w, v);
}

inline rapidjson::Value stringValue(std::string_view s, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name);
// kintone accepts "number or string" for ids and revisions (kintone-api.md §1.3).
std::optional<std::int64_t> asInt(const rapidjson::Value* value);
std::optional<std::string> asString(const rapidjson::Value* value);
std::optional<bool> asBool(const rapidjson::Value* value);

}  // namespace teichaku::emulator::json
