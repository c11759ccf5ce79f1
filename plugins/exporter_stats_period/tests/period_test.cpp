// exporter_stats_period through the built .so: each month's numbers (当月) and the
// numbers from the period's start (累計), counted by hand.
#include <gtest/gtest.h>

#include "national_test_support.h"

namespace teichaku::stats_test {
namespace {

const std::string kA = "東京都地域生活定着支援センター";

RunResult runPeriod(QueryMirror& mirror, const plugin_host::ExportRequest& request) {
  auto loaded = plugin_host::PluginLibrary::load(TEICHAKU_PLUGIN_DIR, "exporter_stats_period.so");
  RunResult result;
  if (!loaded.library) {
    result.outcome = Outcome::fail("TEST_LOAD", loaded.error);
    return result;
  }
  plugin_host::testing::MemorySink sink;
  plugin_host::testing::MemoryAudit audit;
  plugin_host::HostServices services;
  services.mirror = &mirror;
  services.output = &sink;
  services.audit = &audit;
  toml::table config = toml::parse("type = \"stats_period\"\n");
  auto created = plugin_host::PluginInstance::create(loaded.library, "monthly", config, services);
  if (!created.instance) {
    result.outcome = created.outcome;
    return result;
  }
  result.outcome = created.instance->runExport(request);
  result.files = sink.files;
  return result;
}

TEST(StatsPeriod, MonthAndCumulativeColumns) {
  // P1: requested 2024-04-10, open. P2: requested 2024-05-20, closed 2024-05-31.
  QueryMirror mirror({{"P1", kA, "特別調整", "2024-04-10", ""},
                      {"P2", kA, "一般調整", "2024-05-20", "2024-05-31"}});
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2024-05-31";
  RunResult run = runPeriod(mirror, request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& csv = run.files["monthly/stats_period.csv"];
  // Pairs (当月, 累計) of 新規, 継続, 終結, 支援した人, 支援したケース.
  // April: P1 new and supported; nothing carried over or closed.
  EXPECT_NE(csv.find("令和6年4月,合計,1,1,0,0,0,0,1,1,1,1\r\n"), std::string::npos) << csv;
  // May: P2 new (累計 P1 P2 = 2); P1 carried into May (累計 from 04-01: none before);
  // P2 closed; supported P1 P2 in the month and since 04-01.
  EXPECT_NE(csv.find("令和6年5月,合計,1,2,1,0,1,1,2,2,2,2\r\n"), std::string::npos) << csv;
  // 特別調整 in May: P1 carried over only.
  EXPECT_NE(csv.find("令和6年5月,特別調整,0,1,1,0,0,0,1,1,1,1\r\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("P1"), std::string::npos) << "aggregates only, no case numbers";
  // 2 months × (当月 + 累計) × 40 cells.
  EXPECT_EQ(mirror.queries.size(), 160u);
}

TEST(StatsPeriod, ClipsPartialMonthsToThePeriod) {
  QueryMirror mirror({{"P1", kA, "特別調整", "2024-04-10", ""}});
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-15";  // P1 was requested before: carried over, not new
  request.periodEnd = "2024-04-20";
  RunResult run = runPeriod(mirror, request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const std::string& csv = run.files["monthly/stats_period.csv"];
  EXPECT_NE(csv.find("令和6年4月,合計,0,0,1,1,0,0,1,1,1,1\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace teichaku::stats_test
