#pragma once

#include <map>
#include <string>

// The directory as the plugin sees it through the host's snapshot (plugin_abi.h
// tb_directory_user): plain values, no ABI types.
namespace teichaku::accounts_plugin {

struct AccountState {
  std::string code;
  std::string name;
  std::string surName;
  std::string givenName;
  std::string surNameReading;
  std::string givenNameReading;
  std::string email;
  std::string organization;  // code, "" = none
  bool valid = true;
  bool kintone = false;
  bool garoon = false;
};

struct DirectorySnapshot {
  std::map<std::string, AccountState> users;         // by login
  std::map<std::string, std::string> organizations;  // code -> name
};

}  // namespace teichaku::accounts_plugin
