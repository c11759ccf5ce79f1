#include "plan_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

Plan samplePlan() {
  Plan p;
  p.createdAt = "2026-04-01T00:00:00Z";
  p.rosterFile = "roster.csv";
  p.leavers = "delete";
  p.fingerprint = "f";
  p.rosterRows = 3;
  p.deferred = 1;
  CentrePlan c;
  c.code = "01a";
  c.name = "道央";
  c.organization = "teichaku-01a";
  c.createOrganization = true;
  PlannedAccount a;
  a.login = "tk01a-01";
  a.row = 2;
  a.fingerprint = "x";
  a.target.code = "tk01a-01";
  a.target.name = "髙橋 花子";
  a.target.surName = "髙橋";
  a.target.organization = "teichaku-01a";
  a.target.garoon = true;
  a.actions = {{Action::kCreate, "b", "a"}};
  c.accounts.push_back(a);
  p.centres.push_back(c);
  p.problems.push_back({{"row", "4"}, {"column", "姓"}, {"reason", "姓がありません。"}});
  return p;
}

TEST(PlanFile, RoundTrip) {
  const Plan back = planFromJson(planToJson(samplePlan()));
  ASSERT_EQ(back.centres.size(), 1u);
  ASSERT_EQ(back.centres[0].accounts.size(), 1u);
  const auto& a = back.centres[0].accounts[0];
  EXPECT_EQ(a.login, "tk01a-01");
  EXPECT_EQ(a.target.surName, "髙橋");
  EXPECT_TRUE(a.target.garoon);
  EXPECT_FALSE(a.target.kintone);
  EXPECT_EQ(a.actions[0].action, Action::kCreate);
  EXPECT_EQ(a.actions[0].before, "b");
  EXPECT_EQ(back.deferred, 1);
  EXPECT_TRUE(back.centres[0].createOrganization);
}

TEST(PlanFile, WrittenPrivately) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("plan-test-" + std::to_string(::getpid()) + ".json"))
                               .string();
  writePlanFile(path, samplePlan());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(readPlanFile(path).centres[0].code, "01a");
  std::remove(path.c_str());
}

TEST(PlanFile, OtherJsonIsRefused) {
  try {
    planFromJson(R"({"format":"something-else"})");
    FAIL();
  } catch (const plugin::Failure& e) {
    EXPECT_EQ(e.messageId(), "ACCOUNTS_PLAN_UNREADABLE");
  }
}

}  // namespace
}  // namespace teichaku::accounts_plugin
