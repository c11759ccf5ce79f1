#include "emulator/cybozu/json_io.h"

namespace teichaku::emulator::cybozu {

bool parseObject(const std::string& body, rapidjson::Document& document) {
  document.Parse(body.c_str(), body.size());
  return !document.HasParseError() && document.IsObject();
}

std::string toJsonString(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

void writeString(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void writeKey(JsonWriter& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void writeStringOrNull(JsonWriter& writer, std::string_view text) {
  if (text.empty()) {
    writer.Null();
  } else {
    writeString(writer, text);
  }
}

std::optional<std::string> stringMember(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) {
    return std::nullopt;
  }
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) {
    return std::nullopt;
  }
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::size_t utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    // Continuation bytes are 10xxxxxx; every other byte starts a character.
    if ((c & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

}  // namespace teichaku::emulator::cybozu
