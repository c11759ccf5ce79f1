#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "teichaku/plugin_abi.h"

// What the host knows about a plugin, copied out of its descriptor at load time so
// nothing keeps pointing into plugin memory for listing, help or validation.
namespace teichaku::plugin_host {

struct ConfigKeyInfo {
  std::string name;
  tb_value_type type = TB_VALUE_STRING;
  bool required = false;
  std::optional<std::string> defaultValue;  // TOML text
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::string help;
};

struct PluginInfo {
  std::string file;  // resolved path of the .so
  std::string name;  // the `type` used in [plugins.<instance>]
  tb_kind kind = TB_KIND_EXPORTER;
  std::string version;
  std::string summary;
  std::uint64_t capabilities = 0;
  std::uint32_t abiVersion = 0;
  std::vector<ConfigKeyInfo> configKeys;
};

// "exporter" etc. for messages and listings, and the Japanese label.
const char* kindName(tb_kind kind);
const char* kindLabel(tb_kind kind);
// "1.0"
std::string abiVersionText(std::uint32_t version);

}  // namespace teichaku::plugin_host
