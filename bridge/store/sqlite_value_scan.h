#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crypto/key_ring.h"
#include "store/mirror_store.h"
#include "store/value_page.h"

// The read behind MirrorStore::forEachRecordValues on SQLite: a page of records (id, revision,
// sealed filter body from the index records_without_body; never the table, whose rows hold the
// bodies) and, per named field, its top-level clear values read in record order from the
// covering index clear_values_by_field. Statistics over 100,000 records
// read a few fields each; through Poco::Data every record's ~35 value rows were read and parsed,
// which cost more than the statistics themselves. Shares the Poco session's connection (and so
// its read transaction). Internal to the store component.
namespace teichaku::store {

class SqliteValueScan {
 public:
  SqliteValueScan(sqlite3* db, const crypto::KeyRing& keys);
  SqliteValueScan(const SqliteValueScan&) = delete;
  SqliteValueScan& operator=(const SqliteValueScan&) = delete;

  // Records of `app` with id > `afterId`, at most `limit`, in id order.
  ValuePage readPage(const std::string& app, const std::vector<std::string>& names,
                     std::int64_t afterId, std::size_t limit);

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

  StatementPtr prepare(const char* sql);
  [[noreturn]] void fail(int rc) const;

  sqlite3* db_;
  const crypto::KeyRing& keys_;
  StatementPtr records_;
  StatementPtr values_;
};

// A read-only connection of its own to the same database file, so that the next page can be
// read on another thread while the caller works through the current one (statistics spend
// about as long deciding a page as reading it). Busy timeout as the store's.
class SqliteReadConnection {
 public:
  // nullptr when `db` has no file (in-memory) or the file cannot be opened read-only.
  static std::unique_ptr<SqliteReadConnection> openBeside(sqlite3* db, int busyTimeoutMs);
  ~SqliteReadConnection();
  SqliteReadConnection(const SqliteReadConnection&) = delete;
  SqliteReadConnection& operator=(const SqliteReadConnection&) = delete;

  sqlite3* handle() const { return db_; }
  // One page in one read transaction (the page's records and values are one snapshot).
  ValuePage readPage(SqliteValueScan& scan, const std::string& app,
                     const std::vector<std::string>& names, std::int64_t afterId,
                     std::size_t limit);

 private:
  explicit SqliteReadConnection(sqlite3* db) : db_(db) {}
  void exec(const char* sql);
  sqlite3* db_;
};

}  // namespace teichaku::store
