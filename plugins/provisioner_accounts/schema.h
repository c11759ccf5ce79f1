#pragma once

#include <cstddef>

#include "teichaku/plugin_abi.h"

// The configuration keys of [plugins.<instance>] with type = "provisioner_accounts".
namespace teichaku::accounts_plugin {

extern const tb_config_key kConfigKeys[];
extern const std::size_t kConfigKeyCount;

}  // namespace teichaku::accounts_plugin
