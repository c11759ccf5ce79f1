#include "cli/config_loading.h"

#include "log/log.h"
#include "log/setup.h"

namespace teichaku::cli {

std::optional<config::Config> loadForCommand(const std::string& path, std::ostream& err) {
  auto result = config::loadConfig(path);
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
