#include <gtest/gtest.h>

#include "config/config.h"
#include "support/temp_dir.h"
#include "unit/config/minimal_config.h"

namespace teichaku::config {
namespace {

using testing::TempDir;

class ConfigValidationTest : public ::testing::Test {
 protected:
  std::string token() { return dir.write("token", "secret-token-value"); }
  LoadResult load(const std::string& text) {
    return loadConfig(dir.write("bridge.toml", text, 0644));
  }

  TempDir dir;
};

TEST_F(ConfigValidationTest, MinimalConfigLoadsWithDefaults) {
  auto r = load(minimalConfig(token()));
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
  EXPECT_EQ(r.config->kintone.apps.at("cases").appId, 101);
  EXPECT_EQ(r.config->kintone.maxConcurrency, 4);
  EXPECT_EQ(r.config->kintone.dailyRequestBudget, 10000);
  EXPECT_EQ(r.config->store.engine, "sqlite");
  EXPECT_EQ(r.config->store.sqlitePath, "/var/lib/teichaku-bridge/mirror.db");
  // Relative paths are taken from the configuration file's folder.
  EXPECT_EQ(r.config->store.keyFile, (dir.path() / "keys/mirror.keys").string());
  EXPECT_EQ(r.config->schedule.nightlyAt, "02:30");
}

TEST_F(ConfigValidationTest, MisspelledKeyIsReportedWithPositionAndSuggestion) {
  std::string text = minimalConfig(token()) + "\n[server]\nlisen = \"127.0.0.1:1\"\n";
  auto r = load(text);
  ASSERT_EQ(r.errors.size(), 1u);
  const auto& e = r.errors[0];
  EXPECT_EQ(e.line, 16);  // minimalConfig is 13 lines, then a blank line and [server]
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(e.keyPath, "server.lisen");
  EXPECT_NE(e.message.find("'listen' の誤り"), std::string::npos) << e.message;
  EXPECT_EQ(e.format().rfind(dir.path().string() + "/bridge.toml:16:1: キー 'server.lisen': ", 0),
            0u)
      << e.format();
}

TEST_F(ConfigValidationTest, WrongTypeNamesExpectedAndActual) {
  std::string text = minimalConfig(token());
  text.replace(text.find("app_id = 101"), 12, "app_id = \"101\"");
  auto r = load(text);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "kintone.apps.cases.app_id");
  EXPECT_EQ(r.errors[0].line, 9);
  EXPECT_NE(r.errors[0].message.find("整数を指定してください"), std::string::npos);
  EXPECT_NE(r.errors[0].message.find("文字列が書かれています"), std::string::npos);
}

TEST_F(ConfigValidationTest, OutOfRangeValueIsRejected) {
  auto r = load(minimalConfig(token()) + "\n[schedule]\nreconcile_max_delete_percent = 150\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "schedule.reconcile_max_delete_percent");
  EXPECT_NE(r.errors[0].message.find("0 以上 100 以下"), std::string::npos);
}

TEST_F(ConfigValidationTest, MissingRequiredKeysAreAllReported) {
  auto r = load("[bridge]\ndata_dir = \"/tmp/x\"\n");
  std::vector<std::string> paths;
  for (const auto& e : r.errors) {
    paths.push_back(e.keyPath);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"bridge.mapping_file", "kintone", "store"}));
  EXPECT_FALSE(r.config.has_value());
}

TEST_F(ConfigValidationTest, EveryErrorIsReportedInFileOrder) {
  std::string text = minimalConfig(token());
  text +=
      "\n[logging]\nlevel = \"verbose\"\nconsole = \"yes\"\n\n[kintone.apps.tasks]\napp_id = 0\n";
  auto r = load(text);
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].keyPath, "logging.level");
  EXPECT_EQ(r.errors[1].keyPath, "logging.console");
  EXPECT_EQ(r.errors[2].keyPath, "kintone.apps.tasks.api_token");  // at the table header
  EXPECT_EQ(r.errors[3].keyPath, "kintone.apps.tasks.app_id");
  EXPECT_LT(r.errors[0].line, r.errors[1].line);
  EXPECT_LE(r.errors[2].line, r.errors[3].line);
}

TEST_F(ConfigValidationTest, AllowedValuesAreListed) {
  auto r = load(minimalConfig(token()) + "\n[logging]\nlevel = \"verbose\"\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("\"debug\""), std::string::npos);
}

TEST_F(ConfigValidationTest, TomlSyntaxErrorHasPosition) {
  auto r = load("[bridge\ndata_dir = 1\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_NE(r.errors[0].message.find("TOMLの書き方"), std::string::npos);
}

TEST_F(ConfigValidationTest, MissingFileIsAnError) {
  auto r = loadConfig((dir.path() / "absent.toml").string());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("読めません"), std::string::npos);
}

TEST_F(ConfigValidationTest, PlainHttpIsOnlyForLoopbackHosts) {
  std::string text = minimalConfig(token());
  text.replace(text.find("https://example.cybozu.com"), 26, "http://example.cybozu.com");
  auto r = load(text);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "kintone.base_url");
  EXPECT_EQ(r.errors[0].line, 6);

  text.replace(text.find("http://example.cybozu.com"), 25, "http://127.0.0.1:8080");
  EXPECT_TRUE(load(text).ok());
  text.replace(text.find("http://127.0.0.1:8080"), 21, "http://127.0.0.1.evil.example");
  EXPECT_EQ(load(text).errors.size(), 1u);
}

TEST_F(ConfigValidationTest, BadNightlyTimeIsRejected) {
  auto r = load(minimalConfig(token()) + "\n[schedule]\nnightly_at = \"25:00\"\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "schedule.nightly_at");
}

TEST_F(ConfigValidationTest, PostgresqlEngineNeedsConnectionString) {
  auto r = load(minimalConfig(token()) + "engine = \"postgresql\"\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "store.postgresql_dsn");
}

TEST_F(ConfigValidationTest, PluginInstancesNeedATypeAndReachThePluginCheck) {
  std::string text =
      minimalConfig(token()) +
      "\n[plugins.national]\ntype = \"stats_national\"\nfiscal_year_label = \"wareki\"\n"
      "\n[plugins.broken]\nenabled = false\n";
  std::vector<std::string> checked;
  LoadOptions options;
  options.pluginCheck = [&](const toml::table&, const std::string& path, const std::string&,
                            ConfigErrors&) { checked.push_back(path); };
  auto r = loadConfig(dir.write("bridge.toml", text, 0644), options);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "plugins.broken.type");
  EXPECT_EQ(checked, (std::vector<std::string>{"plugins.broken", "plugins.national"}));
}

}  // namespace
}  // namespace teichaku::config
