#pragma once

#include <memory>
#include <string>

#include "plugin_host/instance_config.h"
#include "plugin_host/plugin_info.h"
#include "plugin_host/services.h"
#include "teichaku/plugin_abi.h"

// The C service table one instance receives, bound to that instance's name,
// configuration and services. Every entry catches what the C++ side throws: nothing
// unwinds into the plugin. Capabilities the plugin did not declare are refused.
namespace teichaku::plugin_host {

class HostTable {
 public:
  HostTable(std::string instance, const PluginInfo& plugin, InstanceConfig config,
            HostServices services);
  ~HostTable();
  HostTable(const HostTable&) = delete;
  HostTable& operator=(const HostTable&) = delete;

  // Stable for the lifetime of this object.
  const tb_host* host() const;

 private:
  std::unique_ptr<tb_host_context> context_;
};

}  // namespace teichaku::plugin_host
