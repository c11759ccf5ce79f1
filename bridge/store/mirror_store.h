#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/key_ring.h"
#include "store/values.h"

// The local mirror of the kintone apps: one interface, two engines (SQLite by
// default, PostgreSQL for HA) through Poco::Data. A MirrorStore is one connection:
// use it from one thread at a time.
//
// Data minimisation: the store keeps exactly what the caller passes. The sync
// passes only the fields that mappings/ reference: the body (sealed with AES-256-GCM,
// associated data "app:id") and a few clear values (README.md lists them and why).
namespace teichaku::store {

// Any failure of the database itself (locked too long, connection lost, disk full).
// The message is Japanese and names the operation, never a record value.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreConfig {
  // "sqlite:/var/lib/teichaku/mirror.db", a plain path (SQLite), or
  // "postgresql:<libpq connection string or postgresql:// URI>".
  std::string url;
  crypto::KeyRing keys;
  int busyTimeoutMs = 10000;  // SQLite: wait this long for another writer
};

// What the sync writes for one kintone record.
struct RecordInput {
  std::string app;  // app key from the configuration, e.g. "case"
  std::int64_t id = 0;
  std::int64_t revision = 0;
  std::string updatedAt;  // kintone 更新日時, UTC ISO-8601
  ClearMap clear;
  std::vector<ChildRow> children;
  std::string body;  // plaintext (the mapped fields, serialised); sealed on write
  // Plaintext of the sealed_filter fields (same layout as body), "" for none; sealed on its
  // own on write (StoredRecord::filterBody).
  std::string filterBody;
};

// A record read back. Clear values come without decryption; body() decrypts on
// demand and throws crypto::OpenError if the ciphertext was altered or moved.
// It uses the store's key ring: do not keep it beyond the MirrorStore's lifetime.
class StoredRecord {
 public:
  std::string app;
  std::int64_t id = 0;
  std::int64_t revision = 0;
  std::string updatedAt;
  ClearMap clear;
  std::vector<ChildRow> children;

  // Throws StoreError for a record read by forEachRecordValues (no body read).
  std::string body() const;
  bool hasBody() const { return bodyRead_; }
  std::uint32_t keyId() const;  // the key that sealed the body
  // The sealed_filter fields ({"code":{"type","value"}}); nullopt when none were stored.
  // Throws crypto::OpenError like body().
  std::optional<std::string> filterBody() const;
  bool hasFilterBody() const { return !sealedFilter_.empty(); }

 private:
  friend class SqlStore;
  std::string sealed_;
  std::string sealedFilter_;
  bool bodyRead_ = false;
  const crypto::KeyRing* keys_ = nullptr;
};

// One record as forEachRecordValues reads it: id, revision, the named top-level clear values
// and the sealed filter body; never the body, never updatedAt. It points into the page being
// visited: valid only during the visit. It uses the store's key ring, as StoredRecord does.
class RecordValues {
 public:
  std::int64_t id = 0;
  std::int64_t revision = 0;

  // The clear value of names[i] (the names given to forEachRecordValues); nullptr when the
  // record has none in clear (e.g. the field was made clear after the record was synced).
  const ClearValue* value(std::size_t i) const { return present_[i] != 0 ? &values_[i] : nullptr; }
  // As StoredRecord::filterBody.
  std::optional<std::string> filterBody() const;
  bool hasFilterBody() const { return !sealedFilter_->empty(); }

 private:
  friend class SqlStore;
  friend struct ValuePage;
  const std::string* app_ = nullptr;
  const ClearValue* values_ = nullptr;
  const std::uint8_t* present_ = nullptr;
  const std::string* sealedFilter_ = nullptr;
  const crypto::KeyRing* keys_ = nullptr;
};

struct IdRevision {
  std::int64_t id = 0;
  std::int64_t revision = 0;
  bool operator==(const IdRevision&) const = default;
};

// kDropped: an operator withdrew the action (`outbox drop`). The row stays so that its
// key keeps the rule from enqueueing the same action again.
enum class OutboxState { kPending, kInFlight, kDone, kParked, kDropped };
const char* toString(OutboxState state);
// "pending", "in_flight", "done", "parked", "dropped"; nullopt for any other text.
std::optional<OutboxState> parseOutboxState(const std::string& text);

// One outbound action (write-back, notification, account change), recorded before
// it is sent. Payload is sealed at rest. lastError must never contain field values.
struct OutboxItem {
  std::int64_t id = 0;
  std::string key;  // idempotency key, unique (e.g. the Garoon notificationKey)
  std::string kind;
  std::string payload;
  OutboxState state = OutboxState::kPending;
  std::int64_t attempts = 0;
  std::int64_t nextAttemptAt = 0;  // unix milliseconds
  std::string lastError;
  std::int64_t created = 0;  // unix milliseconds
  std::int64_t done = 0;     // unix milliseconds, 0 while not done
};

// Raw audit-log row; hashing and verification live in audit/.
struct AuditRow {
  std::int64_t seq = 0;
  std::string at;  // UTC ISO-8601
  std::string actor;
  std::string action;
  std::string app;
  std::string recordIds;   // canonical text from audit/
  std::string fieldCodes;  // canonical text from audit/
  std::string detail;
  std::string prevHash;
  std::string hash;
};

class MirrorStore {
 public:
  virtual ~MirrorStore() = default;

  // --- transactions (use the Transaction guard below) ---
  virtual void begin() = 0;  // SQLite: BEGIN IMMEDIATE; throws if one is open
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool inTransaction() const = 0;
  // Runs `hook` after the current transaction commits (dropped on rollback), or at
  // once outside a transaction. The audit log updates its head file this way.
  virtual void afterCommit(std::function<void()> hook) = 0;

  // --- records (each call is atomic on its own when no transaction is open) ---
  virtual void upsertRecord(const RecordInput& record) = 0;
  // The same for many records; much faster on PostgreSQL (a few statements per
  // batch instead of per record). A record listed twice: the last one wins.
  virtual void upsertRecords(const std::vector<RecordInput>& records) = 0;
  virtual bool deleteRecord(const std::string& app, std::int64_t id) = 0;
  virtual std::optional<StoredRecord> getRecord(const std::string& app, std::int64_t id) = 0;
  // Every record of `app` in id order, streamed in pages (memory does not grow with
  // the app). Return false from `visit` to stop early.
  virtual void forEachRecord(const std::string& app,
                             const std::function<bool(const StoredRecord&)>& visit) = 0;
  // Every record of `app` in id order with its revision, only the named top-level clear values
  // (RecordValues::value(i) for names[i]) and the sealed filter body: no record body is read
  // (getRecord reads one). What statistics scan: on SQLite it reads an index holding exactly
  // these values, page by page into flat arrays (no map per record).
  virtual void forEachRecordValues(const std::string& app, const std::vector<std::string>& names,
                                   const std::function<bool(const RecordValues&)>& visit) = 0;
  // (id, revision) of every record of `app` in id order, for reconciliation.
  virtual void forEachId(const std::string& app,
                         const std::function<void(const IdRevision&)>& visit) = 0;
  virtual std::int64_t countRecords(const std::string& app) = 0;
  // After `key rotate`: re-encrypts up to `limit` record bodies and outbox payloads
  // sealed with an older key, in one transaction; returns how many. Call until 0,
  // then old keys can be removed from the key file.
  virtual std::int64_t resealWithActiveKey(std::int64_t limit) = 0;

  // --- sync checkpoints: set them in the same transaction as the records ---
  virtual std::optional<std::string> checkpoint(const std::string& app) = 0;
  virtual void setCheckpoint(const std::string& app, const std::string& value) = 0;

  // --- outbox ---
  // Records an action; false (and no change) if `key` is already present.
  virtual bool enqueue(const std::string& key, const std::string& kind, const std::string& payload,
                       std::int64_t nowMs) = 0;
  // Takes the oldest due pending item, marks it in flight and counts the attempt.
  virtual std::optional<OutboxItem> claim(std::int64_t nowMs) = 0;
  virtual void markDone(std::int64_t id, std::int64_t nowMs) = 0;
  // Back to pending, to be retried at `nextAttemptAtMs`.
  virtual void markFailed(std::int64_t id, const std::string& error,
                          std::int64_t nextAttemptAtMs) = 0;
  // Gives up until an operator looks (dead letter).
  virtual void park(std::int64_t id, const std::string& error) = 0;
  // In-flight items of a crashed run go back to pending; returns how many.
  virtual std::int64_t releaseInFlight() = 0;
  virtual std::vector<OutboxItem> listOutbox(std::optional<OutboxState> state,
                                             std::int64_t limit) = 0;
  // --- outbox, operator actions (`teichaku-bridge outbox retry|drop`) ---
  virtual std::optional<OutboxItem> outboxItem(std::int64_t id) = 0;
  // A parked item goes back to pending, due at `nowMs`, with its attempts reset to 0
  // (the last error is kept until the next attempt). False, and no change, for an
  // item in any other state or an unknown id.
  virtual bool requeue(std::int64_t id, std::int64_t nowMs) = 0;
  // A pending or parked item becomes dropped and is never sent. False, and no change,
  // for an item in flight, done, already dropped, or an unknown id.
  virtual bool dropOutbox(std::int64_t id) = 0;

  // --- small key/value settings of the bridge itself (no personal data) ---
  virtual std::optional<std::string> meta(const std::string& key) = 0;
  virtual void setMeta(const std::string& key, const std::string& value) = 0;

  // --- audit rows (for audit::AuditLog) ---
  virtual void appendAuditRow(const AuditRow& row) = 0;
  virtual std::optional<AuditRow> lastAuditRow() = 0;
  virtual void forEachAuditRow(const std::function<void(const AuditRow&)>& visit) = 0;

  // --- maintenance ---
  virtual int schemaVersion() = 0;
  // SQLite: PRAGMA integrity_check lines ("ok" when healthy). PostgreSQL: "ok".
  virtual std::vector<std::string> integrityCheck() = 0;
  // SQLite: copies the WAL into the database and truncates it. PostgreSQL: no-op.
  virtual void checkpointWal() = 0;
};

// Opens (creating if needed) and migrates the store named by config.url. Throws
// std::runtime_error with a Japanese message (never the password of a connection
// string) when it cannot.
std::unique_ptr<MirrorStore> openStore(StoreConfig config);

// Begins on construction; rolls back on destruction unless commit() was called.
// If a store call throws inside a transaction, let the exception leave the guard's
// scope (or roll back): the failed call may have written part of its rows, and
// PostgreSQL refuses every statement in an aborted transaction anyway.
class Transaction {
 public:
  explicit Transaction(MirrorStore& store) : store_(store) { store_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_)
      store_.rollback();
  }
  void commit() {
    done_ = true;
    store_.commit();
  }

 private:
  MirrorStore& store_;
  bool done_ = false;
};

}  // namespace teichaku::store
