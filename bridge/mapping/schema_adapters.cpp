#include "mapping/schema_adapters.h"

#include <string>
#include <vector>

namespace teichaku::mapping {

namespace {

const rapidjson::Value* propertiesOf(const rapidjson::Value& formFields) {
  if (!formFields.IsObject()) {
    return nullptr;
  }
  auto it = formFields.FindMember("properties");
  if (it != formFields.MemberEnd() && it->value.IsObject()) {
    return &it->value;
  }
  return &formFields;
}

std::string typeOf(const rapidjson::Value& property) {
  auto it = property.FindMember("type");
  return it != property.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

std::vector<std::string> optionsOf(const rapidjson::Value& property) {
  std::vector<std::string> out;
  auto it = property.FindMember("options");
  if (it != property.MemberEnd() && it->value.IsObject()) {
    for (const auto& option : it->value.GetObject()) {
      out.emplace_back(option.name.GetString(), option.name.GetStringLength());
    }
  }
  return out;
}

// Calls visit(code, property, subtableCode) for every field, inner fields included.
template <typename Visit>
void forEachProperty(const rapidjson::Value& properties, Visit&& visit) {
  for (const auto& member : properties.GetObject()) {
    if (!member.value.IsObject()) {
      continue;
    }
    const std::string code(member.name.GetString(), member.name.GetStringLength());
    visit(code, member.value, std::string());
    auto inner = member.value.FindMember("fields");
    if (typeOf(member.value) == "SUBTABLE" && inner != member.value.MemberEnd() &&
        inner->value.IsObject()) {
      for (const auto& innerMember : inner->value.GetObject()) {
        if (innerMember.value.IsObject()) {
          visit(std::string(innerMember.name.GetString(), innerMember.name.GetStringLength()),
                innerMember.value, code);
        }
      }
    }
  }
}

}  // namespace

query::MapSchema formSchema(const rapidjson::Value& formFields, const AppMapping* onlyMapped) {
  query::MapSchema schema;
  const rapidjson::Value* properties = propertiesOf(formFields);
  if (properties == nullptr) {
    return schema;
  }
  forEachProperty(*properties, [&](const std::string& code, const rapidjson::Value& property,
                                   const std::string& subtable) {
    auto type = query::fieldTypeFromString(typeOf(property));
    if (!type) {
      return;
    }
    if (onlyMapped != nullptr && onlyMapped->byCode(code) == nullptr) {
      return;
    }
    schema.add(code, *type, subtable, optionsOf(property));
  });
  return schema;
}

std::optional<query::FieldRef> DomainSchema::resolve(std::string_view name) const {
  const FieldMapping* field = app_.byName(name);
  if (field == nullptr) {
    return std::nullopt;
  }
  return codes_.resolve(field->code);
}

config::ConfigErrors checkAgainstSchema(const Mapping& mapping, const AppMapping& app,
                                        const rapidjson::Value& formFields) {
  config::ConfigErrors errors;
  const rapidjson::Value* properties = propertiesOf(formFields);
  struct Found {
    std::string type;
    std::string subtable;
  };
  std::vector<std::pair<std::string, Found>> found;
  if (properties != nullptr) {
    forEachProperty(*properties, [&](const std::string& code, const rapidjson::Value& property,
                                     const std::string& subtable) {
      found.push_back({code, {typeOf(property), subtable}});
    });
  }
  auto lookup = [&found](const std::string& code) -> const Found* {
    for (const auto& [c, f] : found) {
      if (c == code) {
        return &f;
      }
    }
    return nullptr;
  };
  for (const auto& field : app.fields) {
    const std::string keyPath = "apps." + app.table + ".fields." + field.name;
    auto add = [&](std::string message) {
      errors.push_back({mapping.file, field.line, field.column, keyPath, std::move(message)});
    };
    const Found* f = lookup(field.code);
    if (f == nullptr) {
      add("アプリ '" + app.key + "' のフォームにフィールドコード '" + field.code +
          "' がありません。");
    } else if (f->subtable != field.table) {
      add("アプリ '" + app.key + "' のフィールド '" + field.code + "' は" +
          (f->subtable.empty() ? std::string("テーブルの外") : "テーブル '" + f->subtable + "'") +
          "にありますが、マッピングでは" +
          (field.table.empty() ? std::string("テーブルの外") : "テーブル '" + field.table + "'") +
          "です。");
    }
    if (field.inTable()) {
      const Found* table = lookup(field.table);
      if (table == nullptr || table->type != "SUBTABLE") {
        add("アプリ '" + app.key + "' に テーブル（SUBTABLE）'" + field.table + "' がありません。");
      }
    }
  }
  return errors;
}

}  // namespace teichaku::mapping
