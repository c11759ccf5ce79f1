// TOML config at start (README "Config / seed format").
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "emulator_fixture.h"

namespace teichaku::emulator::testing {
namespace {

TEST(EmulatorConfigTest, TomlConfigSeedsAppsTokensFaultsAndLimit) {
  auto path = std::filesystem::temp_directory_path() /
              ("emulator-config-" + std::to_string(::getpid()) + ".toml");
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(R"(concurrencyLimit = 7
[[apps]]
id = 3
name = "設定アプリ"
code = "CFG"
[apps.fields.title]
type = "SINGLE_LINE_TEXT"
required = true
[[apps.tokens]]
token = "cfg-token"
permissions = ["view", "add"]
[faults."/k/v1/app.json"]
rate503 = 1.0
)",
             f);
  std::fclose(f);
  EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  options.configFiles = {path.string()};
  Emulator emulator(options);
  std::filesystem::remove(path);

  Request add;
  add.method = "POST";
  add.path = "/k/v1/record.json";
  add.headers["x-cybozu-api-token"] = "cfg-token";
  add.body = R"({"app":3,"record":{}})";
  Response missing = emulator.serve(add).response;
  EXPECT_EQ(missing.status, 400);  // title is required
  add.body = R"({"app":3,"record":{"title":{"value":"x"}}})";
  Emulator::Served served = emulator.serve(add);
  EXPECT_EQ(served.response.body, R"({"id":"1","revision":"1"})");
  bool limitHeader = false;
  for (const auto& [name, value] : served.response.headers) {
    limitHeader = limitHeader || (name == "X-ConcurrencyLimit-Limit" && value == "7");
  }
  EXPECT_TRUE(limitHeader);

  Request app;
  app.method = "GET";
  app.path = "/k/v1/app.json";
  app.query = {{"id", "3"}};
  app.headers["x-cybozu-api-token"] = "cfg-token";
  EXPECT_EQ(emulator.serve(app).response.status, 503);
}

}  // namespace
}  // namespace teichaku::emulator::testing

namespace teichaku::emulator::testing {
namespace {

// Seeded records go through the same validation as API writes (§4 "unique"): a seed
// with two equal values in a unique field is refused, distinct ones are stored and
// an API write of a seeded value is then a duplicate.
TEST(EmulatorConfigTest, SeededRecordsAreCheckedForUniqueValues) {
  EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  Emulator emulator(options);
  rapidjson::Document duplicate;
  duplicate.Parse(
      R"({"apps":[{"id":5,"name":"一意","fields":{"番号":{"type":"SINGLE_LINE_TEXT","unique":true}},
      "tokens":[{"token":"u-token","permissions":["view","add"]}],
      "records":[{"番号":{"value":"A-1"}},{"番号":{"value":"A-1"}}]}]})");
  EXPECT_ANY_THROW(emulator.applyConfig(duplicate));

  rapidjson::Document distinct;
  distinct.Parse(
      R"({"apps":[{"id":6,"name":"一意","fields":{"番号":{"type":"SINGLE_LINE_TEXT","unique":true}},
      "tokens":[{"token":"u-token6","permissions":["view","add"]}],
      "records":[{"番号":{"value":"A-1"}},{"番号":{"value":"A-2"}}]}]})");
  emulator.applyConfig(distinct);
  Request add;
  add.method = "POST";
  add.path = "/k/v1/record.json";
  add.headers["x-cybozu-api-token"] = "u-token6";
  add.body = R"({"app":6,"record":{"番号":{"value":"A-2"}}})";
  EXPECT_EQ(emulator.serve(add).response.status, 400);
  add.body = R"({"app":6,"record":{"番号":{"value":"A-3"}}})";
  EXPECT_EQ(emulator.serve(add).response.body, R"({"id":"3","revision":"1"})");
}

}  // namespace
}  // namespace teichaku::emulator::testing
