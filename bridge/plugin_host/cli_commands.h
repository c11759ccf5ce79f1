#pragma once

#include <iosfwd>
#include <string>

#include "config/schema.h"

// The plugin commands, as plain functions the command-line front end wires up:
//   teichaku-bridge plugins list       -> listPlugins
//   teichaku-bridge plugins help NAME  -> pluginHelp
//   check-config                       -> LoadOptions::pluginCheck = makePluginCheck(dir)
// Output is Japanese; return values are teichaku::ExitCode numbers.
namespace teichaku::plugin_host {

int listPlugins(const std::string& directory, std::ostream& out, std::ostream& err);
int pluginHelp(const std::string& directory, const std::string& name, std::ostream& out,
               std::ostream& err);

// Validates each [plugins.<instance>] table against its plugin's schema without
// creating an instance. The folder is loaded on first use and kept while the check
// function lives.
config::TableCheck makePluginCheck(const std::string& directory);

}  // namespace teichaku::plugin_host
