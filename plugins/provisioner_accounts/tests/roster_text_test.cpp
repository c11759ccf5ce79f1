#include "roster_text.h"

#include <gtest/gtest.h>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

TEST(RosterText, Utf8WithBomLosesTheBom) {
  EXPECT_EQ(decodeRosterText("\xEF\xBB\xBFログイン名\r\n"), "ログイン名\r\n");
}

TEST(RosterText, Utf8WithoutBomIsKept) {
  EXPECT_EQ(decodeRosterText("姓,名\n髙橋,﨑\n"), "姓,名\n髙橋,﨑\n");
}

TEST(RosterText, Cp932IncludingIbmAndNecExtensionsIsDecoded) {
  // Written by hand: 姓 = 90 A9, 名 = 96 BC, 髙 = FB FC (IBM extension), 橋 = 8B B4,
  // 山 = 8E 52, 﨑 = FA B1 (IBM extension), ASCII as is (CP932 table, Microsoft).
  const std::string cp932 = "\x90\xA9,\x96\xBC\r\n\xFB\xFC\x8B\xB4,\x8E\x52\xFA\xB1\r\n";
  EXPECT_EQ(decodeRosterText(cp932), "姓,名\r\n髙橋,山﨑\r\n");
}

TEST(RosterText, UndecodableBytesAreAnErrorNamingTheLine) {
  // 0xFF is no lead byte in CP932 and never valid in UTF-8.
  const std::string bytes = "a,b\nc,d\n\xFF\xFF,e\n";
  try {
    decodeRosterText(bytes);
    FAIL() << "an undecodable file must not be read as garbage";
  } catch (const plugin::Failure& e) {
    EXPECT_EQ(e.messageId(), "ACCOUNTS_ROSTER_ENCODING");
    EXPECT_NE(std::string(e.what()).find("3 行目"), std::string::npos) << e.what();
  }
}

TEST(RosterText, BrokenUtf8AfterABomIsAnError) {
  EXPECT_THROW(decodeRosterText("\xEF\xBB\xBF"
                                "a\n\xC3\x28\n"),
               plugin::Failure);
}

TEST(RosterText, ValidUtf8Check) {
  EXPECT_TRUE(isValidUtf8("髙﨑 abc"));
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));  // overlong "/"
  EXPECT_FALSE(isValidUtf8("\xFB\xFC"));  // CP932 髙
}

}  // namespace
}  // namespace teichaku::accounts_plugin
