// A few thousand generated episodes over the in-memory mirror: every count of the shipped
// national draft is compared with a deliberately naive second implementation
// (national_property_support.h). national_store_property_test.cpp does the same over the
// encrypted SQLite mirror.
#include <gtest/gtest.h>

#include "national_property_support.h"

namespace teichaku::stats_test {
namespace {

TEST(NationalProperty, EveryCountMatchesAPlainLoop) {
  const std::vector<Case> cases = generate(3000);
  QueryMirror mirror(cases);
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  RunResult run = runNational(
      mirror, "type = \"stats_national\"\ndefinitions = \"mappings/statistics/national.toml\"\n",
      request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  const CountTable table = parseCounts(run.files["national/stats_national.csv"]);
  EXPECT_GT(expectCountsOfFy2024(cases, table), 100u) << "the generator must exercise the cells";
}

}  // namespace
}  // namespace teichaku::stats_test
