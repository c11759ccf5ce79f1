#pragma once

#include <memory>
#include <string>

#include "plugin_host/plugin_info.h"
#include "teichaku/plugin_abi.h"

// One loaded plugin file. Loading is a sequence of checked steps; when one fails,
// everything done so far is undone (the library is closed) and the error names the
// file, the step and both ABI versions. Unloading happens when the last owner
// (the registry or a running instance) lets go.
namespace teichaku::plugin_host {

class PluginLibrary;

struct LoadResult {
  std::shared_ptr<PluginLibrary> library;  // null on failure
  std::string error;                       // Japanese, names file, step and versions
};

class PluginLibrary {
 public:
  // Loads `fileName` from `directory` (and only from there).
  static LoadResult load(const std::string& directory, const std::string& fileName);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  ~PluginLibrary();

  const PluginInfo& info() const { return info_; }
  // Valid while this object lives.
  const tb_plugin_descriptor& descriptor() const { return *descriptor_; }
  const void* operations() const { return descriptor_->operations; }

 private:
  PluginLibrary() = default;

  void* handle_ = nullptr;
  const tb_plugin_descriptor* descriptor_ = nullptr;
  PluginInfo info_;
};

}  // namespace teichaku::plugin_host
