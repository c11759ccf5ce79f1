#include "plugin_host/instance_config.h"

namespace teichaku::plugin_host {

InstanceConfig::InstanceConfig(const toml::table& instance, const PluginInfo& plugin) {
  for (const auto& key : plugin.configKeys) {
    if (const toml::node* given = instance.get(key.name)) {
      values_.insert(key.name, *given);
    } else if (key.defaultValue) {
      // Checked to parse and fit its type when the plugin was loaded.
      toml::table parsed = toml::parse("v = " + *key.defaultValue);
      values_.insert(key.name, *parsed.get("v"));
    }
  }
}

const char* InstanceConfig::string(const std::string& key) const {
  const auto* v = values_.get_as<std::string>(key);
  return v != nullptr ? v->get().c_str() : nullptr;
}

std::optional<std::int64_t> InstanceConfig::integer(const std::string& key) const {
  const auto* v = values_.get_as<std::int64_t>(key);
  return v != nullptr ? std::optional<std::int64_t>(v->get()) : std::nullopt;
}

std::optional<bool> InstanceConfig::boolean(const std::string& key) const {
  const auto* v = values_.get_as<bool>(key);
  return v != nullptr ? std::optional<bool>(v->get()) : std::nullopt;
}

std::size_t InstanceConfig::arraySize(const std::string& key) const {
  const auto* v = values_.get_as<toml::array>(key);
  return v != nullptr ? v->size() : 0;
}

const char* InstanceConfig::arrayItem(const std::string& key, std::size_t index) const {
  const auto* v = values_.get_as<toml::array>(key);
  if (v == nullptr || index >= v->size()) {
    return nullptr;
  }
  const auto* s = v->get(index)->as_string();
  return s != nullptr ? s->get().c_str() : nullptr;
}

}  // namespace teichaku::plugin_host
