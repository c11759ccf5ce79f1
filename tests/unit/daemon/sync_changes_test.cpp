#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <vector>

#include "unit/sync/sync_harness.h"

// The daemon hands the rules exactly the records a poll stored as new or changed
// (SyncOptions::afterRecordsStored), never the ones already mirrored at their $revision.
namespace teichaku::sync::testing {
namespace {

TEST(SyncChanges, OnlyNewOrChangedRecordsAreReported) {
  SyncHarness h(4, false);
  std::map<std::string, std::vector<std::int64_t>> reported;
  SyncEngine engine = h.engine(options([&](SyncOptions& o) {
    o.afterRecordsStored = [&](const std::string& app, const std::vector<std::int64_t>& ids) {
      reported[app].insert(reported[app].end(), ids.begin(), ids.end());
    };
  }));

  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  std::vector<std::int64_t> inKintone;
  for (const auto& [id, record] : h.source("cases")) {
    inKintone.push_back(id);
  }
  ASSERT_EQ(inKintone.size(), 4u);
  EXPECT_EQ(reported["cases"], inKintone) << "the first read stores every record";

  reported.clear();
  const SyncReport again = engine.syncApp("cases", false);
  ASSERT_TRUE(again.outcome.isOk());
  EXPECT_EQ(again.mode, "incremental");
  EXPECT_TRUE(reported.empty()) << "the overlap re-reads records without changes";

  h.updateText("cases", {inKintone[2]}, "生活歴", "更新");
  ASSERT_TRUE(engine.syncApp("cases", false).outcome.isOk());
  EXPECT_EQ(reported["cases"], std::vector<std::int64_t>{inKintone[2]});
  EXPECT_EQ(reported.size(), 1u);
}

TEST(SyncChanges, WhatTheCallbackWritesCommitsWithThePageOrNotAtAll) {
  SyncHarness h(3, false);
  bool fail = true;
  SyncEngine engine = h.engine(options([&](SyncOptions& o) {
    o.afterRecordsStored = [&](const std::string& app, const std::vector<std::int64_t>& ids) {
      h.store().setMeta("test.pending." + app, std::to_string(ids.size()));
      if (fail) {
        throw std::runtime_error("記録できません");
      }
    };
  }));
  EXPECT_FALSE(engine.syncApp("cases", true).outcome.isOk());
  EXPECT_EQ(h.store().countRecords("cases"), 0) << "the page rolled back with the callback";
  EXPECT_FALSE(h.store().meta("test.pending.cases").has_value());
  fail = false;
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  EXPECT_EQ(h.store().countRecords("cases"), 3);
  EXPECT_EQ(h.store().meta("test.pending.cases"), "3");
}

}  // namespace
}  // namespace teichaku::sync::testing
