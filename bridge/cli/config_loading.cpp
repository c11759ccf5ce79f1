#include "cli/config_loading.h"

#include "log/log.h"
#include "log/setup.h"
#include "plugin_host/cli_commands.h"

namespace teichaku::cli {

config::LoadOptions loadOptionsFor(const std::string& path) {
  config::LoadOptions options;
  std::string error;
  std::string directory = plugin_host::pluginDirectoryOf(path, error);
  // An unreadable file is reported by loadConfig itself, with its position.
  options.pluginCheck = plugin_host::makePluginCheck(error.empty() ? directory : std::string());
  return options;
}

std::optional<config::Config> loadForCommand(const std::string& path, std::ostream& err) {
  auto result = config::loadConfig(path, loadOptionsFor(path));
  if (!result.ok()) {
    for (const auto& e : result.errors) {
      err << e.format() << '\n';
    }
    err << result.errors.size() << " 件の誤りがあります。直してから再実行してください。\n";
    log::error("CONFIG_INVALID", {{"file", path}, {"errors", result.errors.size()}});
    return std::nullopt;
  }
  log::configureLogging(result.config->logging, log::redactor());
  return std::move(result.config);
}

}  // namespace teichaku::cli
