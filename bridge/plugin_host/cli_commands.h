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

// The plugin folder a configuration file names in [plugins] directory, expanded and
// made absolute as the loader does (empty when not set). Read before the full load,
// because check-config needs the folder to build its plugin check. Sets `error`
// (Japanese) when the file cannot be read or the path cannot be expanded.
std::string pluginDirectoryOf(const std::string& configPath, std::string& error);

// Validates each [plugins.<instance>] table against its plugin's schema without
// creating an instance. The folder is loaded on first use and kept while the check
// function lives. An empty `directory` makes every instance an error (no folder set).
config::TableCheck makePluginCheck(const std::string& directory);

}  // namespace teichaku::plugin_host
