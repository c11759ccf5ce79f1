#include "plugin_host/cli_commands.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

TEST(PluginCommandsTest, TheFolderIsReadFromTheConfigurationRelativeToIt) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("teichaku-pdir-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bridge.toml") << "[plugins]\ndirectory = \"lib/plugins\"\n";
  std::ofstream(dir / "none.toml") << "data_dir = \"x\"\n";
  std::string error;
  EXPECT_EQ(pluginDirectoryOf((dir / "bridge.toml").string(), error),
            (dir / "lib/plugins").string());
  EXPECT_EQ(error, "");
  EXPECT_EQ(pluginDirectoryOf((dir / "none.toml").string(), error), "");
  EXPECT_EQ(pluginDirectoryOf((dir / "missing.toml").string(), error), "");
  EXPECT_NE(error.find("missing.toml"), std::string::npos) << error;
  fs::remove_all(dir);
}

TEST(PluginCommandsTest, WithoutAFolderEveryInstanceIsAnError) {
  toml::table doc = toml::parse("type = \"exporter_record_count\"\n", std::string("b.toml"));
  config::ConfigErrors errors;
  makePluginCheck("")(doc, "plugins.x", "b.toml", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format().rfind("b.toml:1:8:", 0), 0u) << errors[0].format();
}

}  // namespace
}  // namespace teichaku::plugin_host
