#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <string_view>

#include "store/mirror_store.h"
#include "store/sql_dialect.h"

// MirrorStore over one Poco::Data session; engine differences are confined to
// sql_dialect.h and open_store.cpp. Internal to the store component.
namespace teichaku::store {

class SqliteUpsert;
class SqliteValueScan;

class SqlStore final : public MirrorStore {
 public:
  SqlStore(Poco::Data::Session session, Engine engine, crypto::KeyRing keys);
  ~SqlStore() override;

  void begin() override;
  void commit() override;
  void rollback() override;
  bool inTransaction() const override { return inTransaction_; }
  void afterCommit(std::function<void()> hook) override;

  void upsertRecord(const RecordInput& record) override;
  void upsertRecords(const std::vector<RecordInput>& records) override;
  bool deleteRecord(const std::string& app, std::int64_t id) override;
  std::optional<StoredRecord> getRecord(const std::string& app, std::int64_t id) override;
  void forEachRecord(const std::string& app,
                     const std::function<bool(const StoredRecord&)>& visit) override;
  void forEachRecordValues(const std::string& app, const std::vector<std::string>& names,
                           const std::function<bool(const RecordValues&)>& visit) override;
  void forEachId(const std::string& app,
                 const std::function<void(const IdRevision&)>& visit) override;
  std::int64_t countRecords(const std::string& app) override;
  std::int64_t resealWithActiveKey(std::int64_t limit) override;

  std::optional<std::string> checkpoint(const std::string& app) override;
  void setCheckpoint(const std::string& app, const std::string& value) override;

  bool enqueue(const std::string& key, const std::string& kind, const std::string& payload,
               std::int64_t nowMs) override;
  std::optional<OutboxItem> claim(std::int64_t nowMs) override;
  void markDone(std::int64_t id, std::int64_t nowMs) override;
  void markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptAtMs) override;
  void park(std::int64_t id, const std::string& error) override;
  std::int64_t releaseInFlight() override;
  std::vector<OutboxItem> listOutbox(std::optional<OutboxState> state, std::int64_t limit) override;
  std::optional<OutboxItem> outboxItem(std::int64_t id) override;
  bool requeue(std::int64_t id, std::int64_t nowMs) override;
  bool dropOutbox(std::int64_t id) override;

  std::optional<std::string> meta(const std::string& key) override;
  void setMeta(const std::string& key, const std::string& value) override;

  void appendAuditRow(const AuditRow& row) override;
  std::optional<AuditRow> lastAuditRow() override;
  void forEachAuditRow(const std::function<void(const AuditRow&)>& visit) override;

  int schemaVersion() override;
  std::vector<std::string> integrityCheck() override;
  void checkpointWal() override;

  // Applies pending migrations (open_store.cpp calls it once after opening).
  void migrate();
  // SQLite: how long the connections the store opens itself wait for a writer.
  void setBusyTimeout(int milliseconds) { busyTimeoutMs_ = milliseconds; }

 private:
  // Joins the caller's transaction, or makes a single operation atomic on its own.
  class Scope {
   public:
    explicit Scope(SqlStore& store);
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    ~Scope();
    void commit();

   private:
    SqlStore& store_;
    bool owns_;
  };
  // A short read-only transaction so that multi-statement reads see one snapshot.
  class ReadScope {
   public:
    explicit ReadScope(SqlStore& store);
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;
    ~ReadScope();

   private:
    SqlStore& store_;
    bool owns_;
  };

  void upsertBatch(const std::vector<const RecordInput*>& batch);
  void upsertBatchPostgres(const std::vector<const RecordInput*>& batch);  // sql_store_pg_write.cpp
  Poco::Data::Statement statement(std::string_view sql);
  void execute(std::string_view sql);
  std::size_t run(Poco::Data::Statement& statement, const char* operation);
  void ensureUsable() const;
  std::vector<StoredRecord> readPage(const std::string& app, std::int64_t afterId,
                                     std::int64_t onlyId, std::size_t limit);
  std::optional<OutboxItem> readOutboxItem(std::int64_t id);
  // The state of item `id`, its row locked until the transaction ends (PostgreSQL; a
  // SQLite write transaction already excludes other writers). nullopt when unknown.
  std::optional<OutboxState> lockOutboxState(std::int64_t id);

  Poco::Data::Session session_;
  Engine engine_;
  crypto::KeyRing keys_;
  bool inTransaction_ = false;
  int busyTimeoutMs_ = 10000;
  bool broken_ = false;  // a failed ROLLBACK left the connection in an unknown state
  std::vector<std::function<void()>> commitHooks_;
  std::unique_ptr<SqliteUpsert> sqliteUpsert_;  // SQLite write path, see sqlite_upsert.h
  std::unique_ptr<SqliteValueScan> valueScan_;  // SQLite statistics read, sqlite_value_scan.h
};

}  // namespace teichaku::store
