#pragma once

#include <Poco/Data/LOB.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "crypto/key_ring.h"
#include "store/mirror_store.h"
#include "store/sql_dialect.h"

// Engines for the store contract tests: each gives a fresh empty database per test
// and a raw Poco session to it, so tests can damage rows behind the store's back.
namespace teichaku::store::testing {

inline crypto::KeyRing testKeys(std::initializer_list<std::uint32_t> ids, std::uint32_t active) {
  crypto::KeyRing ring;
  for (std::uint32_t id : ids) {
    crypto::KeyBytes key{};
    key.fill(static_cast<unsigned char>(0x40 + id));
    ring.add(id, key);
  }
  ring.setActive(active);
  return ring;
}

inline crypto::KeyRing testKeys() {
  return testKeys({1}, 1);
}

class SqliteEngine {
 public:
  static constexpr Engine kEngine = Engine::kSqlite;
  SqliteEngine() {
    Poco::Data::SQLite::Connector::registerConnector();
    char pattern[] = "/tmp/teichaku-store-XXXXXX";
    if (::mkdtemp(pattern) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~SqliteEngine() { std::filesystem::remove_all(dir_); }
  SqliteEngine(const SqliteEngine&) = delete;
  SqliteEngine& operator=(const SqliteEngine&) = delete;

  std::string url() const { return "sqlite:" + path(); }
  std::string path() const { return dir_ + "/mirror.db"; }
  const std::string& dir() const { return dir_; }
  Poco::Data::Session raw() const { return Poco::Data::Session("sqlite", path()); }

 private:
  std::string dir_;
};

// Set by the PostgreSQL test main (pg_store_test.cpp): a libpq connection string to
// a running server (TEICHAKU_TEST_PG or the throwaway cluster it started).
const std::string& postgresBase();

class PostgresEngine {
 public:
  static constexpr Engine kEngine = Engine::kPostgres;
  PostgresEngine();
  ~PostgresEngine();
  PostgresEngine(const PostgresEngine&) = delete;
  PostgresEngine& operator=(const PostgresEngine&) = delete;

  std::string url() const { return "postgresql:" + connection(); }
  std::string connection() const { return postgresBase() + " dbname=" + database_; }
  Poco::Data::Session raw() const { return Poco::Data::Session("postgresql", connection()); }

 private:
  std::string database_;
};

}  // namespace teichaku::store::testing
