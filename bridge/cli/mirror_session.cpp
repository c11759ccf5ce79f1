#include "cli/mirror_session.h"

#include <filesystem>

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
  // The data folder holds the mirror and the audit head: private to the service user.
  for (const std::string& folder :
       {config->dataDir, std::filesystem::path(config->store.sqlitePath).parent_path().string()}) {
    std::error_code error;
    if (!folder.empty() && !std::filesystem::exists(folder) &&
        std::filesystem::create_directories(folder, error)) {
      std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, error);
    }
    if (error) {
      err << "エラー: データフォルダ " << folder << " を作成できません（" << error.message()
          << "）。[bridge] data_dir と権限を確認してください。\n";
      return std::nullopt;
    }
  }
  auto store = sync::openMirror(*config);
  return MirrorSession{std::move(*config), std::move(*map), std::move(store)};
}

}  // namespace teichaku::cli
