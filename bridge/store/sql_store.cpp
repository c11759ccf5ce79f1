#include "store/sql_store.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <future>
#include <unordered_map>
#include <utility>

#include "crypto/aead.h"
#include "store/clear_codec.h"
#include "store/record_sealing.h"
#include "store/sqlite_upsert.h"
#include "store/sqlite_value_scan.h"
#include "store/value_page.h"

using namespace Poco::Data::Keywords;

namespace teichaku::store {
namespace {

constexpr std::size_t kRecordPage = 500;
constexpr std::size_t kValuePage = 5000;  // records per snapshot in forEachRecordValues
constexpr std::size_t kIdPage = 10000;

Poco::Data::BLOB toBlob(const std::string& bytes) {
  return Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string fromBlob(const Poco::Data::BLOB& blob) {
  return blob.size() == 0
             ? std::string()
             : std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
}

}  // namespace

std::string StoredRecord::body() const {
  if (!bodyRead_) {
    throw StoreError("レコード " + app + ":" + std::to_string(id) +
                     " は本文を読まずに取り出されました（getRecord で読み直してください）。");
  }
  return crypto::open(*keys_, sealed_, recordAad(app, id));
}

std::optional<std::string> StoredRecord::filterBody() const {
  if (sealedFilter_.empty()) {
    return std::nullopt;
  }
  return crypto::open(*keys_, sealedFilter_, filterAad(app, id));
}

std::optional<std::string> RecordValues::filterBody() const {
  if (sealedFilter_->empty()) {
    return std::nullopt;
  }
  return crypto::open(*keys_, *sealedFilter_, filterAad(*app_, id));
}

std::uint32_t StoredRecord::keyId() const {
  return crypto::sealedKeyId(sealed_);
}

SqlStore::SqlStore(Poco::Data::Session session, Engine engine, crypto::KeyRing keys)
    : session_(std::move(session)), engine_(engine), keys_(std::move(keys)) {}

SqlStore::~SqlStore() {
  if (inTransaction_)
    rollback();
}

Poco::Data::Statement SqlStore::statement(std::string_view sql) {
  ensureUsable();
  Poco::Data::Statement st(session_);
  st << adaptSql(engine_, sql);
  return st;
}

std::size_t SqlStore::run(Poco::Data::Statement& st, const char* operation) {
  try {
    return st.execute();
  } catch (const Poco::Exception& e) {
    throw StoreError(std::string("ミラーDBの操作（") + operation +
                     "）に失敗しました: " + e.displayText());
  }
}

void SqlStore::execute(std::string_view sql) {
  Poco::Data::Statement st = statement(sql);
  run(st, "SQL");
}

void SqlStore::ensureUsable() const {
  if (broken_) {
    throw StoreError("ミラーDBへの接続が不明な状態です。開き直してください。");
  }
}

// --- transactions ---

void SqlStore::begin() {
  if (inTransaction_) {
    throw std::logic_error("transaction already open");
  }
  // IMMEDIATE takes the write lock now, so a later write cannot fail with BUSY
  // half-way (reliability.md §6, busy_timeout).
  execute(engine_ == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  inTransaction_ = true;
}

void SqlStore::commit() {
  if (!inTransaction_) {
    throw std::logic_error("no transaction to commit");
  }
  try {
    execute("COMMIT");
  } catch (const StoreError&) {
    rollback();
    throw;
  }
  inTransaction_ = false;
  auto hooks = std::move(commitHooks_);
  commitHooks_.clear();
  for (auto& hook : hooks) {
    hook();
  }
}

void SqlStore::rollback() {
  if (!inTransaction_)
    return;
  inTransaction_ = false;
  commitHooks_.clear();
  try {
    Poco::Data::Statement st(session_);
    st << "ROLLBACK";
    st.execute();
  } catch (const Poco::Exception&) {
    // Called from destructors, so it must not throw; the connection is marked
    // unusable instead and every later call reports it.
    broken_ = true;
  }
}

void SqlStore::afterCommit(std::function<void()> hook) {
  if (inTransaction_) {
    commitHooks_.push_back(std::move(hook));
  } else {
    hook();
  }
}

SqlStore::Scope::Scope(SqlStore& store) : store_(store), owns_(!store.inTransaction_) {
  if (owns_)
    store_.begin();
}

SqlStore::Scope::~Scope() {
  if (owns_ && store_.inTransaction_)
    store_.rollback();
}

void SqlStore::Scope::commit() {
  if (owns_)
    store_.commit();
}

SqlStore::ReadScope::ReadScope(SqlStore& store) : store_(store), owns_(!store.inTransaction_) {
  if (owns_) {
    store_.execute(store_.engine_ == Engine::kSqlite
                       ? "BEGIN"
                       : "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    store_.inTransaction_ = true;
  }
}

SqlStore::ReadScope::~ReadScope() {
  if (owns_)
    store_.rollback();
}

// --- records ---

void SqlStore::upsertRecord(const RecordInput& record) {
  upsertBatch({&record});
}

void SqlStore::upsertRecords(const std::vector<RecordInput>& records) {
  std::vector<const RecordInput*> batch;
  batch.reserve(records.size());
  for (const RecordInput& record : records)
    batch.push_back(&record);
  upsertBatch(batch);
}

void SqlStore::upsertBatch(const std::vector<const RecordInput*>& batch) {
  Scope scope(*this);
  if (engine_ == Engine::kSqlite) {
    if (!sqliteUpsert_) {
      sqliteUpsert_ =
          std::make_unique<SqliteUpsert>(Poco::Data::SQLite::Utility::dbHandle(session_));
    }
    for (const RecordInput* record : batch) {
      const std::string sealed =
          crypto::seal(keys_, record->body, recordAad(record->app, record->id));
      sqliteUpsert_->writeRecord(record->app, record->id, record->revision, record->updatedAt,
                                 keys_.activeId(), sealed,
                                 sealFilter(keys_, record->app, record->id, record->filterBody));
      sqliteUpsert_->removeValues(record->app, record->id);
      sqliteUpsert_->insertValues(record->app, record->id, "", 0, record->clear);
      for (const ChildRow& child : record->children) {
        sqliteUpsert_->insertValues(record->app, record->id, child.subtable, child.rowId,
                                    child.values);
      }
    }
  } else {
    upsertBatchPostgres(batch);
  }
  scope.commit();
}

bool SqlStore::deleteRecord(const std::string& app, std::int64_t id) {
  Scope scope(*this);
  // Explicit child delete: does not depend on foreign-key enforcement being on.
  Poco::Data::Statement children =
      statement("DELETE FROM clear_values WHERE app = ? AND record_id = ?");
  children, bind(app), bind(Poco::Int64{id});
  run(children, "レコード削除");
  Poco::Int64 before = 0;
  Poco::Data::Statement count =
      statement("SELECT COUNT(*) FROM records WHERE app = ? AND record_id = ?");
  count, bind(app), bind(Poco::Int64{id}), into(before);
  run(count, "レコード削除");
  Poco::Data::Statement st = statement("DELETE FROM records WHERE app = ? AND record_id = ?");
  st, bind(app), bind(Poco::Int64{id});
  run(st, "レコード削除");
  scope.commit();
  return before > 0;
}

std::vector<StoredRecord> SqlStore::readPage(const std::string& app, std::int64_t afterId,
                                             std::int64_t onlyId, std::size_t limit) {
  std::vector<Poco::Int64> ids, revisions, keyIds;
  std::vector<std::string> updated;
  std::vector<Poco::Data::BLOB> bodies, filters;
  const bool single = onlyId != 0;
  Poco::Data::Statement st = statement(
      single ? "SELECT record_id, revision, updated_at, key_id, body, filter_body FROM records "
               "WHERE app = ? AND record_id = ?"
             : "SELECT record_id, revision, updated_at, key_id, body, filter_body FROM records "
               "WHERE app = ? AND record_id > ? ORDER BY record_id LIMIT ?");
  st, into(ids), into(revisions), into(updated), into(keyIds), into(bodies), into(filters),
      bind(app), bind(Poco::Int64{single ? onlyId : afterId});
  if (!single)
    st, bind(Poco::Int64(limit));
  run(st, "レコード読み出し");

  std::vector<StoredRecord> page(ids.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    StoredRecord& r = page[i];
    r.app = app;
    r.id = ids[i];
    r.revision = revisions[i];
    r.updatedAt = std::move(updated[i]);
    r.sealed_ = fromBlob(bodies[i]);
    r.sealedFilter_ = fromBlob(filters[i]);
    r.bodyRead_ = true;
    r.keys_ = &keys_;
    index.emplace(r.id, i);
  }
  if (page.empty())
    return page;

  std::vector<Poco::Int64> valueIds, rowIds;
  std::vector<std::string> subtables, names, kinds, texts;
  std::vector<double> numbers;
  Poco::Data::Statement values = statement(
      "SELECT record_id, subtable, row_id, name, kind, text_value, num_value FROM clear_values "
      "WHERE app = ? AND record_id >= ? AND record_id <= ? "
      "ORDER BY record_id, subtable, row_id, name");
  values, into(valueIds), into(subtables), into(rowIds), into(names), into(kinds), into(texts),
      into(numbers), bind(app), bind(Poco::Int64{page.front().id}),
      bind(Poco::Int64{page.back().id});
  run(values, "レコード読み出し");
  for (std::size_t i = 0; i < valueIds.size(); ++i) {
    auto found = index.find(valueIds[i]);
    if (found == index.end())
      continue;  // a record outside this page's id list
    StoredRecord& r = page[found->second];
    ClearValue value = decodeClearValue(kinds[i], std::move(texts[i]), numbers[i]);
    if (subtables[i].empty()) {
      r.clear.emplace(names[i], std::move(value));
      continue;
    }
    if (r.children.empty() || r.children.back().subtable != subtables[i] ||
        r.children.back().rowId != rowIds[i]) {
      r.children.push_back(ChildRow{subtables[i], rowIds[i], {}});
    }
    r.children.back().values.emplace(names[i], std::move(value));
  }
  return page;
}

std::optional<StoredRecord> SqlStore::getRecord(const std::string& app, std::int64_t id) {
  ReadScope scope(*this);
  std::vector<StoredRecord> page = readPage(app, 0, id, 1);
  if (page.empty())
    return std::nullopt;
  return std::move(page.front());
}

void SqlStore::forEachRecord(const std::string& app,
                             const std::function<bool(const StoredRecord&)>& visit) {
  std::int64_t after = 0;
  for (;;) {
    std::vector<StoredRecord> page;
    {
      // One snapshot per page, released before visiting: a long export must not
      // hold a read transaction that stops WAL checkpoints (reliability.md §6).
      ReadScope scope(*this);
      page = readPage(app, after, 0, kRecordPage);
    }
    for (const StoredRecord& record : page) {
      if (!visit(record))
        return;
    }
    if (page.size() < kRecordPage)
      return;
    after = page.back().id;
  }
}

void SqlStore::forEachRecordValues(const std::string& app, const std::vector<std::string>& names,
                                   const std::function<bool(const RecordValues&)>& visit) {
  auto visitPage = [&](const ValuePage& page) {
    for (std::size_t row = 0; row < page.size(); ++row) {
      if (!visit(page.at(row)))
        return false;
    }
    return true;
  };
  if (engine_ != Engine::kSqlite) {
    // PostgreSQL: whole records (no covering read written yet), each made a one-row page.
    ValuePage one;
    one.app = app;
    one.width = names.size();
    one.keys = &keys_;
    forEachRecord(app, [&](const StoredRecord& record) {
      one.ids.assign(1, record.id);
      one.revisions.assign(1, record.revision);
      one.sealedFilters.assign(1, record.sealedFilter_);
      one.values.assign(names.size(), std::monostate{});
      one.present.assign(names.size(), 0);
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (auto it = record.clear.find(names[i]); it != record.clear.end()) {
          one.values[i] = it->second;
          one.present[i] = 1;
        }
      }
      return visitPage(one);
    });
    return;
  }
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session_);
  // Outside a transaction, pages are read ahead on a connection of their own while `visit`
  // works (a transaction's own uncommitted writes are visible only on this connection).
  std::unique_ptr<SqliteReadConnection> connection =
      inTransaction_ ? nullptr : SqliteReadConnection::openBeside(db, busyTimeoutMs_);
  if (connection) {
    SqliteValueScan scan(connection->handle(), keys_);
    auto read = [&, conn = connection.get()](std::int64_t after) {
      return conn->readPage(scan, app, names, after, kValuePage);
    };
    // Declared after `scan` and `connection`: destroyed (and so waited for) first.
    std::future<ValuePage> next = std::async(std::launch::async, read, 0);
    for (;;) {
      ValuePage page = next.get();
      const bool more = page.size() == kValuePage;
      if (more) {
        next = std::async(std::launch::async, read, page.ids.back());
      }
      if (!visitPage(page) || !more)
        return;
    }
  }
  if (!valueScan_) {
    valueScan_ = std::make_unique<SqliteValueScan>(db, keys_);
  }
  std::int64_t after = 0;
  for (;;) {
    ValuePage page;
    {
      ReadScope scope(*this);  // one snapshot per page, as forEachRecord
      page = valueScan_->readPage(app, names, after, kValuePage);
    }
    if (!visitPage(page) || page.size() < kValuePage)
      return;
    after = page.ids.back();
  }
}

void SqlStore::forEachId(const std::string& app,
                         const std::function<void(const IdRevision&)>& visit) {
  Poco::Int64 after = 0;
  for (;;) {
    std::vector<Poco::Int64> ids, revisions;
    Poco::Data::Statement st = statement(
        "SELECT record_id, revision FROM records WHERE app = ? AND record_id > ? "
        "ORDER BY record_id LIMIT ?");
    st, into(ids), into(revisions), bind(app), bind(after), bind(Poco::Int64(kIdPage));
    run(st, "ID 一覧");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      visit(IdRevision{ids[i], revisions[i]});
    }
    if (ids.size() < kIdPage)
      return;
    after = ids.back();
  }
}

std::int64_t SqlStore::countRecords(const std::string& app) {
  Poco::Int64 count = 0;
  Poco::Data::Statement st = statement("SELECT COUNT(*) FROM records WHERE app = ?");
  st, bind(app), into(count);
  run(st, "件数");
  return count;
}

}  // namespace teichaku::store

namespace teichaku::store {

std::int64_t SqlStore::resealWithActiveKey(std::int64_t limit) {
  const Poco::Int64 active = keys_.activeId();
  Scope scope(*this);
  std::vector<std::string> apps;
  std::vector<Poco::Int64> ids;
  std::vector<Poco::Data::BLOB> bodies, filters;
  Poco::Data::Statement select = statement(
      "SELECT app, record_id, body, filter_body FROM records WHERE key_id <> ? "
      "ORDER BY app, record_id LIMIT ?");
  select, bind(active), bind(Poco::Int64{limit}), into(apps), into(ids), into(bodies),
      into(filters);
  run(select, "再暗号化");
  auto reseal = [&](const std::string& sealedBytes, const std::string& aad) {
    std::string plain = crypto::open(keys_, sealedBytes, aad);
    std::string sealed = crypto::seal(keys_, plain, aad);
    OPENSSL_cleanse(plain.data(), plain.size());
    return sealed;
  };
  for (std::size_t i = 0; i < ids.size(); ++i) {
    // The filter body is sealed with the same key as the body: key_id covers both.
    const std::string sealed = reseal(fromBlob(bodies[i]), recordAad(apps[i], ids[i]));
    const std::string oldFilter = fromBlob(filters[i]);
    const std::string filter =
        oldFilter.empty() ? std::string() : reseal(oldFilter, filterAad(apps[i], ids[i]));
    Poco::Data::Statement update = statement(
        "UPDATE records SET body = ?, filter_body = COALESCE(?, {EMPTY_BLOB}), key_id = ? "
        "WHERE app = ? AND record_id = ?");
    update, bind(toBlob(sealed)), bind(toBlob(filter)), bind(active), bind(apps[i]), bind(ids[i]);
    run(update, "再暗号化");
  }
  std::int64_t done = static_cast<std::int64_t>(ids.size());
  // Outbox payloads carry their key id only inside the sealed bytes.
  std::vector<Poco::Int64> outboxIds;
  std::vector<std::string> keys;
  std::vector<Poco::Data::BLOB> payloads;
  Poco::Data::Statement outbox = statement("SELECT id, key, payload FROM outbox ORDER BY id");
  outbox, into(outboxIds), into(keys), into(payloads);
  run(outbox, "再暗号化");
  for (std::size_t i = 0; i < outboxIds.size() && done < limit; ++i) {
    const std::string sealedPayload = fromBlob(payloads[i]);
    if (crypto::sealedKeyId(sealedPayload) == keys_.activeId())
      continue;
    const std::string aad = "outbox:" + keys[i];
    std::string plain = crypto::open(keys_, sealedPayload, aad);
    const std::string sealed = crypto::seal(keys_, plain, aad);
    OPENSSL_cleanse(plain.data(), plain.size());
    Poco::Data::Statement update = statement("UPDATE outbox SET payload = ? WHERE id = ?");
    update, bind(toBlob(sealed)), bind(outboxIds[i]);
    run(update, "再暗号化");
    ++done;
  }
  scope.commit();
  return done;
}

}  // namespace teichaku::store
