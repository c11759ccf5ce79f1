#include "store/sqlite_upsert.h"

#include <cstdint>

#include "store/clear_codec.h"
#include "store/mirror_store.h"

namespace teichaku::store {
namespace {

// SQLITE_TRANSIENT makes SQLite copy the bytes, so callers' strings may change
// after binding. (A macro that casts -1 to a function pointer, hence defined here.)
const sqlite3_destructor_type kCopy =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

void bindText(sqlite3_stmt* st, int index, const std::string& text) {
  sqlite3_bind_text(st, index, text.data(), static_cast<int>(text.size()), kCopy);
}

}  // namespace

SqliteUpsert::SqliteUpsert(sqlite3* db)
    : db_(db),
      record_(prepare("INSERT INTO records (app, record_id, revision, updated_at, key_id, body, "
                      "filter_body) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app, record_id) DO "
                      "UPDATE SET revision = excluded.revision, updated_at = excluded.updated_at, "
                      "key_id = excluded.key_id, body = excluded.body, "
                      "filter_body = excluded.filter_body")),
      remove_(prepare("DELETE FROM clear_values WHERE app = ? AND record_id = ?")),
      insert_(prepare("INSERT INTO clear_values (app, record_id, subtable, row_id, name, kind, "
                      "text_value, num_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {}

SqliteUpsert::StatementPtr SqliteUpsert::prepare(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    throw StoreError(std::string("ミラーDBの文を準備できません: ") + sqlite3_errmsg(db_));
  }
  return StatementPtr(statement);
}

void SqliteUpsert::step(sqlite3_stmt* statement) {
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (rc != SQLITE_DONE) {
    throw StoreError(std::string("ミラーDBの操作（レコード保存）に失敗しました: ") +
                     sqlite3_errstr(rc));
  }
}

void SqliteUpsert::writeRecord(const std::string& app, std::int64_t id, std::int64_t revision,
                               const std::string& updatedAt, std::int64_t keyId,
                               const std::string& sealed, const std::string& sealedFilter) {
  sqlite3_stmt* st = record_.get();
  bindText(st, 1, app);
  sqlite3_bind_int64(st, 2, id);
  sqlite3_bind_int64(st, 3, revision);
  bindText(st, 4, updatedAt);
  sqlite3_bind_int64(st, 5, keyId);
  sqlite3_bind_blob(st, 6, sealed.data(), static_cast<int>(sealed.size()), kCopy);
  // A zero-length blob, not NULL, when there is no filter body (the column is NOT NULL).
  sqlite3_bind_zeroblob(st, 7, 0);
  if (!sealedFilter.empty()) {
    sqlite3_bind_blob(st, 7, sealedFilter.data(), static_cast<int>(sealedFilter.size()), kCopy);
  }
  step(st);
}

void SqliteUpsert::removeValues(const std::string& app, std::int64_t id) {
  sqlite3_stmt* st = remove_.get();
  bindText(st, 1, app);
  sqlite3_bind_int64(st, 2, id);
  step(st);
}

void SqliteUpsert::insertValues(const std::string& app, std::int64_t id,
                                const std::string& subtable, std::int64_t rowId,
                                const ClearMap& values) {
  sqlite3_stmt* st = insert_.get();
  for (const auto& [fieldCode, value] : values) {
    bindText(st, 1, app);
    sqlite3_bind_int64(st, 2, id);
    bindText(st, 3, subtable);
    sqlite3_bind_int64(st, 4, rowId);
    bindText(st, 5, fieldCode);
    const EncodedValue encoded = encodeClearValue(value);
    sqlite3_bind_text(st, 6, encoded.kind, 1, nullptr);  // a string literal: no copy needed
    bindText(st, 7, encoded.text);
    sqlite3_bind_double(st, 8, encoded.number);
    step(st);
  }
}

}  // namespace teichaku::store
