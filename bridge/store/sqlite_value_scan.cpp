#include "store/sqlite_value_scan.h"

#include <cstdint>

#include "store/clear_codec.h"

namespace teichaku::store {
namespace {

void bindText(sqlite3_stmt* st, int index, const std::string& text) {
  // SQLITE_STATIC: the strings outlive the statement's use (reset before returning).
  sqlite3_bind_text(st, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

std::string columnText(sqlite3_stmt* st, int column) {
  const auto* text = sqlite3_column_text(st, column);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(st, column)));
}

std::string columnBlob(sqlite3_stmt* st, int column) {
  const void* data = sqlite3_column_blob(st, column);
  return data == nullptr ? std::string()
                         : std::string(static_cast<const char*>(data),
                                       static_cast<std::size_t>(sqlite3_column_bytes(st, column)));
}

// Resets the statement however the read ends, so a thrown error leaves it reusable.
struct ResetOnExit {
  sqlite3_stmt* st;
  ~ResetOnExit() {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
};

}  // namespace

SqliteValueScan::SqliteValueScan(sqlite3* db, const crypto::KeyRing& keys)
    : db_(db),
      keys_(keys),
      records_(prepare("SELECT record_id, revision, filter_body FROM records "
                       "INDEXED BY records_without_body "
                       "WHERE app = ? AND record_id > ? ORDER BY record_id LIMIT ?")),
      values_(prepare("SELECT record_id, kind, text_value, num_value FROM clear_values "
                      "INDEXED BY clear_values_by_field WHERE app = ? AND subtable = '' "
                      "AND name = ? AND record_id >= ? AND record_id <= ? ORDER BY record_id")) {}

SqliteValueScan::StatementPtr SqliteValueScan::prepare(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    throw StoreError(std::string("ミラーDBの文を準備できません: ") + sqlite3_errmsg(db_));
  }
  return StatementPtr(statement);
}

void SqliteValueScan::fail(int rc) const {
  throw StoreError(std::string("ミラーDBの操作（項目値の読み出し）に失敗しました: ") +
                   sqlite3_errstr(rc));
}

ValuePage SqliteValueScan::readPage(const std::string& app, const std::vector<std::string>& names,
                                    std::int64_t afterId, std::size_t limit) {
  ValuePage page;
  page.app = app;
  page.width = names.size();
  page.keys = &keys_;
  {
    sqlite3_stmt* st = records_.get();
    ResetOnExit reset{st};
    bindText(st, 1, app);
    sqlite3_bind_int64(st, 2, afterId);
    sqlite3_bind_int64(st, 3, static_cast<sqlite3_int64>(limit));
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      page.ids.push_back(sqlite3_column_int64(st, 0));
      page.revisions.push_back(sqlite3_column_int64(st, 1));
      page.sealedFilters.push_back(columnBlob(st, 2));
    }
    if (rc != SQLITE_DONE) {
      fail(rc);
    }
  }
  if (page.ids.empty()) {
    return page;
  }
  page.values.resize(page.ids.size() * page.width);
  page.present.assign(page.ids.size() * page.width, 0);
  // Both sides are in record order: one forward walk per field matches values to records.
  for (std::size_t i = 0; i < names.size(); ++i) {
    sqlite3_stmt* st = values_.get();
    ResetOnExit reset{st};
    bindText(st, 1, app);
    bindText(st, 2, names[i]);
    sqlite3_bind_int64(st, 3, page.ids.front());
    sqlite3_bind_int64(st, 4, page.ids.back());
    std::size_t at = 0;
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const std::int64_t id = sqlite3_column_int64(st, 0);
      while (at < page.ids.size() && page.ids[at] < id) {
        ++at;
      }
      if (at == page.ids.size()) {
        break;
      }
      if (page.ids[at] != id) {
        continue;  // a record written after the page's id list was read
      }
      const std::size_t cell = at * page.width + i;
      page.values[cell] =
          decodeClearValue(columnText(st, 1), columnText(st, 2), sqlite3_column_double(st, 3));
      page.present[cell] = 1;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
      fail(rc);
    }
  }
  return page;
}

std::unique_ptr<SqliteReadConnection> SqliteReadConnection::openBeside(sqlite3* db,
                                                                       int busyTimeoutMs) {
  const char* path = sqlite3_db_filename(db, "main");
  if (path == nullptr || *path == '\0') {
    return nullptr;
  }
  sqlite3* opened = nullptr;
  // NOMUTEX: only one thread uses this connection at a time (one page read after another).
  if (sqlite3_open_v2(path, &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(opened);
    return nullptr;
  }
  sqlite3_busy_timeout(opened, busyTimeoutMs);
  return std::unique_ptr<SqliteReadConnection>(new SqliteReadConnection(opened));
}

SqliteReadConnection::~SqliteReadConnection() {
  sqlite3_close(db_);  // after every statement of the scans using it was finalized
}

void SqliteReadConnection::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw StoreError("ミラーDBの操作（項目値の読み出し）に失敗しました: " + text);
  }
}

ValuePage SqliteReadConnection::readPage(SqliteValueScan& scan, const std::string& app,
                                         const std::vector<std::string>& names,
                                         std::int64_t afterId, std::size_t limit) {
  exec("BEGIN");
  try {
    ValuePage page = scan.readPage(app, names, afterId, limit);
    exec("COMMIT");
    return page;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace teichaku::store
