#include "plugin_host/descriptor_check.h"

#include <toml++/toml.h>

#include <cstddef>
#include <set>

namespace teichaku::plugin_host {
namespace {

bool isIdentifier(const char* text) {
  if (text == nullptr || *text == '\0') {
    return false;
  }
  for (const char* c = text; *c != '\0'; ++c) {
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
      return false;
    }
  }
  return true;
}

bool operationsComplete(tb_kind kind, const void* operations) {
  if (operations == nullptr) {
    return false;
  }
  switch (kind) {
    case TB_KIND_EXPORTER: {
      const auto* ops = static_cast<const tb_exporter_ops*>(operations);
      return TB_HAS_FIELD(ops, tb_exporter_ops, run) && ops->run != nullptr;
    }
    case TB_KIND_RENDERER: {
      const auto* ops = static_cast<const tb_renderer_ops*>(operations);
      return TB_HAS_FIELD(ops, tb_renderer_ops, render) && ops->render != nullptr;
    }
    case TB_KIND_PROVISIONER: {
      const auto* ops = static_cast<const tb_provisioner_ops*>(operations);
      return TB_HAS_FIELD(ops, tb_provisioner_ops, apply) && ops->plan != nullptr &&
             ops->apply != nullptr;
    }
    case TB_KIND_REPORT: {
      const auto* ops = static_cast<const tb_report_ops*>(operations);
      return TB_HAS_FIELD(ops, tb_report_ops, run) && ops->run != nullptr;
    }
    case TB_KIND_IMPORTER: {
      const auto* ops = static_cast<const tb_importer_ops*>(operations);
      return TB_HAS_FIELD(ops, tb_importer_ops, run) && ops->run != nullptr;
    }
  }
  return false;
}

std::optional<std::string> copyKey(const tb_config_key& key, ConfigKeyInfo& out) {
  if (!TB_HAS_FIELD(&key, tb_config_key, help)) {
    return "設定キーの定義の大きさ (struct_size) が足りません。";
  }
  if (!isIdentifier(key.name)) {
    return "設定キーの名前が空か、英小文字・数字・_ 以外を含みます。";
  }
  out.name = key.name;
  if (out.name == "type" || out.name == "enabled") {
    return "設定キー " + out.name + " はホストが使う名前なので、プラグインでは定義できません。";
  }
  if (key.type < TB_VALUE_STRING || key.type > TB_VALUE_STRING_ARRAY) {
    return "設定キー " + out.name + " の型が不明です。";
  }
  out.type = static_cast<tb_value_type>(key.type);
  out.required = key.required != 0;
  if (key.default_value != nullptr) {
    out.defaultValue = key.default_value;
  }
  if (key.has_min != 0) {
    out.min = key.min;
  }
  if (key.has_max != 0) {
    out.max = key.max;
  }
  out.help = key.help != nullptr ? key.help : "";
  if (out.required && out.defaultValue) {
    return "設定キー " + out.name + " は必須なのに既定値があります。";
  }
  return checkDefault(out);
}

}  // namespace

std::optional<std::string> checkDefault(const ConfigKeyInfo& key) {
  if (!key.defaultValue) {
    return std::nullopt;
  }
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + *key.defaultValue);
  } catch (const toml::parse_error& e) {
    return "設定キー " + key.name + " の既定値が TOML として読めません（" +
           std::string(e.description()) + "）。";
  }
  const toml::node* v = parsed.get("v");
  bool fits = false;
  switch (key.type) {
    case TB_VALUE_STRING:
      fits = v->is_string();
      break;
    case TB_VALUE_INTEGER:
      fits = v->is_integer();
      break;
    case TB_VALUE_BOOLEAN:
      fits = v->is_boolean();
      break;
    case TB_VALUE_STRING_ARRAY:
      fits = v->is_array() &&
             (v->as_array()->empty() || v->as_array()->is_homogeneous(toml::node_type::string));
      break;
  }
  if (!fits) {
    return "設定キー " + key.name + " の既定値が型に合いません。";
  }
  return std::nullopt;
}

std::optional<std::string> checkDescriptor(const tb_plugin_descriptor& d, std::uint32_t abiVersion,
                                           PluginInfo& info) {
  if (!TB_HAS_FIELD(&d, tb_plugin_descriptor, operations)) {
    return "記述子の大きさ (struct_size=" + std::to_string(d.struct_size) + ") が足りません。";
  }
  if (d.abi_version != abiVersion) {
    return "記述子のABI版 " + abiVersionText(d.abi_version) +
           " が " TB_SYMBOL_ABI_VERSION "() の値 " + abiVersionText(abiVersion) +
           " と一致しません。";
  }
  if (!isIdentifier(d.name)) {
    return "プラグイン名が空か、英小文字・数字・_ 以外を含みます。";
  }
  info.name = d.name;
  if (d.kind < TB_KIND_EXPORTER || d.kind > TB_KIND_IMPORTER) {
    return "プラグインの種類 (kind=" + std::to_string(d.kind) + ") が不明です。";
  }
  info.kind = static_cast<tb_kind>(d.kind);
  if (d.version == nullptr || *d.version == '\0') {
    return "プラグインの版 (version) がありません。";
  }
  info.version = d.version;
  info.summary = d.summary != nullptr ? d.summary : "";
  info.capabilities = d.capabilities;
  info.abiVersion = d.abi_version;
  if (d.create == nullptr || d.destroy == nullptr) {
    return "create または destroy がありません。";
  }
  if (!operationsComplete(info.kind, d.operations)) {
    return std::string("種類 ") + kindName(info.kind) + " の操作表が欠けています。";
  }
  if (d.config_key_count > 0 && d.config_keys == nullptr) {
    return "設定キーの表がありません。";
  }
  // The array is walked with the plugin's struct size as the stride, so a plugin
  // built for an older minor (smaller keys) is read correctly.
  const std::size_t stride = d.config_key_count > 0 ? d.config_keys[0].struct_size : 0;
  if (d.config_key_count > 0 && stride < sizeof(tb_config_key)) {
    return "設定キーの定義の大きさ (struct_size) が足りません。";
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(d.config_keys);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < d.config_key_count; ++i) {
    ConfigKeyInfo key;
    if (auto problem = copyKey(*reinterpret_cast<const tb_config_key*>(bytes + i * stride), key)) {
      return problem;
    }
    if (!seen.insert(key.name).second) {
      return "設定キー " + key.name + " が二度定義されています。";
    }
    info.configKeys.push_back(std::move(key));
  }
  return std::nullopt;
}

}  // namespace teichaku::plugin_host
