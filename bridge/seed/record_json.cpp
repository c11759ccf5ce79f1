#include "seed/record_json.h"

namespace teichaku::seed {

RecordJson::RecordJson() : writer_(buffer_) {
  writer_.StartObject();
}

void RecordJson::key(std::string_view code) {
  writer_.Key(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  writer_.StartObject();
  writer_.Key("value");
}

void RecordJson::string(std::string_view value) {
  writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void RecordJson::text(std::string_view code, std::string_view value) {
  key(code);
  string(value);
  writer_.EndObject();
}

void RecordJson::number(std::string_view code, std::int64_t value) {
  text(code, std::to_string(value));  // kintone NUMBER values are strings
}

void RecordJson::date(std::string_view code, std::optional<Date> value) {
  key(code);
  if (value) {
    string(isoDate(*value));
  } else {
    writer_.Null();
  }
  writer_.EndObject();
}

void RecordJson::dateTime(std::string_view code, std::string_view isoUtc) {
  text(code, isoUtc);
}

void RecordJson::choices(std::string_view code, const std::vector<std::string>& values) {
  key(code);
  writer_.StartArray();
  for (const auto& value : values) {
    string(value);
  }
  writer_.EndArray();
  writer_.EndObject();
}

void RecordJson::entities(std::string_view code, const std::vector<std::string>& codes) {
  key(code);
  writer_.StartArray();
  for (const auto& entity : codes) {
    writer_.StartObject();
    writer_.Key("code");
    string(entity);
    writer_.EndObject();
  }
  writer_.EndArray();
  writer_.EndObject();
}

void RecordJson::beginTable(std::string_view code) {
  key(code);
  writer_.StartArray();
}

void RecordJson::beginRow() {
  writer_.StartObject();
  writer_.Key("value");
  writer_.StartObject();
}

void RecordJson::endRow() {
  writer_.EndObject();
  writer_.EndObject();
}

void RecordJson::endTable() {
  writer_.EndArray();
  writer_.EndObject();
}

std::string RecordJson::finish() {
  writer_.EndObject();
  return std::string(buffer_.GetString(), buffer_.GetSize());
}

}  // namespace teichaku::seed
