#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>

#include "plugin_host/plugin_info.h"

// One instance's validated [plugins.<instance>] table with the plugin's defaults
// filled in. Strings handed to the plugin point into this object.
namespace teichaku::plugin_host {

class InstanceConfig {
 public:
  // `instance` must already have passed validateInstanceTable.
  InstanceConfig(const toml::table& instance, const PluginInfo& plugin);

  const char* string(const std::string& key) const;
  std::optional<std::int64_t> integer(const std::string& key) const;
  std::optional<bool> boolean(const std::string& key) const;
  std::size_t arraySize(const std::string& key) const;
  const char* arrayItem(const std::string& key, std::size_t index) const;

 private:
  toml::table values_;
};

}  // namespace teichaku::plugin_host
