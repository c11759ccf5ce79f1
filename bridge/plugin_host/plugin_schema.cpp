#include "plugin_host/plugin_schema.h"

#include <sstream>

namespace teichaku::plugin_host {
namespace {

config::ValueType toValueType(tb_value_type type) {
  switch (type) {
    case TB_VALUE_STRING:
      return config::ValueType::kString;
    case TB_VALUE_INTEGER:
      return config::ValueType::kInteger;
    case TB_VALUE_BOOLEAN:
      return config::ValueType::kBoolean;
    case TB_VALUE_STRING_ARRAY:
      return config::ValueType::kStringArray;
  }
  return config::ValueType::kString;
}

const char* typeLabel(tb_value_type type) {
  switch (type) {
    case TB_VALUE_STRING:
      return "文字列";
    case TB_VALUE_INTEGER:
      return "整数";
    case TB_VALUE_BOOLEAN:
      return "真偽値";
    case TB_VALUE_STRING_ARRAY:
      return "文字列の配列";
  }
  return "?";
}

}  // namespace

config::TableSpec pluginTableSpec(const PluginInfo& plugin) {
  config::TableSpec spec;
  for (const auto& key : plugin.configKeys) {
    config::KeySpec k;
    k.name = key.name;
    k.type = toValueType(key.type);
    k.required = key.required;
    k.min = key.min;
    k.max = key.max;
    k.help = key.help;
    spec.keys.push_back(std::move(k));
  }
  return spec;
}

void validateInstanceTable(const toml::table& instance, const PluginInfo& plugin,
                           const std::string& path, const std::string& file,
                           config::ConfigErrors& errors) {
  // Validated in place (a copy would lose the source positions). `type` and `enabled`
  // are accepted here and left to the bridge schema, which already reported them.
  config::TableSpec spec = pluginTableSpec(plugin);
  spec.keys.push_back({"type", config::ValueType::kString, false, {}, {}, {}, "", nullptr});
  spec.keys.push_back({"enabled", config::ValueType::kBoolean, false, {}, {}, {}, "", nullptr});
  config::ConfigErrors found;
  config::validateTable(instance, spec, path, file, found);
  for (auto& e : found) {
    if (e.keyPath != path + ".type" && e.keyPath != path + ".enabled") {
      errors.push_back(std::move(e));
    }
  }
}

std::string pluginHelpText(const PluginInfo& plugin) {
  std::ostringstream out;
  out << plugin.name << " — " << plugin.summary << "\n";
  out << "  種類: " << kindName(plugin.kind) << "（" << kindLabel(plugin.kind) << "）\n";
  out << "  版: " << plugin.version << "（ABI " << abiVersionText(plugin.abiVersion) << "）\n";
  out << "  ファイル: " << plugin.file << "\n";
  out << "  使うサービス:";
  if (plugin.capabilities == 0) {
    out << " なし";
  }
  if ((plugin.capabilities & TB_CAP_READ_MIRROR) != 0) {
    out << " ミラーの読み取り";
  }
  if ((plugin.capabilities & TB_CAP_WRITE_FILES) != 0) {
    out << " ファイル出力";
  }
  if ((plugin.capabilities & TB_CAP_ATTACH_TO_RECORD) != 0) {
    out << " レコードへの添付";
  }
  out << "\n\n設定キー（[plugins.<インスタンス名>] に書きます）:\n";
  out << "  type = \"" << plugin.name << "\"（必須）\n";
  out << "  enabled: 真偽値、既定 true。有効にするか。\n";
  for (const auto& key : plugin.configKeys) {
    out << "  " << key.name << ": " << typeLabel(key.type);
    if (key.required) {
      out << "、必須";
    } else if (key.defaultValue) {
      out << "、既定 " << *key.defaultValue;
    }
    if (key.min) {
      out << "、" << *key.min << " 以上";
    }
    if (key.max) {
      out << "、" << *key.max << " 以下";
    }
    out << "。" << key.help << "\n";
  }
  return out.str();
}

}  // namespace teichaku::plugin_host
