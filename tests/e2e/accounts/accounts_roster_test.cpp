#include <iconv.h>

#include <vector>

#include "accounts_fixture.h"

// A roster saved from Excel as CP932 with bad rows: each bad row is reported with row,
// column and reason; the good ones (with 髙 and 﨑, IBM extensions of CP932) are applied.
namespace teichaku::accounts::testing {
namespace {

// glibc's converter, independent of the plugin's decoder, for the ordinary text.
std::string toCp932(const std::string& utf8) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  std::string in = utf8;
  std::vector<char> out(in.size() * 2 + 4);
  char* inPtr = in.data();
  std::size_t inLeft = in.size();
  char* outPtr = out.data();
  std::size_t outLeft = out.size();
  const std::size_t converted = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
  iconv_close(cd);
  EXPECT_NE(converted, static_cast<std::size_t>(-1)) << utf8;
  return std::string(out.data(), out.size() - outLeft);
}

// 髙 = FB FC and 﨑 = FA B1 in CP932 (IBM extensions), written by hand.
const std::string kTaka = "\xFB\xFC";
const std::string kSaki = "\xFA\xB1";

class AccountsRosterTest : public AccountsFixture {};

TEST_F(AccountsRosterTest, Cp932RosterWithBadRowsAppliesTheGoodOnes) {
  auto line = [](const std::string& text) { return toCp932(text) + "\r\n"; };
  const std::string roster =
      line(
          "ログイン名,姓,名,姓かな,名かな,メールアドレス,センターコード,在籍状況,離任日,"
          "異動先センター") +
      "k1," + kTaka + toCp932("橋,花子,たかはし,はなこ,k1@example.com,01a,在籍,,") + "\r\n" +
      line(",鈴木,次郎,すずき,じろう,,01a,在籍,,") +                                     // row 3
      toCp932("k3,山") + kSaki + toCp932(",太郎,やまさき,たろう,,02,在籍,,") + "\r\n" +  // row 4
      line("k1,田中,三郎,たなか,さぶろう,,02,在籍,,") +                                  // row 5
      line("k5,高木,四郎,たかぎ,しろう,,99,在籍,,") +                                    // row 6
      line("k6,伊藤,五郎,いとう,ごろう,k6@,02,在籍,,") +                                 // row 7
      line("k7,渡辺,六子,わたなべ,むつこ,,02,異動,2026-03-31,02");                       // row 8
  const std::string file = dir.write("roster-cp932.csv", roster);
  const CliRun plan =
      run({"accounts", "plan", "--config", config, "--roster", file, "--out", path("plan.json")});
  ASSERT_EQ(plan.code, 0) << plan.err << plan.out;
  for (const char* expected : {
           "3行目「ログイン名」: ログイン名がありません。",
           "5行目「ログイン名」: ログイン名 k1 は 2 行目と重複しています。",
           "6行目「センターコード」: 登録されていないセンターです（99）。",
           "7行目「メールアドレス」: メールアドレスの形式が正しくありません。",
           "8行目「異動先センター」: 異動先が現在のセンターと同じです。",
           "名簿 7 行（エラー 5 件、エラーの行は計画に入れていません）",
       }) {
    EXPECT_NE(plan.out.find(expected), std::string::npos) << expected << "\n" << plan.out;
  }
  const CliRun apply = run({"accounts", "apply", "--config", config, "--plan", path("plan.json")});
  ASSERT_EQ(apply.code, 0) << apply.err << apply.out;
  std::map<std::string, cybozu::CybozuUser> users;
  for (const auto& u : admin()->getUsers().value) {
    users[u.code] = u;
  }
  ASSERT_EQ(users.size(), 3u);  // Administrator, k1, k3
  EXPECT_EQ(users.at("k1").surName.value_or(""), "髙橋");
  EXPECT_EQ(users.at("k1").name, "髙橋 花子");
  EXPECT_EQ(users.at("k3").surName.value_or(""), "山﨑");
}

TEST_F(AccountsRosterTest, UndecodableRosterIsAnErrorNotGarbage) {
  const std::string file =
      dir.write("broken.csv", toCp932("ログイン名,姓,名,センターコード,在籍状況") +
                                  "\r\nk1,\xFF\xFF,x,01a," + toCp932("在籍") + "\r\n");
  const CliRun plan =
      run({"accounts", "plan", "--config", config, "--roster", file, "--out", path("plan.json")});
  EXPECT_EQ(plan.code, 2) << plan.out;
  EXPECT_NE(plan.err.find("2 行目"), std::string::npos) << plan.err;
  EXPECT_EQ(admin()->getUsers().value.size(), 1u);
}

}  // namespace
}  // namespace teichaku::accounts::testing

namespace teichaku::accounts::testing {
namespace {

TEST_F(AccountsRosterTest, OnePersonFailingIsReportedAndTheOthersProceed) {
  const std::vector<Row> first = {
      activeRow("u1", "職員", "一", "u1@example.com", "01a"),
      activeRow("u2", "職員", "二", "u2@example.com", "02"),
      activeRow("u3", "職員", "三", "u3@example.com", "03"),
      activeRow("u4", "職員", "四", "u4@example.com", "01a"),
      activeRow("u5", "職員", "五", "u5@example.com", "01a"),
  };
  ASSERT_EQ(run({"accounts", "plan", "--config", config, "--roster",
                 writeRoster("roster-1.csv", first), "--out", path("plan-1.json")})
                .code,
            0);
  ASSERT_EQ(run({"accounts", "apply", "--config", config, "--plan", path("plan-1.json")}).code, 0);

  std::vector<Row> second = first;
  second[0].centre = "02";                 // u1 moves to 02
  second[3].centre = "03";                 // u4 moves to 03: same batch as u1
  second[4].email = "u5-new@example.com";  // u5: another kind of change
  const CliRun plan = run({"accounts", "plan", "--config", config, "--roster",
                           writeRoster("roster-2.csv", second), "--out", path("plan-2.json")});
  ASSERT_EQ(plan.code, 0) << plan.err;
  // The organization u1 moves to disappears after the plan (organizations are not part of
  // an account's fingerprint), so u1's move fails at cybozu.com.
  ASSERT_TRUE(admin()->deleteOrganizations({"teichaku-02"}).outcome.isOk());

  const CliRun apply =
      run({"accounts", "apply", "--config", config, "--plan", path("plan-2.json")});
  EXPECT_EQ(apply.code, 1) << apply.err << apply.out;
  EXPECT_NE(apply.out.find("失敗: u1: "), std::string::npos) << apply.out;
  EXPECT_NE(apply.out.find("適用: 2 件、適用済みのため省略: 0 件、失敗: 1 件"), std::string::npos)
      << apply.out;
  EXPECT_NE(apply.err.find("ACCOUNTS_APPLY_INCOMPLETE"), std::string::npos) << apply.err;
  const auto organizationOf = organizationOfUsers();
  EXPECT_EQ(organizationOf.at("u4"), "teichaku-03");
  EXPECT_EQ(organizationOf.at("u1"), "teichaku-01a");
  EXPECT_EQ(admin()->getUsers({"u5"}).value.at(0).email.value_or(""), "u5-new@example.com");
}

}  // namespace
}  // namespace teichaku::accounts::testing
