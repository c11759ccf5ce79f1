#include "roster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "roster_text.h"
#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

CentreCatalogue threeCentres() {
  CentreCatalogue c("teichaku-");
  DirectorySnapshot d;
  d.organizations = {{"teichaku-01a", "道央センター"},
                     {"teichaku-02", "青森センター"},
                     {"teichaku-03", "岩手センター"},
                     {"other-org", "事務局"}};
  c.addFromDirectory(d);
  return c;
}

const char* const kHeader =
    "ログイン名,姓,名,姓かな,名かな,メールアドレス,センターコード,所属センター,役職,在籍状況,"
    "着任日,離任日,異動先センター\n";

TEST(Roster, GoodRowsBecomeEntries) {
  const std::string text = std::string(kHeader) +
                           "a1,山田,花子,やまだ,はなこ,a1@example.com,01a,,相談員,在籍,2020/4/1,,\n"
                           "a2,佐藤,一郎,さとう,いちろう,,02,,相談員,退職,2019-04-01,2026-03-31,\n";
  const Roster r = readRoster(text, threeCentres());
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.dataRows, 2);
  EXPECT_EQ(r.entries[0].login, "a1");
  EXPECT_EQ(r.entries[0].centre.code, "01a");
  EXPECT_EQ(r.entries[0].surNameReading, "やまだ");
  EXPECT_EQ(r.entries[0].presence, Presence::kActive);
  EXPECT_EQ(r.entries[1].presence, Presence::kLeaving);
  EXPECT_EQ(r.entries[1].leaveDate, "2026-03-31");
}

TEST(Roster, EveryBadRowIsReportedWithRowColumnAndReason) {
  const std::string text = std::string(kHeader) +
                           "b1,山田,花子,,,,01a,,,在籍,,,\n"  // row 2: good
                           ",鈴木,次郎,,,,01a,,,在籍,,,\n"    // row 3: no login
                           "b1,田中,三郎,,,,02,,,在籍,,,\n"   // row 4: duplicate of row 2
                           "b4,高木,四郎,,,,99,,,在籍,,,\n"   // row 5: unknown centre
                           "b5,伊藤,五郎,,,not-an-address,02,,,在籍,,,\n"  // row 6: e-mail
                           "b6,渡辺,六子,,,,02,,,異動,,2026-03-31,02\n"    // row 7: move to itself
                           "b7,中村,,,,,02,,,在籍,,,\n"                    // row 8: no 名
                           "b8,小林,七海,,,,03,,,休職,,,\n"                // row 9: status
                           "b9,加藤,八郎,,,,03,,,退職,,2026-02-30,\n"      // row 10: no such date
                           ",,,,,,,,,,,,\n"                                // blank line: skipped
                           "b10,吉田,九美,,,,岩手センター,,,在籍,,,\n";    // row 12: centre by name
  const Roster r = readRoster(text, threeCentres());
  struct Expected {
    int row;
    const char* column;
    const char* reason;
  };
  const Expected expected[] = {
      {3, "ログイン名", "ログイン名がありません。"},
      {4, "ログイン名", "ログイン名 b1 は 2 行目と重複しています。"},
      {5, "センターコード", "登録されていないセンターです（99）。"},
      {6, "メールアドレス", "メールアドレスの形式が正しくありません。"},
      {7, "異動先センター", "異動先が現在のセンターと同じです。"},
      {8, "名", "名がありません。"},
      {9, "在籍状況", "在籍状況は「在籍」「異動」「退職」のいずれかにしてください。"},
      {10, "離任日", "日付の形式が正しくありません（例: 2026-03-31）。"},
  };
  ASSERT_EQ(r.problems.size(), std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(r.problems[i].row, expected[i].row) << i;
    EXPECT_EQ(r.problems[i].column, expected[i].column) << i;
    EXPECT_EQ(r.problems[i].reason, expected[i].reason) << i;
  }
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].login, "b1");
  EXPECT_EQ(r.entries[0].surName, "山田");  // the first row wins, the duplicate is dropped
  EXPECT_EQ(r.entries[1].login, "b10");
  EXPECT_EQ(r.entries[1].centre.code, "03");
  EXPECT_EQ(r.dataRows, 10);
}

TEST(Roster, TransferWrittenAsTwoRowsIsOneMove) {
  const std::string text = std::string(kHeader) +
                           "c1,山田,花子,,,,01a,,,異動,,2026-03-31,\n"
                           "c1,山田,花子,,,,02,,,在籍,2026-04-01,,\n";
  const Roster r = readRoster(text, threeCentres());
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].centre.code, "02");
  EXPECT_EQ(r.entries[0].presence, Presence::kActive);
  EXPECT_TRUE(r.entries[0].movedWithinNetwork);
}

TEST(Roster, MoveWithDestinationColumnAndMoveOutOfTheNetwork) {
  const std::string text = std::string(kHeader) +
                           "d1,山田,花子,,,,01a,,,異動,,2026-03-31,03\n"
                           "d2,佐藤,一郎,,,,01a,,,異動,,2026-03-31,\n";
  const Roster r = readRoster(text, threeCentres());
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].centre.code, "03");
  EXPECT_EQ(r.entries[0].presence, Presence::kActive);
  // No destination: leaves the council's network and follows the leaver policy.
  EXPECT_EQ(r.entries[1].presence, Presence::kLeaving);
  EXPECT_EQ(r.entries[1].leaveDate, "2026-03-31");
}

TEST(Roster, MissingRequiredColumnStopsTheWholeFile) {
  try {
    readRoster("姓,名,在籍状況,センターコード\n", threeCentres());
    FAIL();
  } catch (const plugin::Failure& e) {
    EXPECT_EQ(e.messageId(), "ACCOUNTS_ROSTER_HEADER");
    EXPECT_NE(std::string(e.what()).find("ログイン名"), std::string::npos);
  }
}

TEST(Roster, SampleRosterHeaderIsUnderstood) {
  // samples/rosters/staff-roster.csv's header (no 異動先センター column).
  const std::string text =
      "ログイン名,姓,名,姓かな,名かな,メールアドレス,センターコード,所属センター,役職,在籍状況,着任日,"
      "離任日\r\n"
      "tk01a-01,岩山,まいか,いわやま,まいか,tk01a-01@example.com,01a,道央センター,センター長,在籍,"
      "2019-05-08,\r\n";
  const Roster r = readRoster(text, threeCentres());
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].email, "tk01a-01@example.com");
}

TEST(Roster, TheCheckedInSampleRosterReadsWithoutProblems) {
  const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
  std::ifstream in(root + "/samples/rosters/staff-roster.csv", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  CentreCatalogue centres("teichaku-");
  centres.loadFile(root + "/samples/apps/centres.json");
  const Roster r = readRoster(decodeRosterText(bytes.str()), centres);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.dataRows, 480);  // 10 staff x 48 centres
  // grep -c: 415 在籍, 38 異動 (no destination column: they leave the network), 27 退職.
  const auto active = std::count_if(r.entries.begin(), r.entries.end(), [](const RosterEntry& e) {
    return e.presence == Presence::kActive;
  });
  EXPECT_EQ(active, 415);
  EXPECT_EQ(r.entries.size(), 480u);
}

TEST(Roster, DatesInExcelForm) {
  EXPECT_EQ(normaliseDate("2026/3/1"), "2026-03-01");
  EXPECT_EQ(normaliseDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(normaliseDate("2023-02-29"), "");
  EXPECT_EQ(normaliseDate("令和8年3月31日"), "");
}

}  // namespace
}  // namespace teichaku::accounts_plugin
