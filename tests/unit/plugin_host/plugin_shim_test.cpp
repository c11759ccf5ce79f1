#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "teichaku/plugin.hpp"

namespace teichaku::plugin {
namespace {

tb_result emptyResult() {
  tb_result r{};
  r.struct_size = sizeof(r);
  return r;
}

TEST(PluginShimTest, TruncationNeverSplitsAUtf8Character) {
  char buffer[8];
  // "あいう" is 9 bytes (3 each); 7 fit, so only "あい" (6 bytes) may be kept.
  copyTruncated(buffer, "あいう");
  EXPECT_EQ(std::string(buffer), "あい");
  copyTruncated(buffer, "abc");
  EXPECT_EQ(std::string(buffer), "abc");
}

TEST(PluginShimTest, GuardReportsOk) {
  tb_result r = emptyResult();
  EXPECT_EQ(guard(&r, [] {}), TB_OK);
  EXPECT_EQ(r.status, TB_OK);
  EXPECT_STREQ(r.message, "");
}

TEST(PluginShimTest, GuardTurnsAFailureIntoItsStatusAndId) {
  tb_result r = emptyResult();
  EXPECT_EQ(guard(&r, [] { throw Failure::retry("X_LATER", "あとで"); }), TB_RETRY);
  EXPECT_EQ(r.status, TB_RETRY);
  EXPECT_STREQ(r.message_id, "X_LATER");
  EXPECT_STREQ(r.message, "あとで");
}

TEST(PluginShimTest, GuardTurnsAnyOtherExceptionIntoFail) {
  tb_result r = emptyResult();
  EXPECT_EQ(guard(&r, [] { throw std::out_of_range("範囲外"); }), TB_FAIL);
  EXPECT_STREQ(r.message_id, "PLUGIN_EXCEPTION");
  EXPECT_STREQ(r.message, "範囲外");
  EXPECT_EQ(guard(&r, [] { throw 42; }), TB_FAIL);
  EXPECT_STREQ(r.message_id, "PLUGIN_EXCEPTION");
}

TEST(PluginShimTest, AResultTooSmallForTheMessageIsLeftAlone) {
  tb_result r = emptyResult();
  r.struct_size = 8;  // an older, smaller result: the message fields are not there
  r.status = 99;
  EXPECT_EQ(guard(&r, [] { throw Failure::fail("X", "y"); }), TB_FAIL);
  EXPECT_EQ(r.status, 99);
}

}  // namespace
}  // namespace teichaku::plugin
