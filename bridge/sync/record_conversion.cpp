#include "sync/record_conversion.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <string_view>
#include <vector>

namespace teichaku::sync {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string_view typeOf(const rapidjson::Value& field) {
  if (!field.IsObject()) {
    return {};
  }
  auto it = field.FindMember("type");
  return it != field.MemberEnd() && it->value.IsString()
             ? std::string_view(it->value.GetString(), it->value.GetStringLength())
             : std::string_view();
}

const rapidjson::Value* valueOf(const rapidjson::Value& field) {
  if (!field.IsObject()) {
    return nullptr;
  }
  auto it = field.FindMember("value");
  return it == field.MemberEnd() ? nullptr : &it->value;
}

bool isEntityList(std::string_view type) {
  return type == "USER_SELECT" || type == "ORGANIZATION_SELECT" || type == "GROUP_SELECT" ||
         type == "STATUS_ASSIGNEE";
}

void writeString(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Copies a value, keeping only the members of objects named in `keep` (all when empty).
void writeFiltered(Writer& w, const rapidjson::Value& v,
                   const std::vector<std::string_view>& keep) {
  if (v.IsArray()) {
    w.StartArray();
    for (const auto& item : v.GetArray()) {
      writeFiltered(w, item, keep);
    }
    w.EndArray();
  } else if (v.IsObject() && !keep.empty()) {
    w.StartObject();
    for (std::string_view k : keep) {
      auto it = v.FindMember(rapidjson::StringRef(k.data(), k.size()));
      if (it != v.MemberEnd()) {
        writeString(w, k);
        it->value.Accept(w);
      }
    }
    w.EndObject();
  } else {
    v.Accept(w);
  }
}

void writeFieldValue(Writer& w, std::string_view type, const rapidjson::Value& value) {
  if (isEntityList(type) || type == "CREATOR" || type == "MODIFIER") {
    writeFiltered(w, value, {"code"});
  } else if (type == "FILE") {
    writeFiltered(w, value, {"contentType", "name", "size"});
  } else {
    value.Accept(w);
  }
}

// {"type":T,"value":V} with V reduced as above. Inner fields of a subtable come from `inner`.
void writeField(Writer& w, const rapidjson::Value& field,
                const std::vector<const mapping::FieldMapping*>& inner);

void writeRows(Writer& w, const rapidjson::Value& rows,
               const std::vector<const mapping::FieldMapping*>& inner) {
  w.StartArray();
  if (rows.IsArray()) {
    for (const auto& row : rows.GetArray()) {
      w.StartObject();
      if (auto id = row.FindMember("id"); row.IsObject() && id != row.MemberEnd()) {
        w.Key("id");
        id->value.Accept(w);
      }
      w.Key("value");
      w.StartObject();
      auto values = row.IsObject() ? row.FindMember("value") : row.MemberEnd();
      if (row.IsObject() && values != row.MemberEnd() && values->value.IsObject()) {
        std::vector<std::string_view> codes;
        for (const auto* f : inner) {
          codes.push_back(f->code);
        }
        std::sort(codes.begin(), codes.end());
        for (std::string_view code : codes) {
          auto it = values->value.FindMember(rapidjson::StringRef(code.data(), code.size()));
          if (it != values->value.MemberEnd()) {
            writeString(w, code);
            writeField(w, it->value, {});
          }
        }
      }
      w.EndObject();
      w.EndObject();
    }
  }
  w.EndArray();
}

void writeField(Writer& w, const rapidjson::Value& field,
                const std::vector<const mapping::FieldMapping*>& inner) {
  std::string_view type = typeOf(field);
  const rapidjson::Value* value = valueOf(field);
  w.StartObject();
  w.Key("type");
  writeString(w, type);
  w.Key("value");
  if (value == nullptr) {
    w.Null();
  } else if (type == "SUBTABLE") {
    writeRows(w, *value, inner);
  } else {
    writeFieldValue(w, type, *value);
  }
  w.EndObject();
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string listText(const rapidjson::Value& list) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  for (const auto& item : list.GetArray()) {
    if (item.IsString()) {
      w.String(item.GetString(), item.GetStringLength());
    } else if (auto code = item.IsObject() ? item.FindMember("code") : item.MemberEnd();
               item.IsObject() && code != item.MemberEnd() && code->value.IsString()) {
      w.String(code->value.GetString(), code->value.GetStringLength());
    } else {
      w.String(compact(item).c_str());
    }
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

store::ClearMap clearValuesOf(const rapidjson::Value& values,
                              const std::vector<const mapping::FieldMapping*>& fields) {
  store::ClearMap out;
  for (const auto* f : fields) {
    if (!f->clear) {
      continue;
    }
    auto it = values.FindMember(rapidjson::StringRef(f->code.data(), f->code.size()));
    if (it != values.MemberEnd() && typeOf(it->value) != "SUBTABLE") {
      out[f->code] = clearValueOf(it->value);
    }
  }
  return out;
}

}  // namespace

store::ClearValue clearValueOf(const rapidjson::Value& field) {
  const std::string_view type = typeOf(field);
  const rapidjson::Value* value = valueOf(field);
  if (value == nullptr || value->IsNull()) {
    return std::monostate{};
  }
  if (value->IsArray()) {
    if (value->Empty()) {
      return std::monostate{};
    }
    return listText(*value);
  }
  if (!value->IsString()) {
    return compact(*value);
  }
  std::string_view text(value->GetString(), value->GetStringLength());
  if (text.empty()) {
    return std::monostate{};
  }
  if (type == "DATE" || type == "DATETIME" || type == "CREATED_TIME" || type == "UPDATED_TIME") {
    return store::Date{std::string(text)};
  }
  if (type == "NUMBER" || type == "CALC") {
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc{} && end == text.data() + text.size()) {
      return number;
    }
  }
  return std::string(text);
}

std::int64_t numberField(const rapidjson::Value& record, const char* code, const std::string& app) {
  auto it = record.IsObject() ? record.FindMember(code) : record.MemberEnd();
  const rapidjson::Value* value =
      record.IsObject() && it != record.MemberEnd() ? valueOf(it->value) : nullptr;
  std::int64_t number = 0;
  if (value != nullptr && value->IsString()) {
    std::string_view text(value->GetString(), value->GetStringLength());
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc{} && end == text.data() + text.size()) {
      return number;
    }
  }
  throw RecordFormatError("アプリ '" + app + "' のレコードに " + code + " がありません。");
}

namespace {

// The fields `codes` of `record` as compact JSON, keys in byte order; absent fields left out.
std::string fieldsInByteOrder(const mapping::AppMapping& app, const rapidjson::Value& record,
                              std::vector<std::string> codes) {
  std::sort(codes.begin(), codes.end());
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  for (const auto& code : codes) {
    auto it = record.FindMember(rapidjson::StringRef(code.data(), code.size()));
    if (it == record.MemberEnd()) {
      continue;
    }
    writeString(w, code);
    writeField(w, it->value, app.innerFields(code));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string canonicalBody(const mapping::AppMapping& app, const rapidjson::Value& record) {
  std::vector<std::string> codes = app.topLevelCodes();
  codes.push_back("$id");
  codes.push_back("$revision");
  return fieldsInByteOrder(app, record, std::move(codes));
}

std::string filterBody(const mapping::AppMapping& app, const rapidjson::Value& record) {
  std::vector<std::string> codes = app.sealedFilterCodes();
  return codes.empty() ? std::string() : fieldsInByteOrder(app, record, std::move(codes));
}

store::RecordInput toRecordInput(const mapping::AppMapping& app, const rapidjson::Value& record) {
  if (!record.IsObject()) {
    throw RecordFormatError("アプリ '" + app.key + "' のレコードがオブジェクトではありません。");
  }
  store::RecordInput input;
  input.app = app.key;
  input.id = numberField(record, "$id", app.key);
  input.revision = numberField(record, "$revision", app.key);
  for (const auto& member : record.GetObject()) {
    if (typeOf(member.value) == "UPDATED_TIME") {
      if (const rapidjson::Value* v = valueOf(member.value); v != nullptr && v->IsString()) {
        input.updatedAt = v->GetString();
      }
    }
  }
  std::vector<const mapping::FieldMapping*> topLevel;
  for (const auto& f : app.fields) {
    if (!f.inTable()) {
      topLevel.push_back(&f);
    }
  }
  input.clear = clearValuesOf(record, topLevel);
  for (const auto& tableCode : app.topLevelCodes()) {
    auto inner = app.innerFields(tableCode);
    auto table = record.FindMember(rapidjson::StringRef(tableCode.data(), tableCode.size()));
    if (inner.empty() || table == record.MemberEnd()) {
      continue;
    }
    const rapidjson::Value* rows = valueOf(table->value);
    if (rows == nullptr || !rows->IsArray()) {
      continue;
    }
    for (const auto& row : rows->GetArray()) {
      if (!row.IsObject()) {
        continue;
      }
      store::ChildRow child;
      child.subtable = tableCode;
      if (auto id = row.FindMember("id"); id != row.MemberEnd() && id->value.IsString()) {
        std::string_view text(id->value.GetString(), id->value.GetStringLength());
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), child.rowId);
        if (ec != std::errc{} || end != text.data() + text.size()) {
          throw RecordFormatError("アプリ '" + app.key +
                                  "' のテーブル行の id が数値ではありません。");
        }
      }
      if (auto values = row.FindMember("value");
          values != row.MemberEnd() && values->value.IsObject()) {
        child.values = clearValuesOf(values->value, inner);
      }
      input.children.push_back(std::move(child));
    }
  }
  input.body = canonicalBody(app, record);
  input.filterBody = filterBody(app, record);
  return input;
}

}  // namespace teichaku::sync
