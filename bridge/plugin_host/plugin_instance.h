#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "plugin_host/host_table.h"
#include "plugin_host/plugin_library.h"
#include "plugin_host/services.h"

// One named instance of a plugin ([plugins.<name>]). Holds the library, so the code
// it calls cannot be unloaded under it; destroys the plugin's instance before the
// service table it was given. Every call into the plugin is guarded: a status, a
// message, never an exception.
namespace teichaku::plugin_host {

struct ExportRequest {
  std::optional<std::string> periodStart;  // YYYY-MM-DD, inclusive
  std::optional<std::string> periodEnd;
  std::vector<std::string> centres;  // empty = all
  std::vector<std::string> formats;  // empty = the plugin's default
  bool checksOnly = false;           // the data checks instead of the statistics (ABI 1.1)
};

class PluginInstance {
 public:
  struct Created {
    std::unique_ptr<PluginInstance> instance;  // null unless outcome is Ok
    Outcome outcome = Outcome::ok();
  };

  // `config` is the [plugins.<name>] table, already validated (validateInstanceTable).
  static Created create(std::shared_ptr<PluginLibrary> library, const std::string& name,
                        const toml::table& config, HostServices services);

  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  const std::string& name() const { return name_; }
  const PluginInfo& plugin() const { return library_->info(); }

  Outcome runExport(const ExportRequest& request);
  Outcome render(const std::string& caseId, const std::string& format = {});
  Outcome plan(const std::string& rosterPath, const std::string& planPath);
  Outcome apply(const std::string& rosterPath, const std::string& planPath);
  Outcome runReport(const std::string& centre, int year, int month);
  Outcome runImport(const std::string& sourcePath, const std::string& planPath);

 private:
  PluginInstance(std::shared_ptr<PluginLibrary> library, std::string name,
                 std::unique_ptr<HostTable> host)
      : library_(std::move(library)), name_(std::move(name)), host_(std::move(host)) {}

  Outcome requireKind(tb_kind kind, const char* operation) const;

  std::shared_ptr<PluginLibrary> library_;
  std::string name_;
  std::unique_ptr<HostTable> host_;
  tb_instance* instance_ = nullptr;
};

}  // namespace teichaku::plugin_host
