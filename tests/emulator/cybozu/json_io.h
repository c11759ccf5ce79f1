#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

// Small RapidJSON helpers shared by the User API and Garoon emulators.
namespace teichaku::emulator::cybozu {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// True when `body` parses as a JSON object.
bool parseObject(const std::string& body, rapidjson::Document& document);
std::string toJsonString(const rapidjson::Value& value);

void writeString(JsonWriter& writer, std::string_view text);
void writeKey(JsonWriter& writer, std::string_view key);
// Writes null for an empty text (the APIs send null for unset attributes).
void writeStringOrNull(JsonWriter& writer, std::string_view text);

// Member `key` when present and a string; nullopt when absent or of another type.
std::optional<std::string> stringMember(const rapidjson::Value& object, const char* key);
// Characters, not bytes: the documented limits count characters.
std::size_t utf8Length(std::string_view text);

}  // namespace teichaku::emulator::cybozu
