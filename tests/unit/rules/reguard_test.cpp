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

TEST(ReguardTest, OnlyRecordLinksUnderTheBaseAreRebuilt) {
  auto url = reguardUrl(guard(), "https://example.cybozu.com/k/4/show#record=12");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->str(), "https://example.cybozu.com/k/4/show#record=12");
  EXPECT_FALSE(reguardUrl(guard(), "https://evil.example.com/k/4/show#record=12"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/show#record=12&name=x"));
  EXPECT_FALSE(reguardUrl(guard(), "https://example.cybozu.com/k/4/"));
}

}  // namespace
}  // namespace teichaku::rules
