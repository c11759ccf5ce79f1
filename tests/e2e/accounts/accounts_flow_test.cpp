#include <rapidjson/document.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "accounts_fixture.h"

// 500 staff across the 48 centres created from a roster; then a roster with a join, moves,
// a leaver, a reactivation, an update and a licence change gives exactly the expected plan
// and end state; applying twice changes nothing; a stale plan is refused.
namespace teichaku::accounts::testing {
namespace {

std::string staffCode(int i) {
  char text[16];
  std::snprintf(text, sizeof text, "s%03d", i);
  return text;
}

std::vector<Row> generatedRoster() {
  std::vector<Row> rows;
  for (int i = 0; i < 500; ++i) {
    const std::string code = staffCode(i);
    rows.push_back(activeRow(code, "職員", "太郎" + std::to_string(i), code + "@example.com",
                             sampleCentres()[static_cast<std::size_t>(i % 48)].code));
  }
  return rows;
}

std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// login -> actions, read from the plan file.
std::map<std::string, std::vector<std::string>> planActions(const std::string& path) {
  rapidjson::Document doc;
  doc.Parse(readText(path).c_str());
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& c : doc["centres"].GetArray()) {
    for (const auto& a : c["accounts"].GetArray()) {
      for (const auto& action : a["actions"].GetArray()) {
        out[a["login"].GetString()].push_back(action["action"].GetString());
      }
    }
  }
  return out;
}

class AccountsFlowTest : public AccountsFixture {
 protected:
  // Creates the 500 and checks everything about that first run.
  void createFiveHundred() {
    const std::string roster = writeRoster("roster-1.csv", generatedRoster());
    const CliRun plan = run(
        {"accounts", "plan", "--config", config, "--roster", roster, "--out", path("plan-1.json")});
    ASSERT_EQ(plan.code, 0) << plan.err << plan.out;
    EXPECT_NE(
        plan.out.find("合計: 作成 500 / 更新 0 / 異動 0 / 停止・削除 0 / 再開 0 / ライセンス 0"),
        std::string::npos)
        << plan.out;
    // 500 = 20 centres × 11 + 28 × 10: 01a (index 0) gets 11, the last centre 10.
    EXPECT_NE(plan.out.find("01a 北海道地域生活定着支援センター（道央）: 作成 11 / 更新 0"),
              std::string::npos)
        << plan.out;
    EXPECT_NE(plan.out.find("47 沖縄県地域生活定着支援センター: 作成 10 / 更新 0"),
              std::string::npos)
        << plan.out;
    struct stat st {};
    ASSERT_EQ(::stat(path("plan-1.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(admin()->getUsers().value.size(), 1u) << "plan changes nothing";

    const CliRun apply = run({"accounts", "apply", "--config", config, "--plan",
                              path("plan-1.json"), "--out", path("out-1")});
    ASSERT_EQ(apply.code, 0) << apply.err << apply.out;
    EXPECT_NE(apply.out.find("適用: 548 件、適用済みのため省略: 0 件、失敗: 0 件"),
              std::string::npos)
        << apply.out;  // 48 organizations + 500 accounts
  }
};

TEST_F(AccountsFlowTest, FiveHundredStaffThenJoinsMovesLeaversAndReactivation) {
  createFiveHundred();
  // Every account exists, in its centre's organization, with both licences.
  auto a = admin();
  EXPECT_EQ(a->getUsers().value.size(), 501u);  // + Administrator
  const auto organizationOf = organizationOfUsers();
  for (int i = 0; i < 500; ++i) {
    EXPECT_EQ(organizationOf.at(staffCode(i)),
              "teichaku-" + sampleCentres()[static_cast<std::size_t>(i % 48)].code);
  }
  for (const auto& s : a->getUserServices().value) {
    if (s.code != "Administrator") {
      EXPECT_EQ(std::set<std::string>(s.services.begin(), s.services.end()),
                (std::set<std::string>{"kintone", "garoon"}))
          << s.code;
    }
  }
  // One 0600 file per centre, 500 passwords in all, and they sign in.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path("out-1"))) {
    struct stat st {};
    ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << e.path();
    ++files;
  }
  EXPECT_EQ(files, 48u);
  const auto passwords = readPasswordFiles(path("out-1"), "initial");
  ASSERT_EQ(passwords.size(), 500u);
  for (int i = 0; i < 500; i += 7) {
    EXPECT_TRUE(canLogIn(staffCode(i), passwords.at(staffCode(i)))) << staffCode(i);
  }
  EXPECT_FALSE(canLogIn("s000", "wrong-password-1A"));
  // Never in the log.
  const std::string log = readText(path("bridge.log"));
  for (const auto& [login, password] : passwords) {
    ASSERT_EQ(log.find(password), std::string::npos) << "password of " << login << " logged";
  }

  // Applying the same plan again changes nothing and writes no password.
  const CliRun again = run({"accounts", "apply", "--config", config, "--plan", path("plan-1.json"),
                            "--out", path("out-again")});
  ASSERT_EQ(again.code, 0) << again.err << again.out;
  EXPECT_NE(again.out.find("適用: 0 件、適用済みのため省略: 500 件、失敗: 0 件"), std::string::npos)
      << again.out;
  EXPECT_FALSE(std::filesystem::exists(path("out-again")));

  // Someone suspends s006 and takes Garoon from s007 in the admin screen.
  cybozu::UserInput suspend;
  suspend.code = "s006";
  suspend.valid = false;
  ASSERT_TRUE(a->updateUsers({suspend}).outcome.isOk());
  ASSERT_TRUE(a->setUserServices({{"s007", {"kintone"}}}).outcome.isOk());

  std::vector<Row> rows = generatedRoster();
  rows.push_back(activeRow("s500", "新人", "花子", "s500@example.com", "01a"));  // joins 01a
  rows[1].centre = "02";                                                         // s001: 01b -> 02
  rows[2].status = "異動";                                                       // s002: 02 -> 03
  rows[2].leaveDate = "2026-03-31";
  rows[2].destination = "03";
  rows[3].status = "退職";  // s003 left: deleted (the council's policy)
  rows[3].leaveDate = "2020-03-31";
  rows[4].status = "退職";  // s004 leaves in the future: nothing yet
  rows[4].leaveDate = "2999-03-31";
  rows[5].email = "s005-new@example.com";  // s005: e-mail changed
  const std::string roster = writeRoster("roster-2.csv", rows);
  const CliRun plan = run(
      {"accounts", "plan", "--config", config, "--roster", roster, "--out", path("plan-2.json")});
  ASSERT_EQ(plan.code, 0) << plan.err << plan.out;
  const std::map<std::string, std::vector<std::string>> expected = {
      {"s500", {"create"}}, {"s001", {"move"}},       {"s002", {"move"}},    {"s003", {"delete"}},
      {"s005", {"update"}}, {"s006", {"reactivate"}}, {"s007", {"licences"}}};
  EXPECT_EQ(planActions(path("plan-2.json")), expected);
  EXPECT_NE(plan.out.find("合計: 作成 1 / 更新 1 / 異動 2 / 停止・削除 1 / 再開 1 / ライセンス 1"),
            std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("離任日がまだ先のため今回は変更しない人: 1 人"), std::string::npos);

  const CliRun apply = run({"accounts", "apply", "--config", config, "--plan", path("plan-2.json"),
                            "--out", path("out-2")});
  ASSERT_EQ(apply.code, 0) << apply.err << apply.out;
  const auto after = organizationOfUsers();
  EXPECT_EQ(after.at("s500"), "teichaku-01a");
  EXPECT_EQ(after.at("s001"), "teichaku-02");
  EXPECT_EQ(after.at("s002"), "teichaku-03");
  EXPECT_EQ(after.count("s003"), 0u);
  EXPECT_EQ(after.at("s004"), "teichaku-04");
  const auto users = a->getUsers({"s003", "s004", "s005", "s006"}).value;
  std::map<std::string, cybozu::CybozuUser> byCode;
  for (const auto& u : users) {
    byCode[u.code] = u;
  }
  EXPECT_EQ(byCode.count("s003"), 0u);
  EXPECT_TRUE(byCode.at("s004").valid);
  EXPECT_EQ(byCode.at("s005").email.value_or(""), "s005-new@example.com");
  EXPECT_TRUE(byCode.at("s006").valid);
  const auto services = a->getUserServices({"s007"}).value;
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(std::set<std::string>(services[0].services.begin(), services[0].services.end()),
            (std::set<std::string>{"kintone", "garoon"}));
  const auto joined = readPasswordFiles(path("out-2"), "initial");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_TRUE(canLogIn("s500", joined.at("s500")));

  const CliRun verify = run({"audit", "verify", "--config", config});
  EXPECT_EQ(verify.code, 0) << verify.err;
  // plan-1: 1 + 48 organizations + 500 accounts + 48 files; plan-2: 1 + 7 changes + 1 file.
  EXPECT_NE(verify.out.find("606 件を検証"), std::string::npos) << verify.out;
}

TEST_F(AccountsFlowTest, AStalePlanIsRefusedAndChangesNothing) {
  createFiveHundred();
  std::vector<Row> rows = generatedRoster();
  rows[9].email = "s009-new@example.com";
  rows[10].status = "退職";
  const std::string roster = writeRoster("roster-3.csv", rows);
  const CliRun plan = run(
      {"accounts", "plan", "--config", config, "--roster", roster, "--out", path("plan-3.json")});
  ASSERT_EQ(plan.code, 0) << plan.err;

  // After the plan, someone edits s009's e-mail in the admin screen.
  cybozu::UserInput edit;
  edit.code = "s009";
  edit.email = "someone-else@example.com";
  edit.valid = true;
  ASSERT_TRUE(admin()->updateUsers({edit}).outcome.isOk());

  const CliRun apply =
      run({"accounts", "apply", "--config", config, "--plan", path("plan-3.json")});
  EXPECT_EQ(apply.code, 4) << apply.err << apply.out;
  EXPECT_NE(apply.out.find("s009"), std::string::npos) << apply.out;
  EXPECT_NE(apply.err.find("ACCOUNTS_PLAN_STALE"), std::string::npos) << apply.err;
  EXPECT_EQ(admin()->getUsers({"s010"}).value.size(), 1u) << "the leaver was not deleted";
  EXPECT_EQ(admin()->getUsers({"s009"}).value.at(0).email.value_or(""), "someone-else@example.com");
}

}  // namespace
}  // namespace teichaku::accounts::testing
