#include "query/record_access.h"

namespace teichaku::query::detail {
namespace {

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) {
    return nullptr;
  }
  const auto it = object.FindMember(rapidjson::Value(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

}  // namespace

const rapidjson::Value* fieldValue(const rapidjson::Value& fields, std::string_view code) {
  const rapidjson::Value* field = member(fields, code);
  return field == nullptr ? nullptr : member(*field, "value");
}

const rapidjson::Value* subtableRows(const rapidjson::Value& record, std::string_view code) {
  const rapidjson::Value* rows = fieldValue(record, code);
  return rows != nullptr && rows->IsArray() ? rows : nullptr;
}

const rapidjson::Value* rowFields(const rapidjson::Value& row) {
  return member(row, "value");
}

}  // namespace teichaku::query::detail
