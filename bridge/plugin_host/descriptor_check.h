#pragma once

#include <optional>
#include <string>

#include "plugin_host/plugin_info.h"
#include "teichaku/plugin_abi.h"

// Checks a descriptor field by field (sizes first, then every pointer and value) and
// copies what it describes into a PluginInfo. Never trusts the plugin's layout beyond
// its declared sizes.
namespace teichaku::plugin_host {

// Returns the first problem (Japanese), or nullopt when `descriptor` is usable.
std::optional<std::string> checkDescriptor(const tb_plugin_descriptor& descriptor,
                                           std::uint32_t abiVersion, PluginInfo& info);

// Checks a default value's TOML text against its type; nullopt when it fits.
std::optional<std::string> checkDefault(const ConfigKeyInfo& key);

}  // namespace teichaku::plugin_host
