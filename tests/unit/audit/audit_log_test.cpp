#include "audit/audit_log.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "audit/chain_head.h"
#include "crypto/sha256.h"

namespace teichaku::audit {
namespace {

using namespace Poco::Data::Keywords;

crypto::KeyRing keys() {
  crypto::KeyRing ring;
  ring.add(1, crypto::KeyBytes{});
  ring.setActive(1);
  return ring;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/teichaku-audit-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    store_ = store::openStore(store::StoreConfig{dir_ + "/mirror.db", keys(), 10000});
    log_ =
        std::make_unique<AuditLog>(*store_, headPath(), [] { return "2024-04-01T00:00:00.000Z"; });
  }
  void TearDown() override {
    log_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string headPath() const { return dir_ + "/audit.head"; }
  void appendEntries(int count) {
    for (int i = 1; i <= count; ++i) {
      log_->append(AuditEntry{"token:7",
                              "record.read",
                              "case",
                              {i, i + 100},
                              {"氏名", "生年月日"},
                              "export " + std::to_string(i)});
    }
  }
  // Damage the log behind the store's back, as someone with file access could.
  void raw(const std::string& sql) {
    Poco::Data::Session session("sqlite", dir_ + "/mirror.db");
    session << sql, now;
  }

  std::string dir_;
  std::unique_ptr<store::MirrorStore> store_;
  std::unique_ptr<AuditLog> log_;
};

// Recomputes the first entry's hash by hand from the documented canonical form.
TEST_F(AuditLogTest, HashFollowsDocumentedCanonicalForm) {
  log_->append(AuditEntry{"token:7", "record.read", "case", {3, 4}, {"氏名", "a,b"}, "export x"});
  const std::string zeros(64, '0');
  const std::string canonical =
      "teichaku-audit v1\n1:1\n24:2024-04-01T00:00:00.000Z\n7:token:7"
      "\n11:record.read\n4:case\n3:3,4\n11:氏名,a\\,b\n8:export x\n64:" +
      zeros;
  auto row = store_->lastAuditRow();
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->seq, 1);
  EXPECT_EQ(row->recordIds, "3,4");
  EXPECT_EQ(row->fieldCodes, "氏名,a\\,b");
  EXPECT_EQ(row->prevHash, zeros);
  EXPECT_EQ(row->hash, crypto::sha256Hex(canonical));
}

TEST_F(AuditLogTest, IntactLogVerifiesAndHeadFileFollows) {
  EXPECT_TRUE(log_->verify().ok());  // empty log, no head file
  appendEntries(10);
  VerifyResult result = log_->verify();
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.entries, 10);
  auto head = readChainHead(headPath());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 10);
  EXPECT_EQ(head->hash, store_->lastAuditRow()->hash);
  struct stat st {};
  ASSERT_EQ(::stat(headPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuditLogTest, EntriesAreChained) {
  appendEntries(3);
  std::vector<store::AuditRow> rows;
  store_->forEachAuditRow([&](const store::AuditRow& row) { rows.push_back(row); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].prevHash, rows[0].hash);
  EXPECT_EQ(rows[2].prevHash, rows[1].hash);
}

TEST_F(AuditLogTest, EditIsNamed) {
  appendEntries(10);
  raw("UPDATE audit_log SET field_codes = '氏名' WHERE seq = 4");
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kEdited);
  EXPECT_EQ(result.firstBadSeq, 4);
  EXPECT_NE(result.message.find("4"), std::string::npos);
}

TEST_F(AuditLogTest, EditWithItsOwnHashRecomputedIsNamed) {
  appendEntries(10);
  auto rows = std::vector<store::AuditRow>{};
  store_->forEachAuditRow([&](const store::AuditRow& row) { rows.push_back(row); });
  store::AuditRow forged = rows[3];
  forged.actor = "someone-else";
  raw("UPDATE audit_log SET actor = 'someone-else', hash = '" + entryHash(forged) +
      "' WHERE seq = 4");
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kEdited);
  EXPECT_EQ(result.firstBadSeq, 4);
}

TEST_F(AuditLogTest, DeletionIsNamed) {
  appendEntries(10);
  raw("DELETE FROM audit_log WHERE seq = 4");
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kDeleted);
  EXPECT_EQ(result.firstBadSeq, 4);
}

TEST_F(AuditLogTest, DeletionWithRenumberingIsNamed) {
  appendEntries(10);
  raw("DELETE FROM audit_log WHERE seq = 4");
  for (int seq = 5; seq <= 10; ++seq) {
    raw("UPDATE audit_log SET seq = " + std::to_string(seq - 1) +
        " WHERE seq = " + std::to_string(seq));
  }
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kDeleted);
  EXPECT_EQ(result.firstBadSeq, 4);
}

TEST_F(AuditLogTest, ReorderingIsNamed) {
  appendEntries(10);
  raw("UPDATE audit_log SET seq = -1 WHERE seq = 3");
  raw("UPDATE audit_log SET seq = 3 WHERE seq = 6");
  raw("UPDATE audit_log SET seq = 6 WHERE seq = -1");
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kReordered);
  EXPECT_EQ(result.firstBadSeq, 3);
}

TEST_F(AuditLogTest, TruncationIsCaughtByHeadFile) {
  appendEntries(10);
  raw("DELETE FROM audit_log WHERE seq >= 8");
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kTruncated);
  EXPECT_EQ(result.firstBadSeq, 8);
}

TEST_F(AuditLogTest, RecomputedChainIsCaughtByHeadFile) {
  appendEntries(10);
  std::vector<store::AuditRow> rows;
  store_->forEachAuditRow([&](const store::AuditRow& row) { rows.push_back(row); });
  rows[3].detail = "rewritten";
  for (std::size_t i = 3; i < rows.size(); ++i) {
    if (i > 3)
      rows[i].prevHash = rows[i - 1].hash;
    rows[i].hash = entryHash(rows[i]);
    raw("UPDATE audit_log SET detail = '" + rows[i].detail + "', prev_hash = '" + rows[i].prevHash +
        "', hash = '" + rows[i].hash + "' WHERE seq = " + std::to_string(rows[i].seq));
  }
  VerifyResult result = log_->verify();
  EXPECT_EQ(result.problem, Problem::kHeadMismatch);
  EXPECT_EQ(result.firstBadSeq, 10);
}

TEST_F(AuditLogTest, MissingHeadFileIsReported) {
  appendEntries(2);
  std::filesystem::remove(headPath());
  EXPECT_EQ(log_->verify().problem, Problem::kHeadMissing);
}

TEST_F(AuditLogTest, EntryRollsBackWithItsTransaction) {
  appendEntries(2);
  const auto headBefore = readChainHead(headPath());
  {
    store::Transaction tx(*store_);
    log_->append(AuditEntry{"bridge", "record.writeback", "case", {1}, {"状態"}, ""});
  }
  EXPECT_EQ(store_->lastAuditRow()->seq, 2);
  ASSERT_TRUE(readChainHead(headPath()).has_value());
  EXPECT_EQ(readChainHead(headPath())->hash, headBefore->hash);
  {
    store::Transaction tx(*store_);
    log_->append(AuditEntry{"bridge", "record.writeback", "case", {1}, {"状態"}, ""});
    EXPECT_EQ(readChainHead(headPath())->seq, 2);  // not before the commit
    tx.commit();
  }
  EXPECT_EQ(readChainHead(headPath())->seq, 3);
  EXPECT_TRUE(log_->verify().ok());
}

TEST(ChainHeadFile, RejectsMalformedContent) {
  const std::string path = "/tmp/teichaku-head-" + std::to_string(::getpid());
  for (const char* text :
       {"", "teichaku-audit-head v1\nseq x\nhash y\n", "other\nseq 1\nhash 0000\n",
        "teichaku-audit-head v1\nseq 1\nhash 00\n"}) {
    std::ofstream(path) << text;
    EXPECT_FALSE(readChainHead(path).has_value()) << text;
  }
  std::filesystem::remove(path);
  EXPECT_FALSE(readChainHead(path).has_value());
}

}  // namespace
}  // namespace teichaku::audit
