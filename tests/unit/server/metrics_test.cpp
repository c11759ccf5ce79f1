#include "server/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

// Prometheus text format 0.0.4: https://prometheus.io/docs/instrumenting/exposition_formats/
namespace teichaku::server {
namespace {

TEST(Metrics, WritesTypeHelpAndSortedSeries) {
  Metrics metrics;
  metrics.describe("teichaku_sync_lag_seconds", "Seconds since the last sync, per app");
  metrics.setGauge("teichaku_sync_lag_seconds", {{"app", "cases"}}, 12.5);
  metrics.setGauge("teichaku_sync_lag_seconds", {{"app", "支援記録"}}, 3);
  metrics.addCounter("teichaku_failures_total", {{"message_id", "KINTONE_TIMEOUT"}});
  metrics.addCounter("teichaku_failures_total", {{"message_id", "KINTONE_TIMEOUT"}}, 2);
  EXPECT_EQ(metrics.exposition(),
            "# TYPE teichaku_failures_total counter\n"
            "teichaku_failures_total{message_id=\"KINTONE_TIMEOUT\"} 3\n"
            "# HELP teichaku_sync_lag_seconds Seconds since the last sync, per app\n"
            "# TYPE teichaku_sync_lag_seconds gauge\n"
            "teichaku_sync_lag_seconds{app=\"cases\"} 12.5\n"
            "teichaku_sync_lag_seconds{app=\"支援記録\"} 3\n");
}

TEST(Metrics, EscapesLabelValuesAndHelp) {
  Metrics metrics;
  metrics.describe("m", "a \\ b\nc");
  metrics.setGauge("m", {{"v", "q\"uote\\back\nline"}}, 1);
  EXPECT_EQ(metrics.exposition(),
            "# HELP m a \\\\ b\\nc\n"
            "# TYPE m gauge\n"
            "m{v=\"q\\\"uote\\\\back\\nline\"} 1\n");
}

TEST(Metrics, LabelOrderDoesNotMakeANewSeries) {
  Metrics metrics;
  metrics.addCounter("c", {{"b", "2"}, {"a", "1"}});
  metrics.addCounter("c", {{"a", "1"}, {"b", "2"}});
  EXPECT_EQ(metrics.exposition(), "# TYPE c counter\nc{a=\"1\",b=\"2\"} 2\n");
}

TEST(Metrics, SpecialValuesAndNoLabels) {
  Metrics metrics;
  metrics.setGauge("g", {{"k", "nan"}}, std::numeric_limits<double>::quiet_NaN());
  metrics.setGauge("g", {{"k", "pinf"}}, std::numeric_limits<double>::infinity());
  metrics.setGauge("g", {{"k", "ninf"}}, -std::numeric_limits<double>::infinity());
  metrics.setGauge("h", {}, 0.25);
  EXPECT_EQ(metrics.exposition(),
            "# TYPE g gauge\n"
            "g{k=\"nan\"} NaN\n"
            "g{k=\"ninf\"} -Inf\n"
            "g{k=\"pinf\"} +Inf\n"
            "# TYPE h gauge\n"
            "h 0.25\n");
}

TEST(Metrics, GaugesAreSetAndCanBeCleared) {
  Metrics metrics;
  metrics.setGauge("depth", {{"app", "a"}}, 5);
  metrics.setGauge("depth", {{"app", "a"}}, 2);
  metrics.setGauge("depth", {{"app", "b"}}, 1);
  metrics.clearGauge("depth");
  metrics.setGauge("depth", {{"app", "b"}}, 7);
  EXPECT_EQ(metrics.exposition(), "# TYPE depth gauge\ndepth{app=\"b\"} 7\n");
}

TEST(Metrics, RefusesInvalidUse) {
  Metrics metrics;
  EXPECT_THROW(metrics.addCounter("1bad", {}), std::invalid_argument);
  EXPECT_THROW(metrics.addCounter("bad-name", {}), std::invalid_argument);
  EXPECT_THROW(metrics.addCounter("ok", {{"__reserved", "x"}}), std::invalid_argument);
  EXPECT_THROW(metrics.addCounter("ok", {{"a:b", "x"}}), std::invalid_argument);
  EXPECT_THROW(metrics.addCounter("ok", {{"a", "x"}, {"a", "y"}}), std::invalid_argument);
  EXPECT_THROW(metrics.addCounter("ok", {}, -1), std::invalid_argument);
  metrics.addCounter("ok", {});
  EXPECT_THROW(metrics.setGauge("ok", {}, 1), std::logic_error);
  EXPECT_EQ(metrics.exposition(), "# TYPE ok counter\nok 1\n");
}

TEST(Metrics, SeriesCountIsBounded) {
  Metrics metrics;
  for (std::size_t i = 0; i < Metrics::kMaxSeries + 10; ++i) {
    metrics.addCounter("c", {{"i", std::to_string(i)}});
  }
  std::string text = metrics.exposition();
  std::size_t lines = 0;
  for (char ch : text) {
    lines += ch == '\n' ? 1 : 0;
  }
  EXPECT_EQ(lines, Metrics::kMaxSeries + 1);  // the series plus one TYPE line
}

}  // namespace
}  // namespace teichaku::server
