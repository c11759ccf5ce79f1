#include "core/json.h"

#include <charconv>

namespace teichaku::emulator::json {

bool parse(std::string_view text, rapidjson::Document& doc) {
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    doc.SetNull();
    return false;
  }
  return true;
}

std::string serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) {
    return nullptr;
  }
  auto it = object.FindMember(rapidjson::Value(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::int64_t> asInt(const rapidjson::Value* value) {
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->IsInt64()) {
    return value->GetInt64();
  }
  if (value->IsString()) {
    std::int64_t out = 0;
    const char* begin = value->GetString();
    const char* end = begin + value->GetStringLength();
    auto [ptr, ec] = std::from_chars(begin, end, out);
    if (ec == std::errc() && ptr == end && begin != end) {
      return out;
    }
  }
  return std::nullopt;
}

std::optional<std::string> asString(const rapidjson::Value* value) {
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->IsString()) {
    return std::string(value->GetString(), value->GetStringLength());
  }
  if (value->IsInt64()) {
    return std::to_string(value->GetInt64());
  }
  return std::nullopt;
}

std::optional<bool> asBool(const rapidjson::Value* value) {
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->IsBool()) {
    return value->GetBool();
  }
  if (value->IsString()) {
    std::string_view s(value->GetString(), value->GetStringLength());
    if (s == "true") {
      return true;
    }
    if (s == "false") {
      return false;
    }
  }
  return std::nullopt;
}

}  // namespace teichaku::emulator::json
