#include "planner.h"

#include <map>
#include <optional>

#include "fingerprint.h"

namespace teichaku::accounts_plugin {
namespace {

void addAction(PlannedAccount& account, Action action, const std::optional<AccountState>& now) {
  std::optional<AccountState> after;
  if (action != Action::kDelete) {
    after = account.target;
  }
  account.actions.push_back({action, actionFingerprint(action, account.login, now),
                             actionFingerprint(action, account.login, after)});
}

bool sameProfile(const AccountState& a, const AccountState& b) {
  return a.name == b.name && a.surName == b.surName && a.givenName == b.givenName &&
         a.surNameReading == b.surNameReading && a.givenNameReading == b.givenNameReading &&
         a.email == b.email;
}

}  // namespace

Plan makePlan(const Roster& roster, const DirectorySnapshot& directory,
              const CentreCatalogue& centres, const PlannerSettings& settings) {
  Plan plan;
  plan.leavers = settings.leavers;
  plan.rosterRows = roster.dataRows;
  for (const auto& p : roster.problems) {
    plan.problems.push_back(
        {{"row", std::to_string(p.row)}, {"column", p.column}, {"reason", p.reason}});
  }
  std::map<std::string, CentrePlan> byCentre;
  auto centrePlan = [&](const Centre& centre) -> CentrePlan& {
    CentrePlan& c = byCentre[centre.code];
    if (c.code.empty()) {
      c.code = centre.code;
      c.name = centre.name;
      c.organization = centres.organizationOf(centre.code);
      c.createOrganization = directory.organizations.count(c.organization) == 0;
    }
    return c;
  };

  for (const RosterEntry& e : roster.entries) {
    std::optional<AccountState> now;
    if (auto it = directory.users.find(e.login); it != directory.users.end()) {
      now = it->second;
    }
    PlannedAccount account;
    account.login = e.login;
    account.row = e.row;
    if (e.presence == Presence::kLeaving) {
      if (!e.leaveDate.empty() && e.leaveDate > settings.today) {
        ++plan.deferred;
        continue;
      }
      if (!now) {
        continue;  // already gone
      }
      account.target = *now;
      if (settings.leavers == "suspend") {
        if (!now->valid) {
          continue;
        }
        account.target.valid = false;
        addAction(account, Action::kSuspend, now);
      } else {
        addAction(account, Action::kDelete, now);
      }
      CentrePlan& c = centrePlan(e.centre);
      account.fingerprint = accountFingerprint(account.actions);
      c.accounts.push_back(std::move(account));
      continue;
    }

    AccountState& t = account.target;
    t = now.value_or(AccountState{});
    t.code = e.login;
    t.surName = e.surName;
    t.givenName = e.givenName;
    t.name = e.surName + " " + e.givenName;
    if (roster.hasReadings) {
      t.surNameReading = e.surNameReading;
      t.givenNameReading = e.givenNameReading;
    }
    if (!e.email.empty()) {
      t.email = e.email;
    }
    t.organization = centres.organizationOf(e.centre.code);
    t.valid = true;
    t.kintone = settings.kintone;
    t.garoon = settings.garoon;
    if (!now) {
      addAction(account, Action::kCreate, now);
    } else {
      if (!now->valid) {
        addAction(account, Action::kReactivate, now);
      }
      if (!sameProfile(*now, t)) {
        addAction(account, Action::kUpdate, now);
      }
      if (now->organization != t.organization) {
        addAction(account, Action::kMove, now);
      }
      if (now->kintone != t.kintone || now->garoon != t.garoon) {
        addAction(account, Action::kLicences, now);
      }
    }
    CentrePlan& c = centrePlan(e.centre);
    if (account.actions.empty()) {
      continue;
    }
    account.fingerprint = accountFingerprint(account.actions);
    c.accounts.push_back(std::move(account));
  }

  std::vector<std::string> fingerprints;
  for (auto& [code, c] : byCentre) {
    for (const auto& a : c.accounts) {
      fingerprints.push_back(a.login + ":" + a.fingerprint);
    }
    bool joins = false;
    for (const auto& a : c.accounts) {
      for (const auto& action : a.actions) {
        joins = joins || action.action == Action::kCreate || action.action == Action::kMove;
      }
    }
    c.createOrganization = c.createOrganization && joins;
    if (!c.accounts.empty()) {
      plan.centres.push_back(std::move(c));
    }
  }
  plan.fingerprint = planFingerprint(fingerprints);
  return plan;
}

}  // namespace teichaku::accounts_plugin
