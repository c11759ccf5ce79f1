#include <gtest/gtest.h>

#include "config/config.h"
#include "support/temp_dir.h"
#include "unit/config/minimal_config.h"

// [rules] and [[schedule.jobs]]: values reach the typed config; every mistake is reported
// with FILE:LINE:COL.
namespace teichaku::config {
namespace {

class DaemonConfigTest : public ::testing::Test {
 protected:
  LoadResult load(const std::string& tail) {
    LoadOptions options;
    // The plugin's own keys are the plugin host's business; accept them here.
    options.pluginCheck = [](const toml::table&, const std::string&, const std::string&,
                             ConfigErrors&) {};
    const std::string text = minimalConfig(dir.write("token", "secret-token-value")) +
                             "\n[plugins.national]\ntype = \"stats_national\"\n"  // lines 14-16
                             "[plugins.old]\ntype = \"stats_period\"\nenabled = false\n" +
                             tail;  // lines 17-19; the tail starts at 20
    path = dir.write("bridge.toml", text, 0644);
    return loadConfig(path, options);
  }

  std::string at(int line, int column, const std::string& key) const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": キー '" + key +
           "': ";
  }

  testing::TempDir dir;
  std::string path;
};

TEST_F(DaemonConfigTest, RulesAndJobsReachTheTypedConfig) {
  auto r = load(
      "[rules]\nrelease_window_days = 14\nreceipt_reminder_hours = 24\ntask_due_soon_days = 5\n"
      "digest_hour_jst = 7\noutbox_max_attempts = 3\n"
      "[schedule]\nincremental_poll_minutes = 10\n"
      "[[schedule.jobs]]\nplugin = \"national\"\nwhen = \"monthly:1 06:00\"\n"
      "period = \"previous_month\"\nout = \"reports\"\nformats = [\"csv\", \"xlsx\"]\n"
      "[[schedule.jobs]]\nplugin = \"national\"\nwhen = \"weekly:mon 07:30\"\n"
      "period = \"previous_week\"\nout = \"/srv/reports\"\ncentres = [\"青森県地域生活定着支援センター\"]\n");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
  const Config& c = *r.config;
  EXPECT_EQ(c.rules.releaseWindowDays, 14);
  EXPECT_EQ(c.rules.receiptReminderHours, 24);
  EXPECT_EQ(c.rules.taskDueSoonDays, 5);
  EXPECT_EQ(c.rules.digestHourJst, 7);
  EXPECT_EQ(c.rules.outboxMaxAttempts, 3);
  EXPECT_EQ(c.schedule.incrementalPollMinutes, 10);
  ASSERT_EQ(c.schedule.jobs.size(), 2u);
  const PluginJob& monthly = c.schedule.jobs[0];
  EXPECT_EQ(monthly.plugin, "national");
  EXPECT_EQ(monthly.schedule.kind, WallClockSchedule::Kind::kMonthly);
  EXPECT_EQ(monthly.schedule.dayOfMonth, 1);
  EXPECT_EQ(monthly.schedule.hour, 6);
  EXPECT_EQ(monthly.schedule.minute, 0);
  EXPECT_EQ(monthly.outDir, (dir.path() / "reports").string());  // relative to the file
  EXPECT_EQ(monthly.formats, (std::vector<std::string>{"csv", "xlsx"}));
  const PluginJob& weekly = c.schedule.jobs[1];
  EXPECT_EQ(weekly.schedule.kind, WallClockSchedule::Kind::kWeekly);
  EXPECT_EQ(weekly.schedule.weekday, 1);
  EXPECT_EQ(weekly.schedule.hour, 7);
  EXPECT_EQ(weekly.schedule.minute, 30);
  EXPECT_EQ(weekly.centres, (std::vector<std::string>{"青森県地域生活定着支援センター"}));
}

TEST_F(DaemonConfigTest, DefaultsWhenTheSectionsAreAbsent) {
  auto r = load("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config->rules.releaseWindowDays, 30);
  EXPECT_EQ(r.config->rules.receiptReminderHours, 48);
  EXPECT_EQ(r.config->rules.digestHourJst, 8);
  EXPECT_EQ(r.config->rules.outboxMaxAttempts, 8);
  EXPECT_TRUE(r.config->schedule.jobs.empty());
  EXPECT_EQ(r.config->schedule.directoryRefreshMinutes, 60);
}

TEST_F(DaemonConfigTest, RuleValuesOutOfRangeAndMisspelledKeysArePlaced) {
  auto r = load("[rules]\ndigest_hour_jst = 24\nrelease_window_day = 10\n");  // lines 20-22
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].format().rfind(at(21, 19, "rules.digest_hour_jst"), 0), 0u)
      << r.errors[0].format();
  EXPECT_NE(r.errors[0].message.find("0 以上 23 以下"), std::string::npos);
  EXPECT_EQ(r.errors[1].format().rfind(at(22, 1, "rules.release_window_day"), 0), 0u)
      << r.errors[1].format();
  EXPECT_NE(r.errors[1].message.find("'release_window_days' の誤り"), std::string::npos);
}

TEST_F(DaemonConfigTest, BadJobsAreReportedAtTheirValue) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"nationl\"\n"         // 21
      "when = \"monthly:32 06:00\"\n"  // 22
      "period = \"last_month\"\n"      // 23
      "out = \"reports\"\n"            // 24
      "[[schedule.jobs]]\n"            // 25
      "plugin = \"old\"\n"             // 26
      "when = \"daily 02:30\"\n"       // 27
      "period = \"previous_day\"\n");  // 28: no `out`
  std::vector<std::string> formatted;
  for (const auto& e : r.errors) {
    formatted.push_back(e.format());
  }
  ASSERT_EQ(r.errors.size(), 2u) << ::testing::PrintToString(formatted);
  // The schema's checks come first (period, missing out); the loader's (plugin, when)
  // only run on a document the schema accepted.
  EXPECT_EQ(formatted[0].rfind(at(23, 10, "schedule.jobs[0].period"), 0), 0u) << formatted[0];
  EXPECT_NE(formatted[0].find("\"previous_month\""), std::string::npos);
  EXPECT_EQ(formatted[1].rfind(at(25, 1, "schedule.jobs[1].out"), 0), 0u) << formatted[1];
}

TEST_F(DaemonConfigTest, JobNamingAnUnknownOrDisabledPluginOrABadTimeIsPlaced) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"nationl\"\n"         // 21
      "when = \"monthly:32 06:00\"\n"  // 22
      "period = \"previous_month\"\n"  // 23
      "out = \"reports\"\n"            // 24
      "[[schedule.jobs]]\n"            // 25
      "plugin = \"old\"\n"             // 26
      "when = \"daily 25:00\"\n"       // 27
      "period = \"previous_day\"\n"    // 28
      "out = \"reports\"\n");          // 29
  std::vector<std::string> formatted;
  for (const auto& e : r.errors) {
    formatted.push_back(e.format());
  }
  ASSERT_EQ(r.errors.size(), 4u) << ::testing::PrintToString(formatted);
  EXPECT_EQ(formatted[0].rfind(at(21, 10, "schedule.jobs[0].plugin"), 0), 0u) << formatted[0];
  EXPECT_NE(formatted[0].find("[plugins.nationl] にありません"), std::string::npos);
  EXPECT_EQ(formatted[1].rfind(at(22, 8, "schedule.jobs[0].when"), 0), 0u) << formatted[1];
  EXPECT_NE(formatted[1].find("1〜31"), std::string::npos);
  EXPECT_EQ(formatted[2].rfind(at(26, 10, "schedule.jobs[1].plugin"), 0), 0u) << formatted[2];
  EXPECT_NE(formatted[2].find("enabled = false"), std::string::npos);
  EXPECT_EQ(formatted[3].rfind(at(27, 8, "schedule.jobs[1].when"), 0), 0u) << formatted[3];
}

// The report archive app, written after the jobs so the jobs' line numbers stay as counted.
const std::string kReportsApp = "[kintone.apps.reports]\napp_id = 6\napi_token_file = \"token\"\n";

// Issue #6: archive = true stores each centre's run in the reports app, check = true is the
// weekly data check; both optional booleans.
TEST_F(DaemonConfigTest, ArchiveAndCheckJobsReachTheTypedConfig) {
  auto r = load(
      "[[schedule.jobs]]\nplugin = \"national\"\nwhen = \"monthly:1 06:00\"\n"
      "period = \"previous_month\"\nout = \"reports\"\ncentres = [\"*\"]\narchive = true\n"
      "[[schedule.jobs]]\nplugin = \"national\"\nwhen = \"weekly:mon 07:00\"\n"
      "period = \"fiscal_year_to_date\"\nout = \"checks\"\ncheck = true\n"
      "[[schedule.jobs]]\nplugin = \"national\"\nwhen = \"daily 02:30\"\n"
      "period = \"previous_day\"\nout = \"daily\"\n" +
      kReportsApp);
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
  const auto& jobs = r.config->schedule.jobs;
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_TRUE(jobs[0].archive);
  EXPECT_FALSE(jobs[0].check);
  EXPECT_EQ(jobs[0].centres, (std::vector<std::string>{"*"}));
  EXPECT_FALSE(jobs[1].archive);
  EXPECT_TRUE(jobs[1].check);
  EXPECT_EQ(jobs[1].schedule.kind, WallClockSchedule::Kind::kWeekly);
  EXPECT_FALSE(jobs[2].archive);
  EXPECT_FALSE(jobs[2].check);
}

TEST_F(DaemonConfigTest, ArchiveWithoutCentresIsRefusedAtTheKey) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"national\"\n"        // 21
      "when = \"monthly:1 06:00\"\n"   // 22
      "period = \"previous_month\"\n"  // 23
      "out = \"reports\"\n"            // 24
      "archive = true\n" +             // 25
      kReportsApp);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].format().rfind(at(25, 11, "schedule.jobs[0].archive"), 0), 0u)
      << r.errors[0].format();
  EXPECT_NE(r.errors[0].message.find("centres"), std::string::npos);
}

TEST_F(DaemonConfigTest, ArchiveWithCheckOrCheckWithFormatsIsRefused) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"national\"\n"        // 21
      "when = \"weekly:mon 07:00\"\n"  // 22
      "period = \"previous_week\"\n"   // 23
      "out = \"reports\"\n"            // 24
      "centres = [\"13\"]\n"           // 25
      "formats = [\"csv\"]\n"          // 26
      "archive = true\n"               // 27
      "check = true\n" +               // 28
      kReportsApp);
  std::vector<std::string> formatted;
  for (const auto& e : r.errors) {
    formatted.push_back(e.format());
  }
  ASSERT_EQ(r.errors.size(), 2u) << ::testing::PrintToString(formatted);
  // In file order.
  EXPECT_EQ(formatted[0].rfind(at(26, 11, "schedule.jobs[0].formats"), 0), 0u) << formatted[0];
  EXPECT_EQ(formatted[1].rfind(at(28, 9, "schedule.jobs[0].check"), 0), 0u) << formatted[1];
  EXPECT_NE(formatted[1].find("archive と check"), std::string::npos) << formatted[1];
}

TEST_F(DaemonConfigTest, ArchiveAndCheckMustBeBooleans) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"national\"\n"        // 21
      "when = \"weekly:mon 07:00\"\n"  // 22
      "period = \"previous_week\"\n"   // 23
      "out = \"reports\"\n"            // 24
      "archive = \"yes\"\n"            // 25
      "check = 1\n" +                  // 26
      kReportsApp);
  std::vector<std::string> formatted;
  for (const auto& e : r.errors) {
    formatted.push_back(e.format());
  }
  ASSERT_EQ(r.errors.size(), 2u) << ::testing::PrintToString(formatted);
  EXPECT_EQ(formatted[0].rfind(at(25, 11, "schedule.jobs[0].archive"), 0), 0u) << formatted[0];
  EXPECT_NE(formatted[0].find("真偽値"), std::string::npos) << formatted[0];
  EXPECT_EQ(formatted[1].rfind(at(26, 9, "schedule.jobs[0].check"), 0), 0u) << formatted[1];
}

TEST_F(DaemonConfigTest, ArchiveAndCheckNeedTheReportsApp) {
  auto r = load(
      "[[schedule.jobs]]\n"            // 20
      "plugin = \"national\"\n"        // 21
      "when = \"weekly:mon 07:00\"\n"  // 22
      "period = \"previous_week\"\n"   // 23
      "out = \"checks\"\n"             // 24
      "check = true\n");               // 25
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].format().rfind(at(25, 9, "schedule.jobs[0].check"), 0), 0u)
      << r.errors[0].format();
  EXPECT_NE(r.errors[0].message.find("[kintone.apps.reports]"), std::string::npos);
}

TEST_F(DaemonConfigTest, JobsMustBeAnArrayOfTables) {
  auto r = load("[schedule]\njobs = \"national\"\n");  // line 21
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].format().rfind(at(21, 8, "schedule.jobs"), 0), 0u) << r.errors[0].format();
  EXPECT_NE(r.errors[0].message.find("テーブルの配列"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::config
