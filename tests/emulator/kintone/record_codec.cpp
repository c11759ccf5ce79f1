#include "kintone/record_codec.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <string_view>

#include "core/json.h"
#include "kintone/time_format.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

constexpr const char* kRequired = "必須です。";

std::string_view typeOf(const Value& property) {
  const Value* type = json::member(property, "type");
  return type != nullptr && type->IsString()
             ? std::string_view(type->GetString(), type->GetStringLength())
             : std::string_view();
}

bool isLayoutType(std::string_view type) {
  return type == "GROUP" || type == "LABEL" || type == "SPACER" || type == "HR" ||
         type == "REFERENCE_TABLE";
}

bool isMultiValued(std::string_view type) {
  return type == "CHECK_BOX" || type == "MULTI_SELECT" || type == "FILE" || type == "USER_SELECT" ||
         type == "ORGANIZATION_SELECT" || type == "GROUP_SELECT";
}

bool isTrue(const Value& property, const char* name) {
  const Value* v = json::member(property, name);
  return v != nullptr && ((v->IsBool() && v->GetBool()) ||
                          (v->IsString() && v->GetString() == std::string_view("true")));
}

std::optional<double> numberAttribute(const Value& property, const char* name) {
  const Value* v = json::member(property, name);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->IsNumber()) {
    return v->GetDouble();
  }
  if (v->IsString() && v->GetStringLength() > 0) {
    char* end = nullptr;
    double d = std::strtod(v->GetString(), &end);
    if (end != nullptr && *end == '\0') {
      return d;
    }
  }
  return std::nullopt;
}

bool hasOption(const Value& property, std::string_view option) {
  const Value* options = json::member(property, "options");
  return options != nullptr && json::member(*options, option) != nullptr;
}

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) {
    return {};
  }
  auto end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

// kintone stores NUMBER values normalised ("1.5e1" -> "15", " 42 " -> "42";
// kintone-api.md §4 NUMBER row). Plain decimals keep their digits so large integers
// do not lose precision through a double.
std::optional<std::string> normaliseNumber(std::string_view raw) {
  std::string text = trim(raw);
  if (!text.empty() && text[0] == '+') {
    text.erase(0, 1);
  }
  if (text.empty()) {
    return std::string();
  }
  bool plain = true;
  bool digits = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (!(c == '.' || (c == '-' && i == 0))) {
      plain = false;
    }
  }
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == nullptr || *end != '\0' || !std::isfinite(value)) {
    return std::nullopt;
  }
  if (plain && digits && std::count(text.begin(), text.end(), '.') <= 1) {
    return text;
  }
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ptr);
}

std::string formatLimit(double v) {
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, ptr);
}

class Builder {
 public:
  Builder(WriteContext& context, const std::string& prefix, KintoneError& errors, Allocator& a)
      : context_(context), prefix_(prefix), errors_(errors), allocator_(a) {}

  // Normalises one field value. `input` is the write-format value (may be null = not
  // sent). `key` is the error key stem (e.g. "record.title").
  Value value(const Value& property, const Value* input, const std::string& key, bool isNew,
              const Value* oldValue) {
    std::string_view type = typeOf(property);
    if (input == nullptr) {
      if (!isNew && oldValue != nullptr) {
        return Value(*oldValue, allocator_);
      }
      return defaultValue(property, type);
    }
    if (type == "SUBTABLE") {
      return subtable(property, *input, key, oldValue);
    }
    if (isMultiValued(type)) {
      return multi(property, type, *input, key);
    }
    std::string text;
    if (input->IsString()) {
      text.assign(input->GetString(), input->GetStringLength());
    } else if (input->IsNumber()) {
      text = json::serialize(*input);
    } else if (!input->IsNull()) {
      errors_.add(key + ".value", "不正な値です。");
      return Value("", allocator_);
    }
    if (type == "NUMBER") {
      auto normalised = normaliseNumber(text);
      if (!normalised) {
        errors_.add(prefix_ + "[" + key.substr(key.rfind('.') + 1) + "].value",
                    "数字でなければなりません。");
        return Value("", allocator_);
      }
      text = *normalised;
      if (!text.empty()) {
        double v = std::strtod(text.c_str(), nullptr);
        if (auto max = numberAttribute(property, "maxValue"); max && v > *max) {
          errors_.add(key + ".value", formatLimit(*max) + "以下である必要があります。");
        }
        if (auto min = numberAttribute(property, "minValue"); min && v < *min) {
          errors_.add(key + ".value", formatLimit(*min) + "以上である必要があります。");
        }
      }
    } else if (type == "DATE" && !text.empty()) {
      auto date = normaliseDate(text);
      if (!date) {
        errors_.add(key + ".value", "日付が不正です。");
      }
      text = date.value_or("");
    } else if (type == "TIME" && !text.empty()) {
      auto time = normaliseTime(text);
      if (!time) {
        errors_.add(key + ".value", "時刻が不正です。");
      }
      text = time.value_or("");
    } else if (type == "DATETIME" && !text.empty()) {
      auto epoch = parseDateTime(text);
      if (!epoch) {
        errors_.add(key + ".value", "日時が不正です。");
      }
      text = epoch ? formatDateTime(*epoch) : "";
    } else if ((type == "RADIO_BUTTON" || type == "DROP_DOWN") && !text.empty()) {
      if (!hasOption(property, text)) {
        errors_.add(key + ".value", "\"" + text + "\"は選択肢にありません。");
      }
    } else if (type == "RADIO_BUTTON" && text.empty()) {
      // RADIO_BUTTON cannot be cleared: "" applies the default (kintone-api.md §4).
      return defaultValue(property, type);
    } else if (type == "SINGLE_LINE_TEXT" || type == "LINK" || type == "MULTI_LINE_TEXT") {
      lengthChecks(property, text, key);
    }
    if (type == "DROP_DOWN" && text.empty()) {
      return Value(rapidjson::kNullType);
    }
    return json::stringValue(text, allocator_);
  }

  void requiredCheck(const Value& property, const Value& stored, const std::string& key) {
    std::string_view type = typeOf(property);
    if (!isTrue(property, "required") || type == "CALC" || type == "RADIO_BUTTON") {
      return;  // required is never enforced for CALC and RADIO_BUTTON (kintone-api.md §4)
    }
    bool empty = stored.IsNull() || (stored.IsString() && trim(stored.GetString()).empty()) ||
                 (stored.IsArray() && stored.Empty());
    if (!empty) {
      return;
    }
    if (type == "USER_SELECT" || type == "ORGANIZATION_SELECT" || type == "GROUP_SELECT") {
      errors_.add(key + ".values.value", kRequired);
    } else if (isMultiValued(type)) {
      errors_.add(key + ".values", kRequired);
    } else {
      errors_.add(key + ".value", kRequired);
    }
  }

 private:
  void lengthChecks(const Value& property, const std::string& text, const std::string& key) {
    // Length in characters (UTF-8 code points), as users count them.
    std::size_t length = 0;
    for (unsigned char c : text) {
      length += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    if (text.empty()) {
      return;
    }
    if (auto max = numberAttribute(property, "maxLength");
        max && static_cast<double>(length) > *max) {
      errors_.add(key + ".value", formatLimit(*max + 1) + "文字より短くなければなりません。");
    }
    if (auto min = numberAttribute(property, "minLength");
        min && static_cast<double>(length) < *min) {
      errors_.add(key + ".value", formatLimit(*min - 1) + "文字より長くなければなりません。");
    }
  }

  Value defaultValue(const Value& property, std::string_view type) {
    if (type == "SUBTABLE") {
      return Value(rapidjson::kArrayType);
    }
    if ((type == "DATE" || type == "TIME" || type == "DATETIME") &&
        isTrue(property, "defaultNowValue")) {
      std::string now = formatDateTime(context_.now);
      if (type == "DATE") {
        return json::stringValue(now.substr(0, 10), allocator_);
      }
      if (type == "TIME") {
        return json::stringValue(now.substr(11, 5), allocator_);
      }
      return json::stringValue(now, allocator_);
    }
    const Value* def = json::member(property, "defaultValue");
    if (isMultiValued(type)) {
      Value out(rapidjson::kArrayType);
      if (def != nullptr && def->IsArray() && (type == "CHECK_BOX" || type == "MULTI_SELECT")) {
        out.CopyFrom(*def, allocator_);
      }
      return out;
    }
    if (type == "DROP_DOWN" &&
        (def == nullptr || (def->IsString() && def->GetStringLength() == 0))) {
      return Value(rapidjson::kNullType);
    }
    if (def != nullptr && def->IsString()) {
      return Value(*def, allocator_);
    }
    return Value("", allocator_);
  }

  Value multi(const Value& property, std::string_view type, const Value& input,
              const std::string& key) {
    Value out(rapidjson::kArrayType);
    if (input.IsNull()) {
      return out;
    }
    if (!input.IsArray()) {
      errors_.add(key + ".values", "配列でなければなりません。");
      return out;
    }
    rapidjson::SizeType index = 0;
    for (const auto& item : input.GetArray()) {
      std::string itemKey = key + ".values[" + std::to_string(index++) + "].value";
      if (type == "CHECK_BOX" || type == "MULTI_SELECT") {
        if (!item.IsString() || !hasOption(property, item.GetString())) {
          std::string shown = item.IsString() ? item.GetString() : json::serialize(item);
          errors_.add(itemKey, "\"" + shown + "\"は選択肢にありません。");
          continue;
        }
        out.PushBack(Value(item, allocator_), allocator_);
      } else if (type == "FILE") {
        attachFile(item, itemKey, out);
      } else {
        auto code = json::asString(json::member(item, "code"));
        if (!code) {
          errors_.add(itemKey, "必須です。");
          continue;
        }
        Value entity(rapidjson::kObjectType);
        entity.AddMember("code", json::stringValue(*code, allocator_), allocator_);
        entity.AddMember("name", json::stringValue(*code, allocator_), allocator_);
        out.PushBack(entity, allocator_);
      }
    }
    return out;
  }

  // FILE values on write carry upload keys only; a download key read from a record
  // cannot be attached (kintone-api.md §3.2). Each upload key is single-use.
  void attachFile(const Value& item, const std::string& itemKey, Value& out) {
    auto fileKey = json::asString(json::member(item, "fileKey"));
    auto upload = fileKey ? context_.state.uploads.find(*fileKey) : context_.state.uploads.end();
    if (upload == context_.state.uploads.end()) {
      errors_.add(itemKey, "ファイルが見つかりません。");
      return;
    }
    StoredFile file = std::move(upload->second);
    context_.state.uploads.erase(upload);
    char key[64];
    std::snprintf(key, sizeof key, "%014lld%018llu", static_cast<long long>(context_.now),
                  static_cast<unsigned long long>(context_.state.nextFileId++));
    Value entry(rapidjson::kObjectType);
    entry.AddMember("contentType", json::stringValue(file.contentType, allocator_), allocator_);
    entry.AddMember("fileKey", json::stringValue(key, allocator_), allocator_);
    entry.AddMember("name", json::stringValue(file.name, allocator_), allocator_);
    entry.AddMember("size", json::stringValue(std::to_string(file.bytes->size()), allocator_),
                    allocator_);
    out.PushBack(entry, allocator_);
    context_.state.downloads[key] = std::move(file);
  }

  // Rows: ids sent on add are ignored; on update a known id updates that row (inner
  // fields not sent keep their values), an unknown or missing id adds a row with a
  // fresh id, and rows not sent are removed (kintone-api.md §4 SUBTABLE).
  Value subtable(const Value& property, const Value& input, const std::string& key,
                 const Value* oldValue) {
    Value out(rapidjson::kArrayType);
    const Value* inner = json::member(property, "fields");
    if (!input.IsArray() || inner == nullptr) {
      if (!input.IsNull()) {
        errors_.add(key + ".value", "配列でなければなりません。");
      }
      return out;
    }
    rapidjson::SizeType rowIndex = 0;
    for (const auto& row : input.GetArray()) {
      std::string rowKey = key + ".value[" + std::to_string(rowIndex++) + "].value";
      const Value* oldRow = nullptr;
      if (oldValue != nullptr && oldValue->IsArray()) {
        auto id = json::asString(json::member(row, "id"));
        for (const auto& candidate : oldValue->GetArray()) {
          if (id && json::asString(json::member(candidate, "id")) == id) {
            oldRow = &candidate;
          }
        }
      }
      const Value* rowValues = json::member(row, "value");
      Value cells(rapidjson::kObjectType);
      for (const auto& field : inner->GetObject()) {
        std::string_view innerType = typeOf(field.value);
        const Value* sent =
            rowValues != nullptr ? json::member(*rowValues, field.name.GetString()) : nullptr;
        const Value* sentValue = sent != nullptr ? json::member(*sent, "value") : nullptr;
        const Value* oldCell = oldRow != nullptr ? json::member(*json::member(*oldRow, "value"),
                                                                field.name.GetString())
                                                 : nullptr;
        const Value* oldCellValue = oldCell != nullptr ? json::member(*oldCell, "value") : nullptr;
        std::string cellKey = rowKey + "." + field.name.GetString();
        Value cellValue;
        if (innerType == "NUMBER" && sentValue != nullptr && sentValue->IsString() &&
            !normaliseNumber(sentValue->GetString())) {
          // Non-numeric NUMBER inside a table is stored as "" (kintone-api.md §4).
          cellValue = Value("", allocator_);
        } else {
          cellValue = value(field.value, sentValue, cellKey, oldRow == nullptr, oldCellValue);
        }
        requiredCheck(field.value, cellValue, cellKey);
        Value cell(rapidjson::kObjectType);
        cell.AddMember("type", json::stringValue(innerType, allocator_), allocator_);
        cell.AddMember("value", cellValue, allocator_);
        cells.AddMember(Value(field.name, allocator_), cell, allocator_);
      }
      Value outRow(rapidjson::kObjectType);
      std::string id = oldRow != nullptr ? *json::asString(json::member(*oldRow, "id"))
                                         : std::to_string(context_.state.nextRowId++);
      outRow.AddMember("id", json::stringValue(id, allocator_), allocator_);
      outRow.AddMember("value", cells, allocator_);
      out.PushBack(outRow, allocator_);
    }
    return out;
  }

  WriteContext& context_;
  const std::string& prefix_;
  KintoneError& errors_;
  Allocator& allocator_;
};

bool uniqueType(std::string_view type) {
  return type == "SINGLE_LINE_TEXT" || type == "NUMBER" || type == "LINK" || type == "DATE" ||
         type == "DATETIME";
}

const Value* storedValue(const Value& fields, const char* code) {
  const Value* field = json::member(fields, code);
  return field != nullptr ? json::member(*field, "value") : nullptr;
}

std::unordered_map<std::string, std::uint64_t>& indexFor(WriteContext& context, const char* code) {
  UniqueIndex& index = *context.unique;
  if (index.app != context.app.id) {
    index.app = context.app.id;
    index.byField.clear();
  }
  auto [it, created] = index.byField.try_emplace(code);
  if (created) {
    for (const auto& [id, record] : context.app.records) {
      const Value* v = storedValue(record->fields, code);
      if (v != nullptr && v->IsString() && v->GetStringLength() > 0) {
        it->second[v->GetString()] = id;
      }
    }
  }
  return it->second;
}

void uniqueCheck(WriteContext& context, const Value& property, const char* code,
                 const Value& stored, const Value* oldValue, std::uint64_t id,
                 const std::string& key, KintoneError& errors) {
  if (!isTrue(property, "unique") || !uniqueType(typeOf(property))) {
    return;
  }
  auto& index = indexFor(context, code);
  if (oldValue != nullptr && oldValue->IsString()) {
    auto old = index.find(oldValue->GetString());
    if (old != index.end() && old->second == id) {
      index.erase(old);
    }
  }
  if (!stored.IsString() || stored.GetStringLength() == 0) {
    return;  // "" never duplicates (kintone-api.md §4)
  }
  auto [it, inserted] = index.try_emplace(stored.GetString(), id);
  if (!inserted && it->second != id) {
    errors.add(key + ".value", "値がほかのレコードと重複しています。");
  }
}

void setField(rapidjson::Document& doc, const char* code, std::string_view type, Value value) {
  auto& a = doc.GetAllocator();
  Value field(rapidjson::kObjectType);
  field.AddMember("type", json::stringValue(type, a), a);
  field.AddMember("value", value, a);
  auto it = doc.FindMember(code);
  if (it != doc.MemberEnd()) {
    it->value = field;
  } else {
    doc.AddMember(Value(code, a), field, a);
  }
}

Value userValue(const Actor& actor, Allocator& a) {
  Value user(rapidjson::kObjectType);
  user.AddMember("code", json::stringValue(actor.code, a), a);
  user.AddMember("name", json::stringValue(actor.name, a), a);
  return user;
}

const Value* sentValue(const Value* input, const char* code) {
  if (input == nullptr || !input->IsObject()) {
    return nullptr;
  }
  const Value* field = json::member(*input, code);
  return field != nullptr ? json::member(*field, "value") : nullptr;
}

// Lookups (kintone-api.md §4 "Lookup"): the client writes only the key; the server finds the
// source record whose relatedKeyField equals it and copies fieldMappings into the record.
// An empty key clears the copies; a key with no source record is 400 GAIA_LO04 with no
// `errors` (OBS:emu-notes §10). On update the copies change only when the key is sent.
const App* lookupSource(const WriteContext& context, const Value& relatedApp) {
  auto id = json::asString(json::member(relatedApp, "app"));
  if (!id || id->empty()) {
    if (auto n = json::asInt(json::member(relatedApp, "app"))) {
      id = std::to_string(*n);
    }
  }
  if (id && !id->empty()) {
    auto it = context.state.apps.find(std::stoull(*id));
    return it == context.state.apps.end() ? nullptr : &it->second;
  }
  auto code = json::asString(json::member(relatedApp, "code"));
  for (const auto& [appId, app] : context.state.apps) {
    if (code && !code->empty() && app.code == *code) {
      return &app;
    }
  }
  return nullptr;
}

std::string valueText(const Value* field) {
  const Value* v = field != nullptr ? json::member(*field, "value") : nullptr;
  if (v == nullptr) {
    return {};
  }
  if (v->IsString()) {
    return v->GetString();
  }
  return json::asString(v).value_or("");
}

void resolveLookups(WriteContext& context, const Value& properties, const Value* input, bool isNew,
                    rapidjson::Document& doc, Allocator& a) {
  for (const auto& member : properties.GetObject()) {
    const Value* lookup = json::member(member.value, "lookup");
    if (lookup == nullptr || !lookup->IsObject()) {
      continue;
    }
    const char* code = member.name.GetString();
    if (!isNew && sentValue(input, code) == nullptr) {
      continue;
    }
    const Value* mappings = json::member(*lookup, "fieldMappings");
    const std::string key = valueText(json::member(doc, code));
    const StoredRecord* source = nullptr;
    if (!key.empty()) {
      const Value* relatedApp = json::member(*lookup, "relatedApp");
      const App* app = relatedApp != nullptr ? lookupSource(context, *relatedApp) : nullptr;
      const std::string keyField =
          json::asString(json::member(*lookup, "relatedKeyField")).value_or("");
      if (app != nullptr) {
        auto& index = context.lookupIndex[std::to_string(app->id) + "/" + keyField];
        if (index.empty()) {
          for (const auto& [id, record] : app->records) {
            index.emplace(valueText(json::member(record->fields, keyField.c_str())), record.get());
          }
        }
        auto found = index.find(key);
        source = found == index.end() ? nullptr : found->second;
      }
      if (source == nullptr) {
        // ⚠ chosen: the message text is ours; the code and the missing `errors` are observed.
        fail(
            400, "GAIA_LO04",
            "フィールド「" + std::string(code) + "」の値「" + key +
                "」が、ルックアップの参照先のフィールドにないか、またはアプリやフィールドの閲覧権限がありません。");
      }
    }
    if (mappings == nullptr || !mappings->IsArray()) {
      continue;
    }
    for (const auto& m : mappings->GetArray()) {
      auto field = json::asString(json::member(m, "field"));
      auto relatedField = json::asString(json::member(m, "relatedField"));
      if (!field || !relatedField) {
        continue;
      }
      auto found = doc.FindMember(field->c_str());
      Value* target = found != doc.MemberEnd() ? &found->value : nullptr;
      if (target == nullptr || !target->HasMember("value")) {
        continue;
      }
      const Value* from =
          source != nullptr ? json::member(source->fields, relatedField->c_str()) : nullptr;
      const Value* fromValue = from != nullptr ? json::member(*from, "value") : nullptr;
      if (fromValue != nullptr) {
        (*target)["value"].CopyFrom(*fromValue, a);
      } else if ((*target)["value"].IsArray()) {
        (*target)["value"].SetArray();
      } else {
        (*target)["value"].SetString("", a);
      }
    }
  }
}

rapidjson::Document build(WriteContext& context, const Value* input, std::uint64_t id,
                          const StoredRecord* old, const std::string& prefix,
                          KintoneError& errors) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  if (old != nullptr) {
    doc.CopyFrom(old->fields, a);
    doc.RemoveMember("$id");
    doc.RemoveMember("$revision");
  }
  if (input != nullptr && !input->IsObject() && !input->IsNull()) {
    errors.add(prefix, "オブジェクトでなければなりません。");
    return doc;
  }
  Builder builder(context, prefix, errors, a);
  std::string now = formatDateTime(context.now);
  const Value& properties = *context.app.live.fields;
  for (const auto& member : properties.GetObject()) {
    const char* code = member.name.GetString();
    const Value& property = member.value;
    std::string_view type = typeOf(property);
    std::string key = prefix + "." + code;
    if (isLayoutType(type)) {
      continue;
    }
    if (type == "RECORD_NUMBER") {
      setField(doc, code, type, json::stringValue(recordNumber(context.app, id), a));
    } else if (type == "CREATOR" || type == "MODIFIER") {
      // CREATOR/MODIFIER may be set on add only (kintone-api.md §3.1 POST record.json).
      const Value* sent = old == nullptr ? sentValue(input, code) : nullptr;
      auto sentCode = sent != nullptr ? json::asString(json::member(*sent, "code")) : std::nullopt;
      if (old == nullptr || type == "MODIFIER") {
        Actor who = sentCode ? Actor{*sentCode, *sentCode} : context.actor;
        setField(doc, code, type, userValue(who, a));
      }
    } else if (type == "CREATED_TIME" || type == "UPDATED_TIME") {
      const Value* sent = old == nullptr ? sentValue(input, code) : nullptr;
      std::string at = now;
      if (sent != nullptr && sent->IsString()) {
        auto epoch = parseDateTime(sent->GetString());
        if (!epoch || (type == "CREATED_TIME" && *epoch > context.now + 60)) {
          errors.add(key + ".value", "日時が不正です。");
        } else {
          at = formatDateTime(*epoch);
        }
      }
      if (old == nullptr || type == "UPDATED_TIME") {
        setField(doc, code, type, json::stringValue(at, a));
      }
    } else if (type == "STATUS" || type == "STATUS_ASSIGNEE" || type == "CATEGORY") {
      if (old == nullptr && isTrue(property, "enabled")) {
        if (type == "STATUS") {
          const Value* states = json::member(*context.app.live.status, "states");
          std::string first;
          if (states != nullptr && states->IsObject()) {
            std::int64_t best = INT64_MAX;
            for (const auto& state : states->GetObject()) {
              auto index = json::asInt(json::member(state.value, "index")).value_or(0);
              if (index < best) {
                best = index;
                first = state.name.GetString();
              }
            }
          }
          setField(doc, code, type, json::stringValue(first, a));
        } else {
          setField(doc, code, type, Value(rapidjson::kArrayType));
        }
      }
    } else if (type == "CALC") {
      // Formulas are not evaluated (README: not modelled); CALC reads as "".
      if (old == nullptr) {
        setField(doc, code, type, Value("", a));
      }
    } else {
      const Value* sent = sentValue(input, code);
      const Value* oldField = old != nullptr ? json::member(doc, code) : nullptr;
      const Value* oldValue = oldField != nullptr ? json::member(*oldField, "value") : nullptr;
      Value v = builder.value(property, sent, key, old == nullptr, oldValue);
      builder.requiredCheck(property, v, key);
      uniqueCheck(context, property, code, v, oldValue, id, key, errors);
      setField(doc, code, type, std::move(v));
    }
  }
  resolveLookups(context, properties, input, old == nullptr, doc, a);
  return doc;
}

}  // namespace

std::string recordNumber(const App& app, std::uint64_t id) {
  return app.code.empty() ? std::to_string(id) : app.code + "-" + std::to_string(id);
}

rapidjson::Document buildNewRecord(WriteContext& context, const Value* input, std::uint64_t id,
                                   const std::string& prefix, KintoneError& errors) {
  return build(context, input, id, nullptr, prefix, errors);
}

rapidjson::Document buildUpdatedRecord(WriteContext& context, const StoredRecord& old,
                                       const Value* input, const std::string& prefix,
                                       KintoneError& errors) {
  context.selfId = old.id;
  return build(context, input, old.id, &old, prefix, errors);
}

}  // namespace teichaku::emulator::kintone
