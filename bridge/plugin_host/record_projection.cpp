#include "plugin_host/record_projection.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace teichaku::plugin_host {

std::string projectedRecord(const rapidjson::Value& record,
                            const std::vector<std::string>& fields) {
  rapidjson::Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto copy = [&](const std::string& code) {
    auto m = record.FindMember(code.c_str());
    if (m != record.MemberEnd()) {
      out.AddMember(rapidjson::Value(code.c_str(), a), rapidjson::Value(m->value, a), a);
    }
  };
  copy("$id");
  for (const auto& code : fields) {
    if (code != "$id") {
      copy(code);
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  (fields.empty() ? record : static_cast<const rapidjson::Value&>(out)).Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace teichaku::plugin_host
