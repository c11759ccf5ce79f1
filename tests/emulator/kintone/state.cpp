#include "kintone/state.h"

#include "core/json.h"

namespace teichaku::emulator::kintone {

RecordPtr makeRecord(std::uint64_t id, std::uint64_t revision, rapidjson::Document fields) {
  auto record = std::make_shared<StoredRecord>();
  record->id = id;
  record->revision = revision;
  record->fields = std::move(fields);
  auto& a = record->fields.GetAllocator();
  auto put = [&](const char* code, const char* type, std::uint64_t value) {
    rapidjson::Value field(rapidjson::kObjectType);
    field.AddMember("type", rapidjson::StringRef(type), a);
    field.AddMember("value", json::stringValue(std::to_string(value), a), a);
    record->fields.RemoveMember(code);
    record->fields.AddMember(rapidjson::StringRef(code), field, a);
  };
  put("$id", "__ID__", id);
  put("$revision", "__REVISION__", revision);
  record->json = json::serialize(record->fields);
  return record;
}

}  // namespace teichaku::emulator::kintone
