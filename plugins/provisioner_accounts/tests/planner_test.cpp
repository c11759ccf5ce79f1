#include "planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "fingerprint.h"

namespace teichaku::accounts_plugin {
namespace {

AccountState account(const std::string& code, const std::string& org, bool valid = true) {
  AccountState s;
  s.code = code;
  s.surName = "山田";
  s.givenName = code;
  s.name = "山田 " + code;
  s.email = code + "@example.com";
  s.organization = org;
  s.valid = valid;
  s.kintone = true;
  s.garoon = true;
  return s;
}

RosterEntry entry(const std::string& login, const std::string& centre,
                  Presence presence = Presence::kActive, const std::string& leaveDate = "") {
  RosterEntry e;
  e.login = login;
  e.surName = "山田";
  e.givenName = login;
  e.email = login + "@example.com";
  e.centre = Centre{centre, "センター" + centre};
  e.presence = presence;
  e.leaveDate = leaveDate;
  return e;
}

// login -> action names, the plan's content in a form easy to write by hand.
std::map<std::string, std::vector<std::string>> actions(const Plan& plan) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& c : plan.centres) {
    for (const auto& a : c.accounts) {
      for (const auto& action : a.actions) {
        out[a.login].push_back(actionName(action.action));
      }
    }
  }
  return out;
}

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory.organizations = {{"teichaku-01a", "A"}, {"teichaku-02", "B"}};
    directory.users["keep"] = account("keep", "teichaku-01a");
    directory.users["mover"] = account("mover", "teichaku-01a");
    directory.users["leaver"] = account("leaver", "teichaku-02");
    directory.users["later"] = account("later", "teichaku-02");
    directory.users["back"] = account("back", "teichaku-02", false);
    directory.users["renamed"] = account("renamed", "teichaku-02");
    directory.users["nolicence"] = account("nolicence", "teichaku-02");
    directory.users["nolicence"].garoon = false;
    directory.users["admin"] = account("admin", "");  // not in the roster: never touched
    centres.addFromDirectory(directory);
    centres.loadFile(std::string(std::getenv("TEICHAKU_SOURCE_DIR")) +
                     "/samples/apps/centres.json");
    roster.entries = {entry("keep", "01a"),
                      entry("new", "03"),
                      entry("mover", "02"),
                      entry("leaver", "02", Presence::kLeaving, "2026-03-31"),
                      entry("later", "02", Presence::kLeaving, "2026-04-30"),
                      entry("gone", "02", Presence::kLeaving, ""),
                      entry("back", "02"),
                      entry("renamed", "02"),
                      entry("nolicence", "02")};
    roster.entries[7].email = "renamed-new@example.com";
    roster.hasEmail = true;
    settings.today = "2026-04-01";
  }

  DirectorySnapshot directory;
  CentreCatalogue centres{"teichaku-"};
  Roster roster;
  PlannerSettings settings;
};

TEST_F(PlannerTest, JoinsMovesLeaversReactivationUpdatesAndLicences) {
  const Plan plan = makePlan(roster, directory, centres, settings);
  const std::map<std::string, std::vector<std::string>> expected = {
      {"new", {"create"}},      {"mover", {"move"}},     {"leaver", {"delete"}},
      {"back", {"reactivate"}}, {"renamed", {"update"}}, {"nolicence", {"licences"}}};
  EXPECT_EQ(actions(plan), expected);
  EXPECT_EQ(plan.deferred, 1);  // "later" leaves on 2026-04-30
  ASSERT_EQ(plan.centres.size(), 2u);
  EXPECT_EQ(plan.centres[0].code, "02");
  EXPECT_FALSE(plan.centres[0].createOrganization);
  EXPECT_EQ(plan.centres[1].code, "03");
  EXPECT_TRUE(plan.centres[1].createOrganization);  // nobody is in 岩手 yet
  EXPECT_EQ(plan.centres[1].organization, "teichaku-03");
}

TEST_F(PlannerTest, SuspendPolicySuspendsInsteadOfDeleting) {
  settings.leavers = "suspend";
  const Plan plan = makePlan(roster, directory, centres, settings);
  EXPECT_EQ(actions(plan).at("leaver"), std::vector<std::string>{"suspend"});
}

TEST_F(PlannerTest, FingerprintsTellBeforeFromAfter) {
  const Plan plan = makePlan(roster, directory, centres, settings);
  for (const auto& c : plan.centres) {
    for (const auto& a : c.accounts) {
      for (const auto& action : a.actions) {
        EXPECT_NE(action.before, action.after) << a.login;
      }
    }
  }
  // The move's "before" is the directory now; moving the account somewhere else
  // changes it, so apply would refuse.
  AccountState elsewhere = directory.users["mover"];
  elsewhere.organization = "teichaku-03";
  const auto& mover = plan.centres[0].accounts;
  const auto it = std::find_if(mover.begin(), mover.end(),
                               [](const PlannedAccount& a) { return a.login == "mover"; });
  ASSERT_NE(it, mover.end());
  EXPECT_EQ(it->actions[0].before,
            actionFingerprint(Action::kMove, "mover", directory.users["mover"]));
  EXPECT_NE(it->actions[0].before, actionFingerprint(Action::kMove, "mover", elsewhere));
  AccountState moved = directory.users["mover"];
  moved.organization = "teichaku-02";
  EXPECT_EQ(it->actions[0].after, actionFingerprint(Action::kMove, "mover", moved));
}

TEST_F(PlannerTest, NothingToDoWhenTheDirectoryMatches) {
  Roster same;
  same.entries = {entry("keep", "01a")};
  const Plan plan = makePlan(same, directory, centres, settings);
  EXPECT_TRUE(plan.centres.empty());
}

}  // namespace
}  // namespace teichaku::accounts_plugin
