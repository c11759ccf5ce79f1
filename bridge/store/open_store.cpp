#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <fcntl.h>
#include <unistd.h>

#include <mutex>

#include "store/mirror_store.h"
#include "store/sql_store.h"

using namespace Poco::Data::Keywords;

namespace teichaku::store {
namespace {

struct Target {
  Engine engine;
  std::string connection;  // SQLite path or libpq connection string
};

Target parseUrl(const std::string& url) {
  for (const char* prefix : {"postgresql:", "postgres:"}) {
    const std::string p(prefix);
    if (url.rfind(p, 0) == 0) {
      std::string rest = url.substr(p.size());
      // "postgresql://..." is itself a libpq URI; keep it whole.
      return {Engine::kPostgres, rest.rfind("//", 0) == 0 ? url : rest};
    }
  }
  if (url.rfind("sqlite:", 0) == 0)
    return {Engine::kSqlite, url.substr(7)};
  return {Engine::kSqlite, url};
}

void registerConnectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

// SQLite creates -wal and -shm with the database file's permissions, so creating
// the file 0600 first keeps all three private to the service user.
void createPrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StoreError("ミラーDBのファイル " + path + " を作成できません。");
  }
  ::close(fd);
}

std::string pragmaText(Poco::Data::Session& session, const std::string& pragma) {
  std::string value;
  session << pragma, into(value), now;
  return value;
}

void configureSqlite(Poco::Data::Session& session, int busyTimeoutMs) {
  session << "PRAGMA busy_timeout = " + std::to_string(busyTimeoutMs), now;
  if (pragmaText(session, "PRAGMA journal_mode = WAL") != "wal") {
    throw StoreError(
        "ミラーDBを WAL モードにできません（ネットワークファイルシステム上では使えません）。");
  }
  // FULL, not NORMAL: the audit chain head lives in a file outside the database
  // and is fsynced after each commit; with NORMAL a power loss could roll back
  // committed audit rows behind the head file and look like truncation.
  session << "PRAGMA synchronous = FULL", now;
  session << "PRAGMA foreign_keys = ON", now;
  // Freed pages are zeroed, so nothing deleted lingers in the file.
  session << "PRAGMA secure_delete = ON", now;
  // Sorts and temporary tables never reach a temp file on disk.
  session << "PRAGMA temp_store = MEMORY", now;
}

}  // namespace

std::unique_ptr<MirrorStore> openStore(StoreConfig config) {
  registerConnectors();
  const Target target = parseUrl(config.url);
  try {
    if (target.engine == Engine::kSqlite) {
      createPrivateFile(target.connection);
      Poco::Data::Session session("sqlite", target.connection);
      configureSqlite(session, config.busyTimeoutMs);
      auto store = std::make_unique<SqlStore>(session, Engine::kSqlite, std::move(config.keys));
      store->setBusyTimeout(config.busyTimeoutMs);
      store->migrate();
      return store;
    }
    Poco::Data::Session session("postgresql", target.connection);
    auto store = std::make_unique<SqlStore>(session, Engine::kPostgres, std::move(config.keys));
    store->migrate();
    return store;
  } catch (const Poco::Exception& e) {
    // The connection string may hold a password, so it is not repeated; the
    // driver's own text (e.g. "connection refused") is.
    throw StoreError(std::string("ミラーDBを開けません（") +
                     (target.engine == Engine::kSqlite ? "SQLite: " + target.connection
                                                       : std::string("PostgreSQL")) +
                     "）: " + e.displayText());
  }
}

}  // namespace teichaku::store
