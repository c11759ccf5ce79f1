#include <gtest/gtest.h>

#include <sstream>

#include "cli/command.h"
#include "support/temp_dir.h"
#include "unit/config/minimal_config.h"

namespace teichaku::cli {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run(std::vector<std::string> argv) {
  std::ostringstream out;
  std::ostringstream err;
  int code = dispatch(argv, out, err);
  return {code, out.str(), err.str()};
}

TEST(DispatchTest, VersionPrintsNameAndSemver) {
  CliRun r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "teichaku-bridge 0.1.0\n");
}

TEST(DispatchTest, HelpListsSubcommandsAndExitCodes) {
  CliRun r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("check-config"), std::string::npos);
  EXPECT_NE(r.out.find("  4  安全装置が停止しました"), std::string::npos) << r.out;
}

TEST(DispatchTest, NoArgumentsIsAUsageError) {
  CliRun r = run({});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("使い方"), std::string::npos);
}

TEST(DispatchTest, HelpForOneSubcommandShowsItsOptions) {
  CliRun r = run({"help", "check-config"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("--config FILE"), std::string::npos);
  EXPECT_NE(r.out.find("終了コード 2"), std::string::npos);
  EXPECT_EQ(run({"check-config", "--help"}).out, r.out);
}

TEST(DispatchTest, UnknownCommandAndUnknownOptionExitTwo) {
  CliRun unknown = run({"frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("'frobnicate'"), std::string::npos);
  CliRun badOption = run({"check-config", "--config", "x.toml", "--colour"});
  EXPECT_EQ(badOption.code, 2);
  EXPECT_NE(badOption.err.find("不明なオプション"), std::string::npos) << badOption.err;
  EXPECT_EQ(run({"help", "frobnicate"}).code, 2);
}

TEST(DispatchTest, MissingRequiredOptionExitsTwo) {
  CliRun r = run({"check-config"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--config"), std::string::npos) << r.err;
}

class CheckConfigTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
};

TEST_F(CheckConfigTest, ValidFileExitsZeroInBothOptionSpellings) {
  std::string path =
      dir.write("b.toml", minimalConfig(dir.write("token", "secret-token-value")), 0644);
  CliRun separate = run({"check-config", "--config", path});
  EXPECT_EQ(separate.code, 0) << separate.err;
  EXPECT_NE(separate.out.find("問題はありません"), std::string::npos);
  CliRun joined = run({"check-config", "--config=" + path});
  EXPECT_EQ(joined.code, 0) << joined.err;
  EXPECT_EQ(joined.out, separate.out);
  EXPECT_EQ(separate.out.find("secret-token-value"), std::string::npos);
}

TEST_F(CheckConfigTest, MisspelledKeyPrintsPositionAndKeyAndExitsTwo) {
  std::string path = dir.write(
      "b.toml",
      minimalConfig(dir.write("token", "secret-token-value")) + "\n[server]\nlisen = \"x\"\n",
      0644);
  CliRun r = run({"check-config", "--config", path});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(path + ":16:1: キー 'server.lisen'"), std::string::npos) << r.err;
}

TEST_F(CheckConfigTest, WrongTypeExitsTwo) {
  std::string text = minimalConfig(dir.write("token", "secret-token-value"));
  text.replace(text.find("app_id = 101"), 12, "app_id = true");
  CliRun r = run({"check-config", "--config", dir.write("b.toml", text, 0644)});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(":9:10: キー 'kintone.apps.cases.app_id'"), std::string::npos) << r.err;
}

TEST_F(CheckConfigTest, WorldReadableTokenFileExitsTwoWithoutPrintingTheToken) {
  std::string token = dir.write("token", "secret-token-value", 0644);
  CliRun r = run({"check-config", "--config", dir.write("b.toml", minimalConfig(token), 0644)});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(":10:18: キー 'kintone.apps.cases.api_token_file'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos);
  EXPECT_EQ(r.err.find("secret-token-value"), std::string::npos);
  EXPECT_EQ(r.out.find("secret-token-value"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::cli
