#include "rules/reguard.h"

#include <gtest/gtest.h>

namespace teichaku::rules {
namespace {

const garoon::PayloadGuard& guard() {
  static const garoon::PayloadGuard g(
      "https://example.cybozu.com/",
      {"東京都地域生活定着支援センター", "大阪府地域生活定着支援センター"});
  return g;
}

TEST(ReguardTest, GuardBuiltTextsAreRebuiltExactly) {
  const std::string text = guard()
                               .text()
                               .kind(garoon::EventKind::kRecordAdded)
                               .centre("東京都地域生活定着支援センター")
                               .caseNumber("13-000001")
                               .lineBreak()
                               .date(garoon::DateRole::kDue, *domain::Date::parse("2026-04-03"))
                               .str();
  ASSERT_EQ(text,
            "【記録の追加】 東京都地域生活定着支援センター ケース番号 13-000001\n期限 2026-04-03");
  auto back = reguardText(guard(), text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->str(), text);
  EXPECT_TRUE(back->refusals().empty());
}

TEST(ReguardTest, AnythingButWhitelistedPiecesIsRefused) {
  EXPECT_FALSE(reguardText(guard(), "ケース番号 13-000001 山田太郎"));     // a name
  EXPECT_FALSE(reguardText(guard(), "神奈川県地域生活定着支援センター"));  // not registered
  EXPECT_FALSE(reguardText(guard(), "ケース番号 山田"));                   // not a number
  EXPECT_FALSE(reguardText(guard(), "期限 1960-13-01"));                   // not a date
  EXPECT_FALSE(reguardText(guard(), "ケース番号  13-000001"));             // two spaces
  EXPECT_FALSE(reguardText(guard(), "【共有】 ケース番号 13-000001"));     // unknown kind
}

TEST(ReguardTest, DigestCountsAndHeadingsAreRebuilt) {
  const std::string text =
      "■昨日の支援記録\n重要 2件\nケース番号 13-000001 ケース番号 13-000002\n通常 0件\n"
      "■受領確認待ちの共有\n届いた共有 12件\nケース番号 27-000005 ほか 11件";
  auto back = reguardText(guard(), text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->str(), text);
}

TEST(ReguardTest, ForgedCountsAreRefused) {
  EXPECT_FALSE(reguardText(guard(), "山田 2件"));             // a name as the label
  EXPECT_FALSE(reguardText(guard(), "重要 山田"));            // not a number
  EXPECT_FALSE(reguardText(guard(), "重要 2人"));             // not 件
  EXPECT_FALSE(reguardText(guard(), "重要 02件"));            // not as the guard writes it
  EXPECT_FALSE(reguardText(guard(), "重要"));                 // no count
  EXPECT_FALSE(reguardText(guard(), "重要 2件 山田"));        // free text after it
  EXPECT_FALSE(reguardText(guard(), "■山田太郎の支援記録"));  // not a known heading
}

TEST(ReguardTest, ListLinksOnlyWithoutAQuery) {
  auto list = reguardUrl(guard(), "https://example.cybozu.com/k/4/");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->str(), "https://example.cybozu.com/k/4/");
  auto view = reguardUrl(guard(), "https://example.cybozu.com/k/4/?view=5520");
  ASSERT_TRUE(view);
  EXPECT_EQ(view->str(), "https://example.cybozu.com/k/4/?view=5520");
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/?query=%E5%B1%B1%E7%94%B0"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/?view=1&query=x"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/?view=山田"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4"));
  EXPECT_FALSE(reguardUrl(guard(), "https://evil.example.com/k/4/"));
}

TEST(ReguardTest, OnlyRecordLinksUnderTheBaseAreRebuilt) {
  auto url = reguardUrl(guard(), "https://example.cybozu.com/k/4/show#record=12");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->str(), "https://example.cybozu.com/k/4/show#record=12");
  EXPECT_FALSE(reguardUrl(guard(), "https://evil.example.com/k/4/show#record=12"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/show#record=12&name=x"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/show"));
}

}  // namespace
}  // namespace teichaku::rules
