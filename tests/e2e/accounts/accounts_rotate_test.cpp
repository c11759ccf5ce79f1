#include <sys/stat.h>

#include <filesystem>

#include "accounts_fixture.h"

// After a lost device: every password of one centre changes, and no other.
namespace teichaku::accounts::testing {
namespace {

class AccountsRotateTest : public AccountsFixture {};

TEST_F(AccountsRotateTest, ChangesEveryPasswordOfOneCentreAndNoOther) {
  // Nine staff: u0, u3, u6 in 01a; u1, u4, u7 in 01b; u2, u5, u8 in 02.
  std::vector<Row> rows;
  const char* const centreOf[] = {"01a", "01b", "02"};
  for (int i = 0; i < 9; ++i) {
    const std::string code = "u" + std::to_string(i);
    rows.push_back(activeRow(code, "職員", "次郎", code + "@example.com", centreOf[i % 3]));
  }
  const std::string roster = writeRoster("roster.csv", rows);
  ASSERT_EQ(
      run({"accounts", "plan", "--config", config, "--roster", roster, "--out", path("plan.json")})
          .code,
      0);
  const CliRun apply = run({"accounts", "apply", "--config", config, "--plan", path("plan.json")});
  ASSERT_EQ(apply.code, 0) << apply.err << apply.out;
  const auto initial = readPasswordFiles(dir.path().string(), "initial");  // next to the plan
  ASSERT_EQ(initial.size(), 9u);
  // u6 is suspended: rotation gives it a new password but must not re-activate it.
  cybozu::UserInput suspend;
  suspend.code = "u6";
  suspend.valid = false;
  ASSERT_TRUE(admin()->updateUsers({suspend}).outcome.isOk());

  const CliRun rotate =
      run({"accounts", "rotate", "--config", config, "--centre", "01a", "--out", path("lost")});
  ASSERT_EQ(rotate.code, 0) << rotate.err << rotate.out;
  EXPECT_NE(rotate.out.find("センター 01a: 3 人のパスワードを再発行しました"), std::string::npos)
      << rotate.out;
  ASSERT_EQ(std::distance(std::filesystem::directory_iterator(path("lost")), {}), 1) << "one file";
  const auto rotated = readPasswordFiles(path("lost"), "rotated");
  ASSERT_EQ(rotated.size(), 3u);
  for (const char* login : {"u0", "u3"}) {
    EXPECT_FALSE(canLogIn(login, initial.at(login))) << login << ": old password still works";
    EXPECT_TRUE(canLogIn(login, rotated.at(login))) << login;
    EXPECT_NE(initial.at(login), rotated.at(login));
  }
  EXPECT_FALSE(admin()->getUsers({"u6"}).value.at(0).valid) << "u6 stays suspended";
  for (const char* login : {"u1", "u4", "u7", "u2", "u5", "u8"}) {
    EXPECT_TRUE(canLogIn(login, initial.at(login))) << login << ": another centre changed";
  }
  EXPECT_TRUE(canLogIn("Administrator", kAdminPassword)) << "the administrator is kept";
  for (const auto& e : std::filesystem::directory_iterator(path("lost"))) {
    struct stat st {};
    ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
  }
  const CliRun verify = run({"audit", "verify", "--config", config});
  EXPECT_EQ(verify.code, 0) << verify.err;
}

TEST_F(AccountsRotateTest, UnknownCentreIsAnError) {
  const CliRun rotate =
      run({"accounts", "rotate", "--config", config, "--centre", "99", "--out", path("lost")});
  EXPECT_NE(rotate.code, 0);
  EXPECT_FALSE(std::filesystem::exists(path("lost")));
}

}  // namespace
}  // namespace teichaku::accounts::testing
