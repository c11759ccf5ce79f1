#include <gtest/gtest.h>

#include <string>

#include "plugin_host/cli_commands.h"

namespace teichaku::plugin_host {
namespace {

const std::string kRealDir = TEICHAKU_PLUGIN_DIR;

// Runs the check-config hook on every [plugins.<instance>] of `text`, as the
// configuration loader does, and returns the formatted errors.
std::vector<std::string> check(const std::string& text) {
  toml::table doc = toml::parse(text, std::string("bridge.toml"));
  config::TableCheck hook = makePluginCheck(kRealDir);
  config::ConfigErrors errors;
  for (auto&& [name, node] : *doc["plugins"].as_table()) {
    hook(*node.as_table(), "plugins." + std::string(name.str()), "bridge.toml", errors);
  }
  std::vector<std::string> lines;
  for (const auto& e : errors) {
    lines.push_back(e.format());
  }
  return lines;
}

TEST(PluginSchemaTest, AValidInstanceHasNoErrors) {
  EXPECT_TRUE(check("[plugins.counts]\n"
                    "type = \"exporter_record_count\"\n"
                    "apps = [\"cases\"]\n"
                    "query = \"状況 in (\\\"支援中\\\")\"\n")
                  .empty());
}

TEST(PluginSchemaTest, TwoNamedInstancesOfOnePluginAreCheckedSeparately) {
  auto errors = check(
      "[plugins.monthly]\n"
      "type = \"exporter_record_count\"\n"
      "apps = [\"cases\"]\n"
      "[plugins.yearly]\n"
      "type = \"exporter_record_count\"\n"
      "output_file = \"y.csv\"\n");
  ASSERT_EQ(errors.size(), 1u);
  // [plugins.yearly] opens on line 4; the missing key is reported at the table.
  EXPECT_EQ(errors[0].rfind("bridge.toml:4:1:", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("plugins.yearly.apps"), std::string::npos) << errors[0];
}

TEST(PluginSchemaTest, AMisspelledKeyIsReportedAtItsPositionWithASuggestion) {
  auto errors = check(
      "[plugins.counts]\n"
      "type = \"exporter_record_count\"\n"
      "apps = [\"cases\"]\n"
      "  qeury = \"x\"\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("bridge.toml:4:3:", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("'query' の誤りではありませんか"), std::string::npos) << errors[0];
}

TEST(PluginSchemaTest, AWrongTypeIsReportedAtTheValue) {
  auto errors = check(
      "[plugins.counts]\n"
      "type = \"exporter_record_count\"\n"
      "apps = \"cases\"\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("bridge.toml:3:8:", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("文字列の配列を指定してください"), std::string::npos) << errors[0];
}

TEST(PluginSchemaTest, AnUnknownTypeIsReportedAtTheTypeKey) {
  auto errors = check(
      "[plugins.counts]\n"
      "type = \"exporter_nothing\"\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("bridge.toml:2:8:", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("exporter_nothing"), std::string::npos) << errors[0];
}

TEST(PluginSchemaTest, TheHostsOwnKeysAreNotThePluginsConcern) {
  EXPECT_TRUE(check("[plugins.counts]\n"
                    "type = \"exporter_record_count\"\n"
                    "enabled = false\n"
                    "apps = [\"cases\"]\n")
                  .empty());
}

}  // namespace
}  // namespace teichaku::plugin_host
