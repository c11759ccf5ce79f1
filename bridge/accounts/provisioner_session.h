#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "common/outcome.h"
#include "config/config.h"
#include "plugin_host/plugin_library.h"
#include "teichaku/plugin_abi.h"

// One provisioner instance for one accounts command: finds [plugins.<instance>], loads its
// plugin, validates the table and calls plan or apply with the directory attached to the
// request (tb_provision_request.directory, since ABI 1.1). plugin_host::PluginInstance
// has no way to pass the directory, so the instance is created here with the same host
// table and guards.
namespace teichaku::accounts {

struct ProvisionerChoice {
  std::string instance;
  const toml::table* table = nullptr;
  std::string organizationPrefix = "teichaku-";
};

// `requested` "" picks the only instance of type provisioner_accounts. Prints why not
// (Japanese) to `err` and returns nullopt.
std::optional<ProvisionerChoice> chooseProvisioner(const config::Config& config,
                                                   const std::string& requested, std::ostream& err);

enum class ProvisionStep { kPlan, kApply };

// Returns the plugin's outcome; a config or loading problem is a Fail with a
// PLUGIN_* id and a Japanese message.
Outcome runProvisioner(const config::Config& config, const ProvisionerChoice& choice,
                       ProvisionStep step, const std::string& rosterPath,
                       const std::string& planPath, const tb_directory* directory);

}  // namespace teichaku::accounts
