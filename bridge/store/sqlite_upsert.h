#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "store/values.h"

// The record write path on SQLite, on the sqlite3 C API with statements prepared
// once. Poco::Data re-parses a statement on every execution, which made parsing
// the largest cost of a full sync; this is the one place where we go around it.
// Shares the Poco session's connection, so it runs in the same transactions.
namespace teichaku::store {

class SqliteUpsert {
 public:
  explicit SqliteUpsert(sqlite3* db);

  void writeRecord(const std::string& app, std::int64_t id, std::int64_t revision,
                   const std::string& updatedAt, std::int64_t keyId, const std::string& sealed,
                   const std::string& sealedFilter);
  void removeValues(const std::string& app, std::int64_t id);
  void insertValues(const std::string& app, std::int64_t id, const std::string& subtable,
                    std::int64_t rowId, const ClearMap& values);

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

  StatementPtr prepare(const char* sql);
  void step(sqlite3_stmt* statement);

  sqlite3* db_;
  StatementPtr record_;
  StatementPtr remove_;
  StatementPtr insert_;
};

}  // namespace teichaku::store
