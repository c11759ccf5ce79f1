#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "config/config.h"
#include "store/mirror_store.h"
#include "support/temp_dir.h"
#include "sync/sync_command.h"

// `outbox list|retry|drop` on a mirror holding one pending, two parked and one done item.
namespace teichaku::cli {
namespace {

constexpr std::int64_t kNewYear2026 = 1767225600000;  // 2026-01-01T00:00:00Z = 09:00 JST
constexpr const char* kPayloadCanary = "ペイロード-山田太郎";

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

// Feeds std::cin for the confirmation prompt of `outbox drop`.
class StdinFeed {
 public:
  explicit StdinFeed(const std::string& text)
      : input_(text), old_(std::cin.rdbuf(input_.rdbuf())) {}
  ~StdinFeed() { std::cin.rdbuf(old_); }
  StdinFeed(const StdinFeed&) = delete;
  StdinFeed& operator=(const StdinFeed&) = delete;

 private:
  std::istringstream input_;
  std::streambuf* old_;
};

class OpsOutbox : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("token-cases", "tok-cases-0123456789");
    std::ostringstream c;
    c << "[bridge]\ndata_dir = \"" << dir.path().string() << "/data\"\n"
      << "mapping_file = \"" << std::getenv("TEICHAKU_SOURCE_DIR")
      << "/mappings/raito-plus.toml\"\n"
      << "[kintone]\nbase_url = \"http://127.0.0.1:1\"\n"
      << "[kintone.apps.cases]\napp_id = 101\napi_token_file = \"token-cases\"\n"
      << "[store]\nkey_file = \"mirror.keys\"\n[logging]\nconsole = false\n";
    config_ = dir.write("bridge.toml", c.str(), 0644);
    ASSERT_EQ(run({"key", "init", "--config", config_}).code, 0);
    std::filesystem::create_directories(dir.path() / "data");

    auto store = openStore();
    // ids 1..4 in enqueue order
    ASSERT_TRUE(store->enqueue("share:shares:7:r3:centre-b", "garoon.notification", kPayloadCanary,
                               kNewYear2026));
    ASSERT_TRUE(store->enqueue("share:shares:8:r1:centre-c", "garoon.notification", kPayloadCanary,
                               kNewYear2026));
    ASSERT_TRUE(
        store->enqueue("release:cases:9:2026-02-01", "garoon.event", kPayloadCanary, kNewYear2026));
    ASSERT_TRUE(store->enqueue("important:support_records:5:r2", "garoon.notification",
                               kPayloadCanary, kNewYear2026 + 60000));
    for (int i = 0; i < 3; ++i) {
      auto item = store->claim(kNewYear2026);
      ASSERT_TRUE(item.has_value());
      if (item->id == 3) {
        store->markDone(item->id, kNewYear2026);
      } else {
        store->park(item->id, "GAROON_FORBIDDEN");
      }
    }
  }

  std::unique_ptr<store::MirrorStore> openStore() {
    config::LoadResult loaded = config::loadConfig(config_);
    EXPECT_TRUE(loaded.ok());
    return sync::openMirror(*loaded.config);
  }

  CliRun run(std::vector<std::string> argv) {
    std::ostringstream out;
    std::ostringstream err;
    int code = dispatch(argv, out, err);
    return {code, out.str(), err.str()};
  }

  std::vector<store::AuditRow> auditRows() {
    std::vector<store::AuditRow> rows;
    openStore()->forEachAuditRow([&](const store::AuditRow& row) { rows.push_back(row); });
    return rows;
  }

  testing::TempDir dir;
  std::string config_;
};

TEST_F(OpsOutbox, ListShowsEveryItemWithoutPayloads) {
  CliRun list = run({"outbox", "list", "--config", config_});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(list.out.find(kPayloadCanary), std::string::npos) << "payloads are never shown";
  std::istringstream lines(list.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) {
    rows.push_back(line);
  }
  ASSERT_GE(rows.size(), 6u) << list.out;
  EXPECT_EQ(rows[0].rfind("ID  キー", 0), 0u) << rows[0];
  EXPECT_EQ(rows[1].rfind("1   share:shares:7:r3:centre-b", 0), 0u) << rows[1];
  EXPECT_NE(rows[1].find("保留(parked)"), std::string::npos);
  EXPECT_NE(rows[1].find("GAROON_FORBIDDEN"), std::string::npos);
  EXPECT_NE(rows[3].find("送信済み(done)"), std::string::npos);
  // Pending, due one minute after 2026-01-01T00:00Z, shown in JST (UTC+9).
  EXPECT_NE(rows[4].find("送信待ち(pending)"), std::string::npos) << rows[4];
  EXPECT_NE(rows[4].find("2026-01-01 09:01"), std::string::npos) << rows[4];
  EXPECT_EQ(rows[5], "4 件を表示しました。");
  EXPECT_NE(list.out.find("outbox retry --id N"), std::string::npos);

  CliRun parked = run({"outbox", "list", "--config", config_, "--state", "parked"});
  ASSERT_EQ(parked.code, 0);
  EXPECT_NE(parked.out.find("2 件を表示しました。"), std::string::npos) << parked.out;
  EXPECT_EQ(parked.out.find("release:cases:9"), std::string::npos);

  CliRun limited = run({"outbox", "list", "--config", config_, "--limit", "1"});
  EXPECT_NE(limited.out.find("1 件を表示しました。（--limit 1 で打ち切り）"), std::string::npos)
      << limited.out;

  EXPECT_EQ(run({"outbox", "list", "--config", config_, "--state", "lost"}).code, 2);
  EXPECT_EQ(run({"outbox", "list", "--config", config_, "--limit", "0"}).code, 2);
}

TEST_F(OpsOutbox, RetryRequeuesOnlyParkedItemsAndIsAudited) {
  CliRun retry = run({"outbox", "retry", "--config", config_, "--id", "2"});
  ASSERT_EQ(retry.code, 0) << retry.err;
  EXPECT_NE(retry.out.find("ID 2 を送信待ちに戻しました"), std::string::npos);
  auto item = openStore()->outboxItem(2);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->state, store::OutboxState::kPending);
  EXPECT_EQ(item->attempts, 0);

  CliRun notParked = run({"outbox", "retry", "--config", config_, "--id", "3"});
  EXPECT_EQ(notParked.code, 2);
  EXPECT_NE(notParked.err.find("保留ではないため再送できません"), std::string::npos)
      << notParked.err;
  EXPECT_EQ(openStore()->outboxItem(3)->state, store::OutboxState::kDone);
  EXPECT_EQ(run({"outbox", "retry", "--config", config_, "--id", "99"}).code, 2);
  EXPECT_EQ(run({"outbox", "retry", "--config", config_, "--id", "x"}).code, 2);

  auto rows = auditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].actor, "operator");
  EXPECT_EQ(rows[0].action, "outbox.retry");
  EXPECT_EQ(rows[0].detail, "id=2 kind=garoon.notification key=share:shares:8:r1:centre-c");
  EXPECT_EQ(run({"audit", "verify", "--config", config_}).code, 0);
}

TEST_F(OpsOutbox, DropAsksFirstAndIsAudited) {
  {
    StdinFeed answer("n\n");
    CliRun declined = run({"outbox", "drop", "--config", config_, "--id", "1"});
    EXPECT_EQ(declined.code, 1);
    EXPECT_NE(declined.out.find("よろしいですか？ [y/N]"), std::string::npos) << declined.out;
    EXPECT_NE(declined.out.find("中止しました"), std::string::npos);
  }
  EXPECT_EQ(openStore()->outboxItem(1)->state, store::OutboxState::kParked);
  EXPECT_TRUE(auditRows().empty());
  {
    StdinFeed answer("y\n");
    CliRun confirmed = run({"outbox", "drop", "--config", config_, "--id", "1"});
    EXPECT_EQ(confirmed.code, 0) << confirmed.err;
  }
  CliRun pending = run({"outbox", "drop", "--config", config_, "--id", "4", "--yes"});
  EXPECT_EQ(pending.code, 0) << pending.err;
  EXPECT_EQ(pending.out.find("よろしいですか"), std::string::npos);

  auto store = openStore();
  EXPECT_EQ(store->outboxItem(1)->state, store::OutboxState::kDropped);
  EXPECT_EQ(store->outboxItem(4)->state, store::OutboxState::kDropped);
  EXPECT_FALSE(store->claim(kNewYear2026 + 3600000).has_value()) << "dropped items are never sent";

  CliRun done = run({"outbox", "drop", "--config", config_, "--id", "3", "--yes"});
  EXPECT_EQ(done.code, 2);
  EXPECT_NE(done.err.find("取り消せません"), std::string::npos) << done.err;

  auto rows = auditRows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "outbox.drop");
  EXPECT_EQ(rows[0].actor, "operator");
  EXPECT_EQ(rows[0].detail, "id=1 kind=garoon.notification key=share:shares:7:r3:centre-b");
  EXPECT_EQ(rows[1].detail, "id=4 kind=garoon.notification key=important:support_records:5:r2");
  EXPECT_EQ(run({"audit", "verify", "--config", config_}).code, 0);
  EXPECT_NE(run({"outbox", "list", "--config", config_, "--state", "dropped"}).out.find("2 件"),
            std::string::npos);
}

}  // namespace
}  // namespace teichaku::cli
