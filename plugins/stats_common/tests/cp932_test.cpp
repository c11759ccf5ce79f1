#include "cp932.h"

#include <gtest/gtest.h>

namespace teichaku::stats {
namespace {

TEST(Cp932, ConvertsJapaneseIncludingNecExtensions) {
  // Expected bytes from the Windows-31J table (東 = 93 8C, 京 = 8B 9E, ① = 87 40 (NEC row 13),
  // 髙 = FB FC (IBM extension)); checked with `iconv -t CP932`.
  EXPECT_EQ(toCp932("東京①髙"), std::string("\x93\x8C\x8B\x9E\x87\x40\xFB\xFC"));
  EXPECT_EQ(toCp932("C01,12\r\n"), std::string("C01,12\r\n"));
}

TEST(Cp932, RefusesWhatItCannotHoldInsteadOfReplacing) {
  EXPECT_EQ(toCp932("𠮷野"), std::nullopt);      // U+20BB7 is outside CP932
  EXPECT_EQ(toCp932("\xE6\x9D"), std::nullopt);  // cut UTF-8
}

}  // namespace
}  // namespace teichaku::stats
