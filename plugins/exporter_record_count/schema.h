#pragma once

#include <cstddef>

#include "teichaku/plugin_abi.h"

// The configuration keys of [plugins.<instance>] with type = "exporter_record_count".
namespace teichaku::record_count {

extern const tb_config_key kConfigKeys[];
extern const std::size_t kConfigKeyCount;

}  // namespace teichaku::record_count
