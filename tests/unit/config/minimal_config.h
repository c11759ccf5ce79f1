#pragma once

#include <string>

// The smallest valid configuration; tests append or replace lines to break it.
inline std::string minimalConfig(const std::string& tokenFile) {
  return "[bridge]\n"
         "data_dir = \"/var/lib/teichaku-bridge\"\n"
         "mapping_file = \"mapping.toml\"\n"
         "\n"
         "[kintone]\n"
         "base_url = \"https://example.cybozu.com\"\n"
         "\n"
         "[kintone.apps.cases]\n"
         "app_id = 101\n"
         "api_token_file = \"" +
         tokenFile +
         "\"\n"
         "\n"
         "[store]\n"
         "key_file = \"keys/mirror.keys\"\n";
}
