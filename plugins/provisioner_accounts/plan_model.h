#pragma once

#include <map>
#include <string>
#include <vector>

#include "directory_model.h"

// A plan: what `accounts apply` will change, per centre and per person, with the
// directory state each change was computed from (before) and leads to (after).
namespace teichaku::accounts_plugin {

enum class Action { kCreate, kUpdate, kMove, kSuspend, kDelete, kReactivate, kLicences };

const char* actionName(Action action);  // "create", ... (the plan file's words)
bool actionFromName(const std::string& name, Action& action);

struct PlannedAction {
  Action action = Action::kCreate;
  std::string before;  // fingerprint of the fields this action touches, now
  std::string after;   // and once it is done
};

struct PlannedAccount {
  std::string login;
  int row = 0;              // roster row, for the operator
  AccountState target;      // the wanted state (only the touched fields matter)
  std::string fingerprint;  // of the fields the plan touches, now (hash of the befores)
  std::vector<PlannedAction> actions;
};

struct CentrePlan {
  std::string code;
  std::string name;
  std::string organization;
  bool createOrganization = false;
  std::vector<PlannedAccount> accounts;
};

struct Plan {
  std::string createdAt;            // ISO-8601 UTC
  std::string rosterFile;           // as given
  std::string leavers;              // "delete" | "suspend"
  std::string fingerprint;          // of every account in the plan
  std::vector<CentrePlan> centres;  // by centre code
  int rosterRows = 0;
  int deferred = 0;  // leavers whose 離任日 is still ahead
  std::vector<std::map<std::string, std::string>> problems;  // row, column, reason
};

}  // namespace teichaku::accounts_plugin
