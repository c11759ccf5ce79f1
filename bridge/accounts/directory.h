#pragma once

#include <string>
#include <vector>

#include "common/outcome.h"
#include "teichaku/plugin_abi.h"

// The cybozu.com directory as the accounts commands offer it to a provisioner plugin
// (plugin_abi.h tb_directory): a snapshot and batches of changes. The implementation
// holds the administrator credential; the plugin only ever sees this interface.
namespace teichaku::accounts {

struct DirectoryUser {
  std::string code;
  std::string name;
  std::string surName;
  std::string givenName;
  std::string surNameReading;
  std::string givenNameReading;
  std::string email;
  std::string organization;  // first organization's code, "" = none
  bool valid = true;
  bool kintone = false;
  bool garoon = false;
};

struct DirectoryOrganization {
  std::string code;
  std::string name;
};

struct DirectorySnapshot {
  std::vector<DirectoryOrganization> organizations;
  std::vector<DirectoryUser> users;
};

struct DirectoryChange {
  tb_directory_action action = TB_DIRECTORY_CREATE;
  std::string code;
  std::string name;
  std::string surName;
  std::string givenName;
  std::string surNameReading;
  std::string givenNameReading;
  std::string email;
  std::string organization;
  std::string centre;
  std::string centreName;
  bool kintone = false;
  bool garoon = false;
  Outcome result = Outcome::ok();  // filled by apply
};

class Directory {
 public:
  virtual ~Directory() = default;
  // `codes` empty = every user.
  virtual Outcome snapshot(const std::vector<std::string>& codes, DirectorySnapshot& out) = 0;
  // Tries every change and fills its result; a failing person does not stop the others.
  virtual void apply(std::vector<DirectoryChange>& changes) = 0;
};

// "account.create", "account.update", … (the audit action of a change).
const char* auditAction(tb_directory_action action);

}  // namespace teichaku::accounts
