#pragma once

#include <cstddef>

#include "teichaku/plugin_abi.h"

namespace teichaku::stats_period {

extern const tb_config_key kConfigKeys[];
extern const std::size_t kConfigKeyCount;

}  // namespace teichaku::stats_period
