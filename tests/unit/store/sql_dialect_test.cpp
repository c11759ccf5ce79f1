#include "store/sql_dialect.h"

#include <gtest/gtest.h>

namespace teichaku::store {
namespace {

TEST(AdaptSql, SqliteKeepsQuestionMarksAndMapsTypes) {
  EXPECT_EQ(adaptSql(Engine::kSqlite, "CREATE TABLE t (id {AUTO_ID}, b {BLOB}, r {REAL})"),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB, r REAL)");
  EXPECT_EQ(adaptSql(Engine::kSqlite, "SELECT a FROM t WHERE b = ? AND c = ?"),
            "SELECT a FROM t WHERE b = ? AND c = ?");
}

TEST(AdaptSql, PostgresNumbersPlaceholdersOutsideLiterals) {
  EXPECT_EQ(adaptSql(Engine::kPostgres, "UPDATE t SET a = ?, b = 'why?' WHERE c = ?"),
            "UPDATE t SET a = $1, b = 'why?' WHERE c = $2");
  EXPECT_EQ(adaptSql(Engine::kPostgres, "CREATE TABLE t (id {AUTO_ID}, b {BLOB}, r {REAL})"),
            "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, b BYTEA, r DOUBLE PRECISION)");
  EXPECT_EQ(adaptSql(Engine::kPostgres, "SELECT '{BLOB}', {UNKNOWN}"),
            "SELECT '{BLOB}', {UNKNOWN}");
}

}  // namespace
}  // namespace teichaku::store
