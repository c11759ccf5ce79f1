#include "sync/sync_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sync/checkpoint.h"
#include "sync_harness.h"

// The sync against the emulator: full and incremental reads, replays, deletions and the
// guard, faults, and the write-back of derived values.
namespace teichaku::sync::testing {
namespace {

TEST(SyncEngineTest, FullSyncOfEveryAppEqualsTheSource) {
  SyncHarness h(30, true);
  auto engine = h.engine();
  for (const auto& [app, id] : kAppIds) {
    SyncReport r = engine.syncApp(app, true);
    ASSERT_TRUE(r.outcome.isOk()) << app << ": " << r.outcome.message();
    EXPECT_EQ(r.fetched, r.upserted) << app;
    EXPECT_EQ(h.differences(app, h.store()), "") << app;
  }
  EXPECT_GT(h.store().countRecords("support_records"), 30);
}

TEST(SyncEngineTest, ReplayingAFullSyncChangesNothing) {
  SyncHarness h(15, false);
  auto engine = h.engine(options([](SyncOptions& o) { o.pageSize = 7; }));
  SyncReport first = engine.syncApp("cases", true);
  ASSERT_TRUE(first.outcome.isOk()) << first.outcome.message();
  EXPECT_EQ(first.upserted, 15);
  // 15 records in pages of 7: 7, 7, 1 (the form read before the run is not counted).
  EXPECT_EQ(first.requests, 3);
  SyncReport again = engine.syncApp("cases", true);
  ASSERT_TRUE(again.outcome.isOk());
  EXPECT_EQ(again.fetched, 15);
  EXPECT_EQ(again.upserted, 0);
  EXPECT_EQ(again.unchanged, 15);
}

TEST(SyncEngineTest, AFullSyncWritesTheFilterBodyOfARecordStoredWithoutOne) {
  SyncHarness h(5, false);
  auto engine = h.engine();
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  std::vector<std::int64_t> ids;
  h.store().forEachId("cases", [&](const store::IdRevision& r) { ids.push_back(r.id); });
  ASSERT_EQ(ids.size(), 5u);
  // As if stored before 生年月日 was marked sealed_filter: same revision, no filter body.
  const store::StoredRecord old = *h.store().getRecord("cases", ids[2]);
  ASSERT_TRUE(old.hasFilterBody()) << "the shipped mapping marks 生年月日";
  h.store().upsertRecord(store::RecordInput{old.app, old.id, old.revision, old.updatedAt, old.clear,
                                            old.children, old.body(), ""});
  ASSERT_FALSE(h.store().getRecord("cases", ids[2])->hasFilterBody());
  SyncReport again = engine.syncApp("cases", true);
  ASSERT_TRUE(again.outcome.isOk());
  EXPECT_EQ(again.upserted, 1);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_EQ(h.store().getRecord("cases", ids[2])->filterBody(), old.filterBody());
}

TEST(SyncEngineTest, IncrementalCatchesUpdatesInTheSameMinuteAsTheCheckpoint) {
  SyncHarness h(40, false);
  auto engine = h.engine();
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  // 更新日時 is rounded to the minute (kintone-api.md §1.5): these updates carry the same
  // minute as the checkpoint (or the next one), and must all arrive (reliability.md §7 P4).
  for (int round = 0; round < 3; ++round) {
    std::vector<std::int64_t> ids;
    for (std::int64_t id = 1 + round; id <= 40; id += 3) {
      ids.push_back(id);
    }
    h.updateText("cases", ids, "生活歴", "更新 " + std::to_string(round));
    SyncReport r = engine.syncApp("cases", false);
    ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
    EXPECT_EQ(r.mode, "incremental");
    EXPECT_EQ(r.upserted, static_cast<std::int64_t>(ids.size())) << "round " << round;
    EXPECT_EQ(h.differences("cases", h.store()), "") << "round " << round;
  }
  Checkpoint cp = parseCheckpoint(h.store().checkpoint("cases"));
  EXPECT_FALSE(cp.scan.has_value());
  EXPECT_EQ(parseIsoUtc(cp.since).value() % 60, 0);
}

TEST(SyncEngineTest, ReconcileFindsBulkDeletesWithoutWebhooks) {
  SyncHarness h(60, false);
  auto engine = h.engine(options([](SyncOptions& o) { o.maxDeletePercent = 10; }));
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  h.deleteIds("cases", {3, 10, 11, 12, 59});  // records.json DELETE: no webhook (§7)
  SyncReport r = engine.reconcile("cases");
  ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
  EXPECT_EQ(r.deleted, 5);
  EXPECT_EQ(h.store().countRecords("cases"), 55);
  EXPECT_FALSE(h.store().getRecord("cases", 3).has_value());
  EXPECT_EQ(h.differences("cases", h.store()), "");
}

TEST(SyncEngineTest, DeleteGuardRefusesAMassDeleteAndAsksForAnOperator) {
  SyncHarness h(20, false);
  auto engine = h.engine(options([](SyncOptions& o) { o.maxDeletePercent = 5; }));
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  h.deleteIds("cases", {1, 2});  // 2 of 20 = 10 % > 5 %
  SyncReport r = engine.reconcile("cases");
  EXPECT_TRUE(r.outcome.isFail());
  EXPECT_EQ(r.outcome.messageId(), "SYNC_DELETE_GUARD");
  EXPECT_EQ(r.deleted, 0);
  EXPECT_EQ(h.store().countRecords("cases"), 20);

  auto confirmed = h.engine(options([](SyncOptions& o) {
    o.maxDeletePercent = 5;
    o.allowMassDelete = true;
  }));
  SyncReport again = confirmed.reconcile("cases");
  ASSERT_TRUE(again.outcome.isOk()) << again.outcome.message();
  EXPECT_EQ(again.deleted, 2);
  EXPECT_EQ(h.differences("cases", h.store()), "");
}

TEST(SyncEngineTest, ReconcileRereadsRecordsMissingFromTheMirror) {
  SyncHarness h(12, false);
  auto engine = h.engine();
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  h.store().deleteRecord("cases", 4);
  h.store().deleteRecord("cases", 9);
  SyncReport r = engine.reconcile("cases");
  ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
  EXPECT_EQ(r.upserted, 2);
  EXPECT_EQ(h.differences("cases", h.store()), "");
}

TEST(SyncEngineTest, SurvivesBurstsOf429And503TextBodies) {
  SyncHarness h(50, true);
  emulator::FaultSpec faults;
  faults.rate429 = 0.3;
  faults.rate503 = 0.2;  // text/plain body, like a maintenance page (faults.h)
  h.emulator().faults().set("/k/v1/records.json", faults);
  auto engine = h.engine(options([](SyncOptions& o) { o.pageSize = 20; }));
  for (const char* app : {"cases", "support_records"}) {
    SyncReport r = engine.syncApp(app, true);
    ASSERT_TRUE(r.outcome.isOk()) << app << ": " << r.outcome.message();
    EXPECT_GT(r.requests, r.fetched / 20) << "retries are counted against the budget";
  }
  h.emulator().faults().clear();
  EXPECT_EQ(h.differences("cases", h.store()), "");
  EXPECT_EQ(h.differences("support_records", h.store()), "");
}

TEST(SyncEngineTest, MappingThatDoesNotFitTheFormStopsBeforeReading) {
  SyncHarness h(3, false);
  mapping::Mapping wrong = mapping::parseMapping(
      "format = 1\n[apps.cases.fields]\nname = { code = \"名前\", personal = true, clear = false "
      "}\n",
      "wrong.toml");
  SyncEngine engine(h.client(), h.store(), wrong, kAppIds);
  SyncReport r = engine.syncApp("cases", true);
  EXPECT_EQ(r.outcome.messageId(), "SYNC_MAPPING_MISMATCH");
  EXPECT_NE(r.outcome.message().find("wrong.toml:3:8:"), std::string::npos) << r.outcome.message();
  EXPECT_NE(r.outcome.message().find("アプリ 'cases'"), std::string::npos);
  EXPECT_EQ(h.store().countRecords("cases"), 0);
}

TEST(SyncEngineTest, WriteBackWritesOnlyChangedDerivedValuesAndSettles) {
  SyncHarness h(25, false);
  auto engine = h.engine();
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  const auto today = *domain::Date::fromYmd(2026, 4, 1);
  SyncReport first = engine.writeBackDerived("cases", today);
  ASSERT_TRUE(first.outcome.isOk()) << first.outcome.message();
  // The seed leaves derived fields empty, and every case has a 依頼日, so every case gets
  // at least 依頼年度 (seed/generator.h).
  EXPECT_EQ(first.written, 25);
  ASSERT_TRUE(engine.syncApp("cases", false).outcome.isOk());
  SyncReport second = engine.writeBackDerived("cases", today);
  ASSERT_TRUE(second.outcome.isOk());
  EXPECT_EQ(second.written, 0) << "our own updates must not cause another round";

  // 依頼年度 of a case requested on 2024-04-01 is 2024 (年度 starts on 1 April).
  auto src = h.source("cases");
  for (const auto& [id, record] : src) {
    const std::string request = (*record)["依頼日"]["value"].GetString();
    if (request.substr(5) >= "04-01") {
      EXPECT_EQ(std::string((*record)["依頼年度"]["value"].GetString()), request.substr(0, 4));
    } else {
      EXPECT_EQ(std::stoi((*record)["依頼年度"]["value"].GetString()),
                std::stoi(request.substr(0, 4)) - 1);
    }
  }
}

TEST(SyncEngineTest, WriteBackReportsEveryWrittenRecordAndFieldForTheAuditLog) {
  SyncHarness h(7, false);
  std::set<std::int64_t> ids;
  std::set<std::string> codes;
  SyncOptions options;
  options.afterWriteBack = [&](const std::string& app, const std::vector<std::int64_t>& written,
                               const std::vector<std::string>& fieldCodes) {
    EXPECT_EQ(app, "cases");
    ids.insert(written.begin(), written.end());
    codes.insert(fieldCodes.begin(), fieldCodes.end());
  };
  auto engine = h.engine(options);
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  ASSERT_TRUE(engine.writeBackDerived("cases", *domain::Date::fromYmd(2026, 4, 1)).outcome.isOk());
  // The seed leaves every derived field empty, so all 7 cases (ids 1..7) get 依頼年度.
  EXPECT_EQ(ids, (std::set<std::int64_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(codes.count("依頼年度"));
  EXPECT_FALSE(codes.count("氏名"));  // only derived fields are ever written
}

TEST(SyncEngineTest, WriteBackRereadsOnConflict) {
  SyncHarness h(5, false);
  auto engine = h.engine();
  ASSERT_TRUE(engine.syncApp("cases", true).outcome.isOk());
  h.updateText("cases", {2}, "生活歴", "他の人の更新");  // the mirror's revision is now stale
  SyncReport r = engine.writeBackDerived("cases", *domain::Date::fromYmd(2026, 4, 1));
  ASSERT_TRUE(r.outcome.isOk()) << r.outcome.message();
  EXPECT_EQ(r.conflicts, 5);  // the whole request of 5 was refused (GAIA_CO02)
  EXPECT_EQ(r.written, 5);
  auto src = h.source("cases");
  EXPECT_EQ(std::string((*src.at(2))["生活歴"]["value"].GetString()), "他の人の更新");
}

}  // namespace
}  // namespace teichaku::sync::testing
