#include "plugin_host/plugin_registry.h"

#include <algorithm>
#include <filesystem>

#include "plugin_host/path_safety.h"

namespace teichaku::plugin_host {

PluginRegistry PluginRegistry::load(const std::string& directory) {
  PluginRegistry registry;
  registry.directory_ = directory;
  PathCheck folder = checkPluginDirectory(directory);
  if (!folder.ok) {
    registry.errors_.push_back(folder.problem);
    return registry;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder.resolvedPath)) {
    if (entry.path().extension() == ".so") {
      files.push_back(entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    LoadResult loaded = PluginLibrary::load(folder.resolvedPath, file);
    if (!loaded.library) {
      registry.errors_.push_back(loaded.error);
      continue;
    }
    if (registry.find(loaded.library->info().name)) {
      registry.errors_.push_back("プラグイン " + loaded.library->info().file + " の種類 " +
                                 loaded.library->info().name +
                                 " は別のファイルですでに読み込まれています。");
      continue;
    }
    registry.plugins_.push_back(std::move(loaded.library));
  }
  return registry;
}

std::shared_ptr<PluginLibrary> PluginRegistry::find(const std::string& type) const {
  for (const auto& p : plugins_) {
    if (p->info().name == type) {
      return p;
    }
  }
  return nullptr;
}

}  // namespace teichaku::plugin_host
