#pragma once

#include <toml++/toml.h>

#include <string>

#include "config/config_error.h"
#include "config/schema.h"
#include "plugin_host/plugin_info.h"

// A plugin's published C schema, as the same TableSpec the bridge's own
// configuration uses, so a typo in [plugins.<instance>] gets the same FILE:LINE:COL:
// error as one anywhere else.
namespace teichaku::plugin_host {

// The plugin's own keys (not `type` and `enabled`, which the bridge schema checks).
config::TableSpec pluginTableSpec(const PluginInfo& plugin);

// Validates the plugin's keys in an instance table; `path` is "plugins.<instance>".
void validateInstanceTable(const toml::table& instance, const PluginInfo& plugin,
                           const std::string& path, const std::string& file,
                           config::ConfigErrors& errors);

// `plugins help NAME`: summary, kind, version, capabilities and every key (Japanese).
std::string pluginHelpText(const PluginInfo& plugin);

}  // namespace teichaku::plugin_host
