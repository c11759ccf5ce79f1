#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "core/emulator.h"
#include "core/http_server.h"
#include "support/temp_dir.h"

namespace teichaku::cli {
namespace {

const char* const kApps[] = {"cases", "support_records", "tasks", "shares", "staff", "reports"};

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

// A tenant as an administrator leaves it before `apps deploy`: six empty apps with API
// tokens (ids 101..106), reached only through the real commands.
class CliFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator::EmulatorOptions options;
    options.adminPassword = "admin-pass-for-tests";
    emulator_ = std::make_unique<emulator::Emulator>(options);
    std::string seed = R"({"apps":[)";
    for (int i = 0; i < 6; ++i) {
      seed += std::string(i ? "," : "") + R"({"id":)" + std::to_string(101 + i) +
              R"(,"name":"app)" + std::to_string(i) + R"(","tokens":[{"token":"tok-)" + kApps[i] +
              R"(-0123456789","permissions":["view","add","edit","delete"]}]})";
    }
    seed += "]}";
    rapidjson::Document doc;
    doc.Parse(seed.c_str());
    emulator_->applyConfig(doc);
    server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
    server_->start();
    dir.write("admin-password", "admin-pass-for-tests");
    for (const char* app : kApps) {
      dir.write(std::string("token-") + app, std::string("tok-") + app + "-0123456789");
    }
  }
  void TearDown() override { server_->stop(); }

  std::string writeConfig(int reportsAppId = 106) {
    std::ostringstream c;
    const std::string root = std::getenv("TEICHAKU_SOURCE_DIR");
    c << "[bridge]\ndata_dir = \"" << dir.path().string() << "/data\"\n"
      << "mapping_file = \"" << root << "/mappings/raito-plus.toml\"\n"
      << "[kintone]\nbase_url = \"" << server_->baseUrl() << "\"\n"
      << "admin_login = \"Administrator\"\nadmin_password_file = \"admin-password\"\n";
    for (int i = 0; i < 6; ++i) {
      c << "[kintone.apps." << kApps[i] << "]\napp_id = " << (i == 5 ? reportsAppId : 101 + i)
        << "\napi_token_file = \"token-" << kApps[i] << "\"\n";
    }
    c << "[store]\nkey_file = \"mirror.keys\"\n[logging]\nconsole = false\n";
    return dir.write("bridge.toml", c.str(), 0644);
  }

  CliRun run(std::vector<std::string> argv) {
    std::ostringstream out;
    std::ostringstream err;
    int code = dispatch(argv, out, err);
    return {code, out.str(), err.str()};
  }

  std::string appsToml() const {
    return std::string(std::getenv("TEICHAKU_SOURCE_DIR")) + "/samples/apps/apps.toml";
  }

  testing::TempDir dir;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
};

TEST_F(CliFlowTest, DeploySeedSyncQueryAndVerifyTheAuditLog) {
  const std::string config = writeConfig();
  ASSERT_EQ(run({"key", "init", "--config", config}).code, 0);
  EXPECT_EQ(run({"key", "init", "--config", config}).code, 1)  // never overwrites a key
      << "a second key init must refuse";

  CliRun deploy = run({"apps", "deploy", "--config", config, "--apps", appsToml()});
  ASSERT_EQ(deploy.code, 0) << deploy.err;
  EXPECT_NE(deploy.out.find("cases: フィールドを"), std::string::npos) << deploy.out;
  CliRun again = run({"apps", "deploy", "--config", config, "--apps", appsToml()});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out.find("追加しました"), std::string::npos) << "nothing left to add";

  CliRun seed = run({"samples", "seed", "--config", config, "--cases", "12", "--seed", "5"});
  ASSERT_EQ(seed.code, 0) << seed.err;
  EXPECT_NE(seed.out.find("cases: 12 件"), std::string::npos) << seed.out;
  CliRun refused = run({"samples", "seed", "--config", config, "--cases", "12", "--seed", "5"});
  EXPECT_EQ(refused.code, 4) << "apps with records are never seeded without --append";
  EXPECT_NE(refused.err.find("--append"), std::string::npos);

  const std::string summary = (dir.path() / "sync.json").string();
  CliRun sync = run({"sync", "--config", config, "--full", "--summary", summary});
  ASSERT_EQ(sync.code, 0) << sync.err;
  EXPECT_NE(sync.out.find("cases: 完全同期 取得 12 件、保存 12 件"), std::string::npos) << sync.out;
  std::ifstream summaryFile(summary);
  std::string summaryText((std::istreambuf_iterator<char>(summaryFile)), {});
  EXPECT_NE(summaryText.find("\"runs\""), std::string::npos);

  CliRun query = run({"query", "--config", config, "--app", "cases", "--format", "csv",
                      "$id in (1, 2) order by $id asc"});
  ASSERT_EQ(query.code, 0) << query.err;
  EXPECT_EQ(query.out.rfind("$id,$revision,", 0), 0u) << query.out;
  EXPECT_EQ(std::count(query.out.begin(), query.out.end(), '\n'), 3);  // header + 2 records

  CliRun bad = run({"query", "--config", config, "--app", "cases", "依頼日 >>= \"x\""});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("CB_VA01"), std::string::npos) << bad.err;  // kintone-api.md §6

  CliRun verify = run({"audit", "verify", "--config", config});
  EXPECT_EQ(verify.code, 0) << verify.err;
  EXPECT_NE(verify.out.find("1 件を検証"), std::string::npos) << verify.out;  // the query read
}

TEST_F(CliFlowTest, DeployReportsAnAppCreatedUnderAnotherIdAndNeedsAnOperator) {
  const std::string config = writeConfig(999);  // no app 999 in the tenant
  CliRun deploy = run({"apps", "deploy", "--config", config, "--apps", appsToml()});
  EXPECT_EQ(deploy.code, 4);
  EXPECT_NE(deploy.err.find("app_id = 999"), std::string::npos) << deploy.err;
}

TEST_F(CliFlowTest, SyncWithAWorldReadableTokenFileChangesNothing) {
  const std::string config = writeConfig();
  dir.write("token-cases", "tok-cases-0123456789", 0644);
  CliRun sync = run({"sync", "--config", config, "--full"});
  EXPECT_EQ(sync.code, 2);
  EXPECT_NE(sync.err.find("chmod 600"), std::string::npos) << sync.err;
  EXPECT_EQ(sync.err.find("tok-cases-0123456789"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::cli
