#include "cli/mirror_session.h"

#include "cli/config_loading.h"
#include "log/log.h"
#include "sync/sync_command.h"

namespace teichaku::cli {

std::optional<MirrorSession> openMirrorSession(const std::string& configPath, std::ostream& err) {
  auto config = loadForCommand(configPath, err);
  if (!config) {
    return std::nullopt;
  }
  std::optional<mapping::Mapping> map;
  try {
    map = mapping::loadMapping(config->mappingFile);
  } catch (const mapping::MappingError& e) {
    err << e.what() << '\n';
    return std::nullopt;
  }
  for (const auto& key : map->personalKeys()) {
    log::redactor()->addPersonalKey(key);
  }
  auto store = sync::openMirror(*config);
  return MirrorSession{std::move(*config), std::move(*map), std::move(store)};
}

}  // namespace teichaku::cli
