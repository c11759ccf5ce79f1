#include "kintone/json_util.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace teichaku::kintone {

std::string toJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<std::string> stringMember(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) {
    return std::nullopt;
  }
  auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) {
    return std::nullopt;
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

}  // namespace teichaku::kintone
