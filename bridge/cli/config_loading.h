#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "config/config.h"

namespace teichaku::cli {

// Loads --config for a command: prints every error as FILE:LINE:COL: to `err` and
// returns nullopt (the caller exits 2); on success installs logging from [logging]
// and registers the mapping's personal field names with the redactor when given.
std::optional<config::Config> loadForCommand(const std::string& path, std::ostream& err);

// Load options with the plugin host's check of [plugins.<instance>] tables, so
// every command (and check-config) validates plugin settings without running them.
config::LoadOptions loadOptionsFor(const std::string& path);

}  // namespace teichaku::cli
