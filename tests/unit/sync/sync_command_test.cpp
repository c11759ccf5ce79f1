#include "sync/sync_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sync_harness.h"

// runSyncCommand as the CLI calls it: lines for people, summary.json, exit codes.
namespace teichaku::sync::testing {
namespace {

config::Config configFor(int maxDeletePercent) {
  config::Config c;
  for (const auto& [key, id] : kAppIds) {
    config::KintoneApp app;
    app.name = key;
    app.appId = std::stoll(id);
    c.kintone.apps[key] = app;
  }
  c.schedule.reconcileMaxDeletePercent = maxDeletePercent;
  return c;
}

TEST(SyncCommandTest, SyncsReconcilesAndWritesTheSummary) {
  SyncHarness h(8, false);
  const config::Config config = configFor(5);
  teichaku::testing::TempDir dir;
  SyncCommandOptions options;
  options.apps = {"cases"};
  options.full = true;
  options.reconcile = true;
  options.summaryFile = (dir.path() / "summary.json").string();
  std::ostringstream out, err;
  EXPECT_EQ(runSyncCommand({config, h.client(), h.store(), h.mapping()}, options, out, err),
            ExitCode::kOk)
      << err.str();
  EXPECT_NE(out.str().find("cases: 完全同期 取得 8 件、保存 8 件"), std::string::npos) << out.str();

  std::ifstream in(options.summaryFile);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document summary;
  summary.Parse(text.str().c_str());
  ASSERT_TRUE(summary.IsObject()) << text.str();
  const auto& runs = summary["runs"];
  ASSERT_EQ(runs.Size(), 2u);
  EXPECT_STREQ(runs[0]["mode"].GetString(), "full");
  EXPECT_EQ(runs[0]["upserted"].GetInt64(), 8);
  EXPECT_STREQ(runs[1]["mode"].GetString(), "reconcile");
  EXPECT_STREQ(runs[1]["outcome"].GetString(), toString(OutcomeKind::kOk));
}

TEST(SyncCommandTest, DeleteGuardExitsWithNeedsOperator) {
  SyncHarness h(10, false);
  const config::Config config = configFor(5);
  SyncCommandOptions options;
  options.apps = {"cases"};
  options.reconcile = true;
  std::ostringstream out, err;
  ASSERT_EQ(runSyncCommand({config, h.client(), h.store(), h.mapping()}, options, out, err),
            ExitCode::kOk);
  h.deleteIds("cases", {1, 2, 3});
  EXPECT_EQ(runSyncCommand({config, h.client(), h.store(), h.mapping()}, options, out, err),
            ExitCode::kNeedsOperator);
  EXPECT_NE(err.str().find("SYNC_DELETE_GUARD"), std::string::npos) << err.str();
  EXPECT_EQ(h.store().countRecords("cases"), 10);
  options.allowMassDelete = true;
  EXPECT_EQ(runSyncCommand({config, h.client(), h.store(), h.mapping()}, options, out, err),
            ExitCode::kOk);
  EXPECT_EQ(h.store().countRecords("cases"), 7);
}

TEST(SyncCommandTest, UnknownAppIsARuntimeFailureNamingIt) {
  SyncHarness h(1, false);
  const config::Config config = configFor(5);
  SyncCommandOptions options;
  options.apps = {"nosuch"};
  std::ostringstream out, err;
  EXPECT_EQ(runSyncCommand({config, h.client(), h.store(), h.mapping()}, options, out, err),
            ExitCode::kRuntimeFailure);
  EXPECT_NE(err.str().find("'nosuch'"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace teichaku::sync::testing
