#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

// Small RapidJSON helpers shared by the request builders and the client.
namespace teichaku::kintone {

std::string toJson(const rapidjson::Value& value);

// A string member, or nullopt when missing or not a string. kintone sends ids, revisions
// and counts as JSON strings (kintone-api.md §1.3).
std::optional<std::string> stringMember(const rapidjson::Value& object, const char* name);

inline rapidjson::Value jsonString(std::string_view text, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), a);
}

}  // namespace teichaku::kintone
