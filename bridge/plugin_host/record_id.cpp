#include "plugin_host/record_id.h"

#include <rapidjson/document.h>

namespace teichaku::plugin_host {

std::string recordIdOf(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return "?";
  }
  auto id = doc.FindMember("$id");
  if (id == doc.MemberEnd() || !id->value.IsObject()) {
    return "?";
  }
  auto value = id->value.FindMember("value");
  if (value == id->value.MemberEnd() || !value->value.IsString()) {
    return "?";
  }
  return std::string(value->value.GetString(), value->value.GetStringLength());
}

}  // namespace teichaku::plugin_host
