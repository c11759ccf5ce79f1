#include "rules/record_fields.h"

#include "mapping/mapping.h"

namespace teichaku::rules {

namespace {

std::string typeOf(const rapidjson::Value& record, const char* code) {
  if (!record.IsObject()) {
    return {};
  }
  auto field = record.FindMember(code);
  if (field == record.MemberEnd() || !field->value.IsObject()) {
    return {};
  }
  auto type = field->value.FindMember("type");
  return type == field->value.MemberEnd() || !type->value.IsString() ? std::string()
                                                                     : type->value.GetString();
}

std::size_t codePoints(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    n += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

// A number (a count, a score) or a one-character choice (有 / 無) is not what identifies a
// person, and as a substring it would match nearly any text; such values are left out so
// the last check does not refuse every payload. Names, dates and longer texts remain.
bool identifying(const rapidjson::Value& record, const char* code) {
  const std::string type = typeOf(record, code);
  return type != "NUMBER" && type != "CALC" && type != "SUBTABLE";
}

const rapidjson::Value* valueOf(const rapidjson::Value& record, const char* code) {
  if (!record.IsObject()) {
    return nullptr;
  }
  auto field = record.FindMember(code);
  if (field == record.MemberEnd() || !field->value.IsObject()) {
    return nullptr;
  }
  auto value = field->value.FindMember("value");
  return value == field->value.MemberEnd() ? nullptr : &value->value;
}

// Strings anywhere in a field value: plain values, list items, entity codes and names.
void collectStrings(const rapidjson::Value& value, std::vector<std::string>& out) {
  if (value.IsString()) {
    std::string text(value.GetString(), value.GetStringLength());
    if (codePoints(text) >= 2) {
      out.push_back(std::move(text));
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
      collectStrings(item, out);
    }
  } else if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      collectStrings(member.value, out);
    }
  }
}

}  // namespace

std::string textValue(const rapidjson::Value& record, const char* code) {
  const rapidjson::Value* value = valueOf(record, code);
  if (value == nullptr || !value->IsString()) {
    return {};
  }
  return std::string(value->GetString(), value->GetStringLength());
}

std::vector<std::string> listValue(const rapidjson::Value& record, const char* code) {
  std::vector<std::string> out;
  const rapidjson::Value* value = valueOf(record, code);
  if (value != nullptr && value->IsArray()) {
    for (const auto& item : value->GetArray()) {
      if (item.IsString()) {
        out.emplace_back(item.GetString(), item.GetStringLength());
      }
    }
  }
  return out;
}

std::vector<std::string> entityCodes(const rapidjson::Value& record, const char* code) {
  std::vector<std::string> out;
  const rapidjson::Value* value = valueOf(record, code);
  if (value != nullptr && value->IsArray()) {
    for (const auto& item : value->GetArray()) {
      if (item.IsObject() && item.HasMember("code") && item["code"].IsString()) {
        out.emplace_back(item["code"].GetString(), item["code"].GetStringLength());
      }
    }
  }
  return out;
}

std::vector<std::string> personalValues(const mapping::AppMapping& app,
                                        const rapidjson::Value& record) {
  std::vector<std::string> out;
  for (const auto& field : app.fields) {
    if (!field.personal) {
      continue;
    }
    if (!field.inTable()) {
      const rapidjson::Value* value = valueOf(record, field.code.c_str());
      if (value != nullptr && identifying(record, field.code.c_str())) {
        collectStrings(*value, out);
      }
      continue;
    }
    // Subtable: {"value":[{"id":…,"value":{"inner":{"type","value"}}}]}
    const rapidjson::Value* rows = valueOf(record, field.table.c_str());
    if (rows == nullptr || !rows->IsArray()) {
      continue;
    }
    for (const auto& row : rows->GetArray()) {
      if (row.IsObject() && row.HasMember("value")) {
        const rapidjson::Value* value = valueOf(row["value"], field.code.c_str());
        if (value != nullptr && identifying(row["value"], field.code.c_str())) {
          collectStrings(*value, out);
        }
      }
    }
  }
  return out;
}

}  // namespace teichaku::rules
