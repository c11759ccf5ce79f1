#include "rules/static_centre_directory.h"

#include <gtest/gtest.h>

namespace teichaku::rules {
namespace {

TEST(StaticCentreDirectoryTest, AnswersFromTheGivenCentres) {
  StaticCentreDirectory d(
      {{"東京都地域生活定着支援センター", "teichaku-13", {"tk13-01", "both"}},
       {"神奈川県地域生活定着支援センター", "teichaku-14", {"tk14-01", "both"}}});
  EXPECT_TRUE(d.isKnownCentre("東京都地域生活定着支援センター"));
  EXPECT_FALSE(d.isKnownCentre("大阪府地域生活定着支援センター"));
  EXPECT_EQ(d.organizationCode("神奈川県地域生活定着支援センター"), "teichaku-14");
  EXPECT_EQ(d.organizationCode("大阪府地域生活定着支援センター"), std::nullopt);
  EXPECT_EQ(d.staffLoginCodes("東京都地域生活定着支援センター"),
            (std::vector<std::string>{"tk13-01", "both"}));
  EXPECT_TRUE(d.staffLoginCodes("大阪府地域生活定着支援センター").empty());
  EXPECT_EQ(d.centreOfUser("tk14-01"), "神奈川県地域生活定着支援センター");
  EXPECT_EQ(d.centreOfUser("both"), std::nullopt) << "in two centres: not one centre";
  EXPECT_EQ(d.centreOfUser("nobody"), std::nullopt);
}

}  // namespace
}  // namespace teichaku::rules
