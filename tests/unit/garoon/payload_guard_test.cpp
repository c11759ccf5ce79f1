#include "garoon/payload_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

// BRIEF.md "Rules that are never bent": Garoon carries a case number, the centre and a link
// into kintone, never a name, birth date, address or offence. Canary values below are
// distinctive made-up names.
namespace teichaku::garoon {
namespace {

const char* const kCentre = "東京都地域生活定着支援センター";

PayloadGuard guard() {
  return PayloadGuard("https://example.cybozu.com/", {kCentre, "千葉県地域生活定着支援センター"});
}

TEST(PayloadGuardText, JoinsWhitelistedPiecesWithSpacesAndLineBreaks) {
  const auto release = domain::Date::fromYmd(2026, 4, 1);
  ASSERT_TRUE(release);
  GuardedText text = guard().text();
  text.kind(EventKind::kRelease)
      .caseNumber("01a-000123")
      .centre(kCentre)
      .lineBreak()
      .date(DateRole::kRelease, *release);
  EXPECT_EQ(text.str(),
            "【釈放】 ケース番号 01a-000123 東京都地域生活定着支援センター\n"
            "釈放予定日 2026-04-01");
  EXPECT_TRUE(text.refusals().empty());
}

// The share kinds are fixed phrases a centre reads in its Garoon list; written out here by
// hand so a change of wording is a deliberate one.
TEST(PayloadGuardText, ShareKindsReadAsFixedJapanesePhrases) {
  EXPECT_EQ(guard().text().kind(EventKind::kShareReceived).caseNumber("13-000001").str(),
            "【共有が届きました】 ケース番号 13-000001");
  EXPECT_STREQ(label(EventKind::kShareUpdated), "共有が更新されました");
  EXPECT_STREQ(label(EventKind::kShareReturned), "共有を差戻しました");
  EXPECT_STREQ(label(EventKind::kShareConfirmed), "受領確認されました");
  EXPECT_STREQ(label(EventKind::kShareReminder), "受領確認をお願いします");
  EXPECT_STREQ(label(EventKind::kDailyDigest), "日次まとめ");
  EXPECT_STREQ(label(EventKind::kDataCheck), "データ点検");
}

// The scheduled statistics archive and the weekly data check (issue #6): a fixed phrase, the
// centre and, for the check, how many findings to correct.
TEST(PayloadGuardText, ArchiveNoticesAreAFixedPhraseACentreAndACount) {
  EXPECT_EQ(guard().text().kind(EventKind::kStatsReady).centre(kCentre).str(),
            "【統計を作成しました】 東京都地域生活定着支援センター");
  EXPECT_EQ(guard()
                .text()
                .kind(EventKind::kDataCheck)
                .centre(kCentre)
                .lineBreak()
                .count(CountLabel::kToCorrect, 3)
                .str(),
            "【データ点検】 東京都地域生活定着支援センター\n要確認 3件");
}

TEST(PayloadGuardText, RefusesAnythingThatIsNotACaseNumberAndNeverRepeatsIt) {
  GuardedText text = guard().text();
  text.caseNumber("山田太郎")
      .caseNumber("ab cd")
      .caseNumber("")
      .caseNumber("-01")
      .caseNumber(std::string(33, '1'));
  EXPECT_EQ(text.str(), "");
  ASSERT_EQ(text.refusals().size(), 5u);
  for (const auto& reason : text.refusals()) {
    EXPECT_EQ(reason.find("山田"), std::string::npos);
  }
  text.caseNumber(std::string(32, '1'));
  EXPECT_EQ(text.str(), "ケース番号 " + std::string(32, '1'));
}

TEST(PayloadGuardText, RefusesUnknownCentreNames) {
  GuardedText text = guard().text();
  text.centre("山田太郎さんの家");
  EXPECT_EQ(text.str(), "");
  ASSERT_EQ(text.refusals().size(), 1u);
  EXPECT_EQ(text.refusals()[0].find("山田"), std::string::npos);
  GuardedText detached;  // not made by a guard: no centre is known
  detached.centre(kCentre);
  EXPECT_EQ(detached.refusals().size(), 1u);
}

// kintone's own record link form, https://{domain}/k/{app}/show#record={id}
// (kintone-api.md, webhook payload `url`).
TEST(PayloadGuardUrl, LinksOnlyToANumberedKintoneRecord) {
  auto url = guard().recordUrl("101", "42");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->str(), "https://example.cybozu.com/k/101/show#record=42");
  EXPECT_FALSE(guard().recordUrl("101", "42&name=山田"));
  EXPECT_FALSE(guard().recordUrl("", "42"));
  EXPECT_FALSE(guard().recordUrl("app", "1"));
}

// Rule 6's digest: counts carry a fixed label only, headings are fixed strings.
TEST(PayloadGuardText, CountsAndHeadingsAreFixedLabelsWithANumber) {
  const std::string text = guard()
                               .text()
                               .heading(Heading::kRecordsYesterday)
                               .lineBreak()
                               .count(CountLabel::kImportant, 2)
                               .lineBreak()
                               .caseNumber("13-000001")
                               .count(CountLabel::kMore, 12)
                               .lineBreak()
                               .count(CountLabel::kTaskDue, 0)
                               .str();
  EXPECT_EQ(text,
            "■昨日の支援記録\n重要 2件\nケース番号 13-000001 ほか 12件\n期限の近いタスク 0件");
}

TEST(PayloadGuardUrl, ListLinksCarryOnlyTheAppAndAViewNumber) {
  auto list = guard().viewUrl("7");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->str(), "https://example.cybozu.com/k/7/");
  auto view = guard().viewUrl("7", "5520");
  ASSERT_TRUE(view);
  EXPECT_EQ(view->str(), "https://example.cybozu.com/k/7/?view=5520");
  EXPECT_FALSE(guard().viewUrl("7", "5520&query=山田"));
  EXPECT_FALSE(guard().viewUrl("7", "氏名 = \"山田\""));
  EXPECT_FALSE(guard().viewUrl("", "1"));
  EXPECT_FALSE(guard().viewUrl("7/?query=x"));
}

struct CanaryCase {
  const char* label;
  std::string payload;
  std::string forbidden;
};

TEST(PayloadGuardReject, FindsCanariesInRawAndDecodedForms) {
  const std::vector<CanaryCase> cases = {
      {"ascii raw", R"({"title":"case for Zyxwvu Canaryson"})", "Zyxwvu Canaryson"},
      {"japanese raw", R"({"body":"鈴木花子テスト"})", "鈴木花子"},
      {"unicode escapes", R"({"body":"\u9234\u6728\u82b1\u5b50"})", "鈴木花子"},
      {"mixed escape", R"({"body":"x\u9234木花子y"})", "鈴木花子"},
      {"surrogate pair", R"({"title":"\ud842\udfb7\u91ce"})", "𠮷野"},
      {"json escaped quote", R"({"title":"O\"Canary"})", "O\"Canary"},
      {"escaped solidus", R"({"url":"a\/Canary\/b"})", "a/Canary/b"},
      {"in a key", R"({"鈴木花子":"x"})", "鈴木花子"},
      {"nested array", R"({"d":[{"code":"x"},{"code":"canary-login"}]})", "canary-login"},
      {"case folded", R"({"title":"ZYXWVU"})", "zyxwvu"},
      {"full-width", R"({"title":"ＺＹＸＷＶＵ"})", "zyxwvu"},
      {"spaces differ", R"({"title":"山田　太郎"})", "山田 太郎"},
      {"spaces removed", R"({"title":"山田太郎"})", "山田 太郎"},
      {"birth date", R"({"start":{"dateTime":"1980-05-03T00:00:00+09:00"}})", "1980-05-03"},
      {"not json", "plain 鈴木花子 text", "鈴木花子"},
  };
  for (const auto& c : cases) {
    const Outcome outcome = PayloadGuard::rejectIfContains(c.payload, {"unrelated", c.forbidden});
    EXPECT_TRUE(outcome.isFail()) << c.label;
    EXPECT_EQ(outcome.messageId(), "GAROON_PAYLOAD_REJECTED") << c.label;
    EXPECT_EQ(outcome.message().find(c.forbidden), std::string::npos) << c.label;
    EXPECT_NE(outcome.message().find("2 番目"), std::string::npos) << c.label;
  }
}

TEST(PayloadGuardReject, PassesCleanPayloadsAndIgnoresEmptyValues) {
  const std::string payload = R"({"title":"【釈放】 ケース番号 01a-000123","body":"\u6771京"})";
  EXPECT_TRUE(
      PayloadGuard::rejectIfContains(payload, {"鈴木花子", "Zyxwvu", "", " ", "　"}).isOk());
  EXPECT_TRUE(PayloadGuard::rejectIfContains(payload, {}).isOk());
}

}  // namespace
}  // namespace teichaku::garoon
