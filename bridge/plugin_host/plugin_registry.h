#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plugin_host/plugin_library.h"

// Every plugin in the configured folder, by type name. One registry per bridge run;
// no global state, so tests can hold several.
namespace teichaku::plugin_host {

class PluginRegistry {
 public:
  // Loads every *.so directly in `directory`, in name order. A file that fails to
  // load is reported in errors() and skipped; an unsafe folder loads nothing.
  static PluginRegistry load(const std::string& directory);

  const std::string& directory() const { return directory_; }
  const std::vector<std::shared_ptr<PluginLibrary>>& plugins() const { return plugins_; }
  const std::vector<std::string>& errors() const { return errors_; }
  std::shared_ptr<PluginLibrary> find(const std::string& type) const;

 private:
  std::string directory_;
  std::vector<std::shared_ptr<PluginLibrary>> plugins_;
  std::vector<std::string> errors_;
};

}  // namespace teichaku::plugin_host
