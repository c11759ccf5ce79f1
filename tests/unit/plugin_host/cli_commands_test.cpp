#include "plugin_host/cli_commands.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace teichaku::plugin_host {
namespace {

const std::string kRealDir = TEICHAKU_PLUGIN_DIR;
const std::string kTestDir = TEICHAKU_TEST_PLUGIN_DIR;

TEST(PluginCommandsTest, ListShowsEachPluginWithVersionAndKind) {
  std::ostringstream out, err;
  EXPECT_EQ(listPlugins(kRealDir, out, err), 0);
  EXPECT_NE(out.str().find("exporter_record_count  1.0.0  exporter（出力（統計など））"),
            std::string::npos)
      << out.str();
  EXPECT_TRUE(err.str().empty()) << err.str();
}

TEST(PluginCommandsTest, ListReportsBrokenPluginsAndFails) {
  std::ostringstream out, err;
  EXPECT_EQ(listPlugins(kTestDir, out, err), 1);  // ExitCode::kRuntimeFailure
  EXPECT_NE(out.str().find("test_good"), std::string::npos) << out.str();
  EXPECT_NE(err.str().find("test_wrong_major.so"), std::string::npos) << err.str();
}

TEST(PluginCommandsTest, HelpListsEveryKeyWithTypeAndDefault) {
  std::ostringstream out, err;
  EXPECT_EQ(pluginHelp(kRealDir, "exporter_record_count", out, err), 0);
  const std::string text = out.str();
  EXPECT_NE(text.find("apps: 文字列の配列、必須。"), std::string::npos) << text;
  EXPECT_NE(text.find("output_file: 文字列、既定 \"record_count.csv\"。"), std::string::npos)
      << text;
  EXPECT_NE(text.find("使うサービス: ミラーの読み取り ファイル出力"), std::string::npos) << text;
}

TEST(PluginCommandsTest, HelpForAnUnknownPluginIsAConfigError) {
  std::ostringstream out, err;
  EXPECT_EQ(pluginHelp(kRealDir, "nothing", out, err), 2);  // ExitCode::kConfigError
  EXPECT_NE(err.str().find("プラグイン nothing はフォルダ"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace teichaku::plugin_host
