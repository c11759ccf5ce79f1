#pragma once

#include <string>
#include <string_view>

// The few places where SQLite and PostgreSQL SQL differ. Statements are written
// once with '?' placeholders and type tokens, and adapted per engine.
namespace teichaku::store {

enum class Engine { kSqlite, kPostgres };

// '?' -> $1, $2, ... on PostgreSQL (Poco's PostgreSQL connector binds positional
// $n parameters); {BLOB} -> BLOB | BYTEA; {REAL} -> REAL | DOUBLE PRECISION;
// {AUTO_ID} -> an auto-increment 64-bit primary key. Question marks inside '...'
// literals are left alone.
std::string adaptSql(Engine engine, std::string_view sql);

}  // namespace teichaku::store
