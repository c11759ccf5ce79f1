#include "seed/schema_validator.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "seed/dates.h"

namespace teichaku::seed {

namespace {

using Value = rapidjson::Value;

AppSchema::Field parseField(const std::string& code, const Value& definition,
                            const std::string& origin) {
  if (!definition.IsObject() || !definition.HasMember("type") || !definition["type"].IsString()) {
    throw std::runtime_error(origin + ": フィールド「" + code + "」に type がありません");
  }
  AppSchema::Field field;
  field.type = definition["type"].GetString();
  field.required = definition.HasMember("required") && definition["required"].IsBool() &&
                   definition["required"].GetBool();
  if (definition.HasMember("options") && definition["options"].IsObject()) {
    for (const auto& option : definition["options"].GetObject()) {
      field.options.insert(option.name.GetString());
    }
  }
  if (field.type == "SUBTABLE") {
    if (!definition.HasMember("fields") || !definition["fields"].IsObject()) {
      throw std::runtime_error(origin + ": テーブル「" + code + "」に fields がありません");
    }
    for (const auto& inner : definition["fields"].GetObject()) {
      field.subfields.emplace(inner.name.GetString(),
                              parseField(inner.name.GetString(), inner.value, origin));
    }
  }
  return field;
}

bool isNumberText(const std::string& text) {
  // kintone accepts sign, digits, one '.', and an exponent (kintone-api.md §4, NUMBER).
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    ++i;
  }
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits) {
    return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    const std::size_t exponentStart = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    if (i == exponentStart) {
      return false;
    }
  }
  return i == text.size();
}

bool isDateTimeText(const std::string& text) {
  // "YYYY-MM-DDTHH:MM(:SS)?" followed by "Z" or "+hh:mm"/"-hh:mm".
  Date date;
  if (text.size() < 17 || !parseIsoDate(text.substr(0, 10), date) || text[10] != 'T') {
    return false;
  }
  const auto digit = [&text](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(11) || !digit(12) || text[13] != ':' || !digit(14) || !digit(15)) {
    return false;
  }
  std::size_t i = 16;
  if (i + 2 < text.size() && text[i] == ':' && digit(i + 1) && digit(i + 2)) {
    i += 3;
  }
  const std::string zone = text.substr(i);
  return zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
                         digit(i + 1) && digit(i + 2) && digit(i + 4) && digit(i + 5));
}

bool isEmpty(const Value& value) {
  return value.IsNull() || (value.IsString() && value.GetStringLength() == 0) ||
         (value.IsArray() && value.Empty());
}

class Checker {
 public:
  explicit Checker(std::vector<std::string>& problems) : problems_(problems) {}

  void record(const std::map<std::string, AppSchema::Field>& fields, const Value& record,
              const std::string& where) {
    if (!record.IsObject()) {
      problem(where, "レコードがオブジェクトではありません");
      return;
    }
    for (const auto& member : record.GetObject()) {
      const std::string code = member.name.GetString();
      const auto found = fields.find(code);
      if (found == fields.end()) {
        problem(where + code, "アプリに存在しないフィールドです");
        continue;
      }
      if (!member.value.IsObject() || !member.value.HasMember("value")) {
        problem(where + code, "{\"value\": ...} の形ではありません");
        continue;
      }
      field(found->second, member.value["value"], where + code);
    }
    for (const auto& [code, definition] : fields) {
      // RADIO_BUTTON falls back to its default value and CALC is computed (kintone-api.md §4).
      if (!definition.required || definition.type == "RADIO_BUTTON" || definition.type == "CALC") {
        continue;
      }
      const auto member = record.FindMember(code.c_str());
      // A present but malformed field was reported above; report it once.
      const bool malformed = member != record.MemberEnd() &&
                             (!member->value.IsObject() || !member->value.HasMember("value"));
      if (member == record.MemberEnd() || (!malformed && isEmpty(member->value["value"]))) {
        problem(where + code, "必須です");
      }
    }
  }

 private:
  void problem(const std::string& where, const std::string& what) {
    problems_.push_back("フィールド「" + where + "」: " + what);
  }

  void option(const AppSchema::Field& definition, const Value& value, const std::string& where) {
    if (!value.IsString()) {
      problem(where, "選択肢は文字列で指定してください");
    } else if (definition.options.count(value.GetString()) == 0) {
      // Option values are category names, not personal data, so they may be echoed.
      problem(where, std::string("\"") + value.GetString() + "\" は選択肢にありません");
    }
  }

  void field(const AppSchema::Field& definition, const Value& value, const std::string& where) {
    const std::string& type = definition.type;
    if (definition.lookupCopy) {
      problem(where, "ルックアップのコピー先には書き込めません");
      return;
    }
    if (type == "SINGLE_LINE_TEXT" || type == "MULTI_LINE_TEXT" || type == "RICH_TEXT" ||
        type == "LINK") {
      if (!value.IsString() && !value.IsNull()) {
        problem(where, "文字列ではありません");
      }
    } else if (type == "NUMBER") {
      if (!value.IsNull() && !(value.IsString() &&
                               (value.GetStringLength() == 0 || isNumberText(value.GetString())))) {
        problem(where, "数字でなければなりません");
      }
    } else if (type == "DATE") {
      Date date;
      if (!value.IsNull() && !(value.IsString() && parseIsoDate(value.GetString(), date))) {
        problem(where, "日付（YYYY-MM-DD）ではありません");
      }
    } else if (type == "DATETIME") {
      if (!value.IsNull() && !(value.IsString() && (value.GetStringLength() == 0 ||
                                                    isDateTimeText(value.GetString())))) {
        problem(where, "日時（ISO 8601、Z または時差つき）ではありません");
      }
    } else if (type == "DROP_DOWN" || type == "RADIO_BUTTON") {
      if (!isEmpty(value)) {
        option(definition, value, where);
      }
    } else if (type == "CHECK_BOX" || type == "MULTI_SELECT") {
      if (!value.IsArray()) {
        problem(where, "配列ではありません");
        return;
      }
      for (const auto& item : value.GetArray()) {
        option(definition, item, where);
      }
    } else if (type == "USER_SELECT" || type == "ORGANIZATION_SELECT" || type == "GROUP_SELECT") {
      if (!value.IsArray()) {
        problem(where, "配列ではありません");
        return;
      }
      for (const auto& entity : value.GetArray()) {
        if (!entity.IsObject() || !entity.HasMember("code") || !entity["code"].IsString() ||
            entity["code"].GetStringLength() == 0) {
          problem(where, "{\"code\": ...} の配列ではありません");
        }
      }
    } else if (type == "FILE") {
      if (!value.IsArray()) {
        problem(where, "配列ではありません");
        return;
      }
      for (const auto& file : value.GetArray()) {
        if (!file.IsObject() || !file.HasMember("fileKey") || !file["fileKey"].IsString()) {
          problem(where, "{\"fileKey\": ...} の配列ではありません");
        }
      }
    } else if (type == "SUBTABLE") {
      if (!value.IsArray()) {
        problem(where, "テーブルの行の配列ではありません");
        return;
      }
      std::size_t row = 0;
      for (const auto& item : value.GetArray()) {
        const std::string rowWhere = where + "[" + std::to_string(row++) + "].";
        if (!item.IsObject() || !item.HasMember("value")) {
          problem(rowWhere, "行が {\"value\": {...}} の形ではありません");
          continue;
        }
        record(definition.subfields, item["value"], rowWhere);
      }
    } else {
      problem(where, "書き込みできないフィールド型（" + type + "）です");
    }
  }

  std::vector<std::string>& problems_;
};

}  // namespace

AppSchema AppSchema::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error(file.string() + ": ファイルを開けません");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

AppSchema AppSchema::parse(std::string_view json, const std::string& origin) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) {
    throw std::runtime_error(origin + ": JSON の構文エラー（オフセット " +
                             std::to_string(document.GetErrorOffset()) +
                             "）: " + rapidjson::GetParseError_En(document.GetParseError()));
  }
  if (!document.IsObject() || !document.HasMember("properties") ||
      !document["properties"].IsObject()) {
    throw std::runtime_error(origin + ": \"properties\" オブジェクトがありません");
  }
  AppSchema schema;
  const auto& properties = document["properties"];
  for (const auto& member : properties.GetObject()) {
    schema.fields_.emplace(member.name.GetString(),
                           parseField(member.name.GetString(), member.value, origin));
  }
  // Lookup copy targets are filled by kintone from the source app; a client must not send them.
  for (const auto& member : properties.GetObject()) {
    if (!member.value.HasMember("lookup") || !member.value["lookup"].IsObject()) {
      continue;
    }
    const auto& lookup = member.value["lookup"];
    if (!lookup.HasMember("fieldMappings") || !lookup["fieldMappings"].IsArray()) {
      continue;
    }
    for (const auto& mapping : lookup["fieldMappings"].GetArray()) {
      if (mapping.IsObject() && mapping.HasMember("field") && mapping["field"].IsString()) {
        const auto target = schema.fields_.find(mapping["field"].GetString());
        if (target == schema.fields_.end()) {
          throw std::runtime_error(origin + ": ルックアップのコピー先「" +
                                   mapping["field"].GetString() + "」がありません");
        }
        target->second.lookupCopy = true;
      }
    }
  }
  return schema;
}

bool AppSchema::hasSubfield(const std::string& table, const std::string& code) const {
  const auto found = fields_.find(table);
  return found != fields_.end() && found->second.subfields.count(code) != 0;
}

std::vector<std::string> AppSchema::validate(std::string_view recordJson) const {
  std::vector<std::string> problems;
  rapidjson::Document document;
  document.Parse(recordJson.data(), recordJson.size());
  if (document.HasParseError()) {
    problems.push_back(std::string("レコードの JSON 構文エラー: ") +
                       rapidjson::GetParseError_En(document.GetParseError()));
    return problems;
  }
  Checker(problems).record(fields_, document, "");
  return problems;
}

}  // namespace teichaku::seed
