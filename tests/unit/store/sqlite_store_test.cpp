#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <random>

#include "store_contract.h"

namespace teichaku::store::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreContract, SqliteEngine);

std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<MirrorStore> open() {
    return openStore(StoreConfig{engine_.url(), testKeys(), 10000});
  }
  // The three files SQLite keeps in WAL mode; together they hold every byte.
  std::string allFileBytes() const {
    return fileBytes(engine_.path()) + fileBytes(engine_.path() + "-wal") +
           fileBytes(engine_.path() + "-shm");
  }
  SqliteEngine engine_;
};

TEST_F(SqliteStoreTest, UsesWalAndPrivateFiles) {
  auto store = open();
  store->upsertRecord(RecordInput{"case", 1, 1, "t", {}, {}, "x", {}});
  std::string mode;
  Poco::Data::Session raw = engine_.raw();
  raw << "PRAGMA journal_mode", into(mode), now;
  EXPECT_EQ(mode, "wal");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat st {};
    ASSERT_EQ(::stat((engine_.path() + suffix).c_str(), &st), 0) << suffix;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << suffix;
  }
}

// BEGIN IMMEDIATE takes the write lock at once: a second writer waits busy_timeout
// and then fails cleanly, and gets the lock once the first commits (reliability.md §6).
TEST_F(SqliteStoreTest, SecondWriterWaitsForTheFirst) {
  auto first = open();
  auto second = openStore(StoreConfig{engine_.url(), testKeys(), 200});
  {
    Transaction tx(*first);
    first->upsertRecord(RecordInput{"case", 1, 1, "t", {}, {}, "x", {}});
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(second->begin(), StoreError);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(150));
    EXPECT_FALSE(second->inTransaction());
    tx.commit();
  }
  Transaction tx(*second);
  second->upsertRecord(RecordInput{"case", 2, 1, "t", {}, {}, "y", {}});
  tx.commit();
  EXPECT_EQ(first->countRecords("case"), 2);
}

// The canary check: a distinctive name written only into record bodies and
// outbox payloads must not appear in any byte of the database, WAL or shared-memory
// file, before or after the WAL is copied into the database.
TEST_F(SqliteStoreTest, CanaryNeverReachesDiskInClear) {
  const std::string canaryName = "鈴木カナリア八十八";
  const std::string canaryAscii = "CANARY-QX7-ZEBRA";
  const std::string control = "CONTROL-VISIBLE-META-41";
  auto store = open();
  store->setMeta("scan_control", control);  // stored in clear on purpose: proves the scan sees data
  {
    Transaction tx(*store);
    for (std::int64_t id = 1; id <= 300; ++id) {
      RecordInput r{"case",
                    id,
                    1,
                    "2024-04-01T00:00:00Z",
                    {{"センター", std::string("13")}},
                    {},
                    "{\"氏名\":\"" + canaryName + "\",\"note\":\"" + canaryAscii + "\"}",
                    // The sealed filter body must not reach the disk in clear either.
                    "{\"生年月日\":\"" + canaryAscii + "\"}"};
      store->upsertRecord(r);
    }
    store->enqueue("wb:1", "kintone.writeback", "{\"氏名\":\"" + canaryName + "\"}", 0);
    tx.commit();
  }
  for (std::int64_t id = 1; id <= 100; ++id) {
    store->deleteRecord("case", id);
  }
  std::string before = allFileBytes();
  EXPECT_NE(before.find(control), std::string::npos) << "scan does not see written data";
  EXPECT_EQ(before.find(canaryName), std::string::npos);
  EXPECT_EQ(before.find(canaryAscii), std::string::npos);

  store->checkpointWal();
  std::string after = allFileBytes();
  EXPECT_NE(after.find(control), std::string::npos);
  EXPECT_EQ(after.find(canaryName), std::string::npos);
  EXPECT_EQ(after.find(canaryAscii), std::string::npos);
}

// The writer run in the child: rounds of "all records at revision k + checkpoint k"
// in one transaction, until it is killed.
[[noreturn]] void writeUntilKilled(const std::string& url, int records, int readyFd) {
  try {
    auto store = openStore(StoreConfig{url, testKeys(), 10000});
    const char ready = 'r';
    if (::write(readyFd, &ready, 1) != 1)
      ::_exit(4);
    std::int64_t round = std::stoll(store->checkpoint("case").value_or("0"));
    for (;;) {
      ++round;
      Transaction tx(*store);
      for (int id = 1; id <= records; ++id) {
        store->upsertRecord(RecordInput{"case",
                                        id,
                                        round,
                                        "t",
                                        {{"状態", std::string("r") + std::to_string(round)}},
                                        {},
                                        "body " + std::to_string(id) + "/" + std::to_string(round),
                                        {}});
      }
      store->setCheckpoint("case", std::to_string(round));
      tx.commit();
    }
  } catch (const std::exception&) {
    ::_exit(3);
  }
}

// SIGKILL at random points of the write loop; after each kill the reopened mirror
// must pass integrity_check and hold exactly the records of its checkpoint
// (reliability.md §1.8: checkpoint atomic with the records; §6 crash tests).
// The statistics read on SQLite: only the named values, no body, across its 5,000-record pages,
// and answered from the covering index (the query plan names it; no table lookup).
TEST_F(SqliteStoreTest, ForEachRecordValuesReadsNoBodyAcrossPages) {
  auto store = open();
  std::vector<RecordInput> records;
  for (std::int64_t id = 1; id <= 5003; ++id) {
    RecordInput r;
    r.app = "case";
    r.id = id;
    r.revision = 1;
    r.updatedAt = "t";
    r.clear = {{"センター", std::string(id % 2 == 0 ? "13" : "27")},
               {"状態", std::string("支援中")}};
    r.children = {ChildRow{"移行先", 1, {{"センター", std::string("99")}}}};
    r.body = "{}";
    records.push_back(std::move(r));
  }
  store->upsertRecords(records);
  std::int64_t seen = 0;
  std::int64_t even = 0;
  store->forEachRecordValues("case", {"センター"}, [&](const RecordValues& r) {
    ++seen;
    EXPECT_EQ(r.id, seen);
    EXPECT_EQ(r.revision, 1);
    if (r.value(0) == nullptr) {
      ADD_FAILURE() << "record " << r.id << " has no センター";
    } else {
      even += *r.value(0) == ClearValue(std::string("13")) ? 1 : 0;
    }
    return true;
  });
  EXPECT_EQ(seen, 5003);
  EXPECT_EQ(even, 2501);  // ids 2, 4, …, 5002; the subtable row's センター is not read
  std::string plan;
  Poco::Data::Session raw = engine_.raw();
  std::vector<Poco::Int64> id, parent, unused;
  std::vector<std::string> details;
  raw << "EXPLAIN QUERY PLAN SELECT record_id, kind, text_value, num_value FROM clear_values "
         "INDEXED BY clear_values_by_field WHERE app = 'case' AND subtable = '' AND "
         "name = 'x' AND record_id >= 1 AND record_id <= 9 ORDER BY record_id",
      into(id), into(parent), into(unused), into(details), now;
  for (const auto& d : details) {
    plan += d;
  }
  EXPECT_NE(plan.find("COVERING INDEX clear_values_by_field"), std::string::npos) << plan;
  details.clear();
  plan.clear();
  raw << "EXPLAIN QUERY PLAN SELECT record_id, revision, filter_body FROM records "
         "INDEXED BY records_without_body WHERE app = 'case' AND record_id > 0 "
         "ORDER BY record_id LIMIT 10",
      into(id), into(parent), into(unused), into(details), now;
  for (const auto& d : details) {
    plan += d;
  }
  EXPECT_NE(plan.find("COVERING INDEX records_without_body"), std::string::npos) << plan;
}

// Outside a transaction the pages are read ahead on a read-only connection of their own; inside
// one, on the store's connection, so the transaction's own writes are seen.
TEST_F(SqliteStoreTest, ForEachRecordValuesSeesATransactionsOwnWrites) {
  auto store = open();
  auto record = [](std::int64_t id) {
    RecordInput r;
    r.app = "case";
    r.id = id;
    r.revision = 1;
    r.updatedAt = "t";
    r.clear = {{"センター", std::string("13")}};
    r.body = "{}";
    return r;
  };
  store->upsertRecord(record(1));
  auto count = [&] {
    int n = 0;
    store->forEachRecordValues("case", {"センター"}, [&](const RecordValues&) {
      ++n;
      return true;
    });
    return n;
  };
  EXPECT_EQ(count(), 1);
  {
    Transaction tx(*store);
    store->upsertRecord(record(2));
    EXPECT_EQ(count(), 2) << "the uncommitted record of this transaction";
  }  // rolled back
  EXPECT_EQ(count(), 1);
}

TEST_F(SqliteStoreTest, SigkillLeavesMirrorConsistentWithCheckpoint) {
  constexpr int kRounds = 40;
  constexpr int kRecords = 25;
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delayUs(0, 50000);
  std::int64_t lastCheckpoint = 0;
  int roundsWithProgress = 0;
  for (int round = 0; round < kRounds; ++round) {
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0)
      writeUntilKilled(engine_.url(), kRecords, ready[1]);
    // The delay counts from the writer's first statement, not from fork, so that a
    // slow (sanitizer, loaded) machine still kills inside the write loop.
    ::close(ready[1]);  // so that read() sees EOF if the writer dies first
    char byte = 0;
    const bool writerStarted = ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    ::usleep(static_cast<useconds_t>(delayUs(random)));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(writerStarted);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited on its own, status " << status;

    auto store = open();
    ASSERT_EQ(store->integrityCheck(), std::vector<std::string>{"ok"}) << "round " << round;
    std::int64_t checkpoint = std::stoll(store->checkpoint("case").value_or("0"));
    ASSERT_GE(checkpoint, lastCheckpoint) << "a committed round was lost";
    if (checkpoint > lastCheckpoint)
      ++roundsWithProgress;
    lastCheckpoint = checkpoint;
    std::int64_t count = 0;
    bool consistent = true;
    store->forEachRecord("case", [&](const StoredRecord& r) {
      ++count;
      consistent = consistent && r.revision == checkpoint &&
                   r.body() == "body " + std::to_string(r.id) + "/" + std::to_string(checkpoint) &&
                   std::get<std::string>(r.clear.at("状態")) == "r" + std::to_string(checkpoint);
      return true;
    });
    ASSERT_TRUE(consistent) << "records do not match checkpoint " << checkpoint;
    ASSERT_EQ(count, checkpoint == 0 ? 0 : kRecords);
  }
  // Kills must often land after some progress, or the test would not exercise much.
  EXPECT_GT(roundsWithProgress, kRounds / 4);
}

}  // namespace
}  // namespace teichaku::store::testing
