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
