// Checkpoints, outbox, meta, audit rows and maintenance of SqlStore; the record
// tables are in sql_store.cpp.
#include <Poco/Data/LOB.h>

#include <ctime>

#include "crypto/aead.h"
#include "store/schema.h"
#include "store/sql_store.h"

using namespace Poco::Data::Keywords;

namespace teichaku::store {
namespace {

std::string outboxAad(const std::string& key) {
  return "outbox:" + key;
}

OutboxState parseState(const std::string& text) {
  return parseOutboxState(text).value_or(OutboxState::kPending);
}

std::string utcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

constexpr const char* kOutboxColumns =
    "SELECT id, key, kind, payload, state, attempts, next_attempt_at, last_error, created, "
    "done FROM outbox ";

}  // namespace

const char* toString(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kInFlight:
      return "in_flight";
    case OutboxState::kDone:
      return "done";
    case OutboxState::kParked:
      return "parked";
    case OutboxState::kDropped:
      return "dropped";
  }
  return "pending";
}

std::optional<OutboxState> parseOutboxState(const std::string& text) {
  for (OutboxState state : {OutboxState::kPending, OutboxState::kInFlight, OutboxState::kDone,
                            OutboxState::kParked, OutboxState::kDropped}) {
    if (text == toString(state))
      return state;
  }
  return std::nullopt;
}

// --- checkpoints and meta ---

std::optional<std::string> SqlStore::checkpoint(const std::string& app) {
  std::vector<std::string> values;
  Poco::Data::Statement st = statement("SELECT value FROM checkpoints WHERE app = ?");
  st, bind(app), into(values);
  run(st, "チェックポイント読み出し");
  if (values.empty())
    return std::nullopt;
  return values.front();
}

void SqlStore::setCheckpoint(const std::string& app, const std::string& value) {
  Poco::Data::Statement st = statement(
      "INSERT INTO checkpoints (app, value) VALUES (?, ?) "
      "ON CONFLICT (app) DO UPDATE SET value = excluded.value");
  st, bind(app), bind(value);
  run(st, "チェックポイント保存");
}

std::optional<std::string> SqlStore::meta(const std::string& key) {
  std::vector<std::string> values;
  Poco::Data::Statement st = statement("SELECT value FROM meta WHERE key = ?");
  st, bind(key), into(values);
  run(st, "設定値読み出し");
  if (values.empty())
    return std::nullopt;
  return values.front();
}

void SqlStore::setMeta(const std::string& key, const std::string& value) {
  Poco::Data::Statement st = statement(
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st, bind(key), bind(value);
  run(st, "設定値保存");
}

// --- outbox ---

bool SqlStore::enqueue(const std::string& key, const std::string& kind, const std::string& payload,
                       std::int64_t nowMs) {
  const std::string sealed = crypto::seal(keys_, payload, outboxAad(key));
  Scope scope(*this);
  Poco::Int64 existing = 0;
  Poco::Data::Statement count = statement("SELECT COUNT(*) FROM outbox WHERE key = ?");
  count, bind(key), into(existing);
  run(count, "送信待ち登録");
  if (existing > 0)
    return false;
  Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
  Poco::Data::Statement st = statement(
      "INSERT INTO outbox (key, kind, payload, state, attempts, next_attempt_at, last_error, "
      "created, done) VALUES (?, ?, ?, 'pending', 0, ?, '', ?, 0)");
  st, bind(key), bind(kind), bind(blob), bind(Poco::Int64{nowMs}), bind(Poco::Int64{nowMs});
  run(st, "送信待ち登録");
  scope.commit();
  return true;
}

std::optional<OutboxItem> SqlStore::readOutboxItem(std::int64_t id) {
  std::vector<OutboxItem> items;
  std::vector<Poco::Int64> ids, attempts, next, created, done;
  std::vector<std::string> keys, kinds, states, errors;
  std::vector<Poco::Data::BLOB> payloads;
  Poco::Data::Statement st = statement(std::string(kOutboxColumns) + "WHERE id = ?");
  st, into(ids), into(keys), into(kinds), into(payloads), into(states), into(attempts), into(next),
      into(errors), into(created), into(done), bind(Poco::Int64{id});
  run(st, "送信待ち読み出し");
  if (ids.empty())
    return std::nullopt;
  OutboxItem item;
  item.id = ids[0];
  item.key = keys[0];
  item.kind = kinds[0];
  std::string sealed(reinterpret_cast<const char*>(payloads[0].rawContent()), payloads[0].size());
  item.payload = crypto::open(keys_, sealed, outboxAad(item.key));
  item.state = parseState(states[0]);
  item.attempts = attempts[0];
  item.nextAttemptAt = next[0];
  item.lastError = errors[0];
  item.created = created[0];
  item.done = done[0];
  return item;
}

std::optional<OutboxItem> SqlStore::claim(std::int64_t nowMs) {
  Scope scope(*this);
  std::vector<Poco::Int64> ids;
  Poco::Data::Statement due = statement(
      "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? "
      "ORDER BY next_attempt_at, id LIMIT 1");
  due, bind(Poco::Int64{nowMs}), into(ids);
  run(due, "送信待ち取得");
  if (ids.empty())
    return std::nullopt;
  Poco::Data::Statement st =
      statement("UPDATE outbox SET state = 'in_flight', attempts = attempts + 1 WHERE id = ?");
  st, bind(ids[0]);
  run(st, "送信待ち取得");
  std::optional<OutboxItem> item = readOutboxItem(ids[0]);
  scope.commit();
  return item;
}

void SqlStore::markDone(std::int64_t id, std::int64_t nowMs) {
  Poco::Data::Statement st =
      statement("UPDATE outbox SET state = 'done', done = ?, last_error = '' WHERE id = ?");
  st, bind(Poco::Int64{nowMs}), bind(Poco::Int64{id});
  run(st, "送信完了記録");
}

void SqlStore::markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptAtMs) {
  Poco::Data::Statement st = statement(
      "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?");
  st, bind(error), bind(Poco::Int64{nextAttemptAtMs}), bind(Poco::Int64{id});
  run(st, "送信失敗記録");
}

void SqlStore::park(std::int64_t id, const std::string& error) {
  Poco::Data::Statement st =
      statement("UPDATE outbox SET state = 'parked', last_error = ? WHERE id = ?");
  st, bind(error), bind(Poco::Int64{id});
  run(st, "送信保留記録");
}

std::int64_t SqlStore::releaseInFlight() {
  Scope scope(*this);
  Poco::Int64 count = 0;
  Poco::Data::Statement counter =
      statement("SELECT COUNT(*) FROM outbox WHERE state = 'in_flight'");
  counter, into(count);
  run(counter, "送信中の解除");
  execute("UPDATE outbox SET state = 'pending' WHERE state = 'in_flight'");
  scope.commit();
  return count;
}

std::vector<OutboxItem> SqlStore::listOutbox(std::optional<OutboxState> state, std::int64_t limit) {
  std::vector<Poco::Int64> ids;
  Poco::Data::Statement st =
      statement(state ? "SELECT id FROM outbox WHERE state = ? ORDER BY id LIMIT ?"
                      : "SELECT id FROM outbox ORDER BY id LIMIT ?");
  st, into(ids);
  if (state)
    st, bind(std::string(toString(*state)));
  st, bind(Poco::Int64{limit});
  ReadScope scope(*this);
  run(st, "送信待ち一覧");
  std::vector<OutboxItem> items;
  for (Poco::Int64 id : ids) {
    if (auto item = readOutboxItem(id))
      items.push_back(std::move(*item));
  }
  return items;
}

std::optional<OutboxItem> SqlStore::outboxItem(std::int64_t id) {
  return readOutboxItem(id);
}

std::optional<OutboxState> SqlStore::lockOutboxState(std::int64_t id) {
  std::vector<std::string> states;
  Poco::Data::Statement st =
      statement(engine_ == Engine::kPostgres ? "SELECT state FROM outbox WHERE id = ? FOR UPDATE"
                                             : "SELECT state FROM outbox WHERE id = ?");
  st, bind(Poco::Int64{id}), into(states);
  run(st, "送信待ち状態確認");
  if (states.empty())
    return std::nullopt;
  return parseState(states.front());
}

bool SqlStore::requeue(std::int64_t id, std::int64_t nowMs) {
  Scope scope(*this);
  if (lockOutboxState(id) != OutboxState::kParked)
    return false;
  Poco::Data::Statement st = statement(
      "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?");
  st, bind(Poco::Int64{nowMs}), bind(Poco::Int64{id});
  run(st, "送信の再開");
  scope.commit();
  return true;
}

bool SqlStore::dropOutbox(std::int64_t id) {
  Scope scope(*this);
  const std::optional<OutboxState> state = lockOutboxState(id);
  if (state != OutboxState::kPending && state != OutboxState::kParked)
    return false;
  Poco::Data::Statement st = statement("UPDATE outbox SET state = 'dropped' WHERE id = ?");
  st, bind(Poco::Int64{id});
  run(st, "送信の取り消し");
  scope.commit();
  return true;
}

// --- audit rows ---

void SqlStore::appendAuditRow(const AuditRow& row) {
  Poco::Data::Statement st = statement(
      "INSERT INTO audit_log (seq, at, actor, action, app, record_ids, field_codes, detail, "
      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st, bind(Poco::Int64{row.seq}), bind(row.at), bind(row.actor), bind(row.action), bind(row.app),
      bind(row.recordIds), bind(row.fieldCodes), bind(row.detail), bind(row.prevHash),
      bind(row.hash);
  run(st, "監査ログ追記");
}

namespace {

struct AuditColumns {
  std::vector<Poco::Int64> seq;
  std::vector<std::string> at, actor, action, app, recordIds, fieldCodes, detail, prevHash, hash;

  AuditRow row(std::size_t i) const {
    return AuditRow{seq[i],       at[i],         actor[i],  action[i],   app[i],
                    recordIds[i], fieldCodes[i], detail[i], prevHash[i], hash[i]};
  }
};

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor, action, app, record_ids, field_codes, detail, prev_hash, hash "
    "FROM audit_log ";

}  // namespace

std::optional<AuditRow> SqlStore::lastAuditRow() {
  AuditColumns c;
  Poco::Data::Statement st = statement(std::string(kAuditColumns) + "ORDER BY seq DESC LIMIT 1");
  st, into(c.seq), into(c.at), into(c.actor), into(c.action), into(c.app), into(c.recordIds),
      into(c.fieldCodes), into(c.detail), into(c.prevHash), into(c.hash);
  run(st, "監査ログ読み出し");
  if (c.seq.empty())
    return std::nullopt;
  return c.row(0);
}

void SqlStore::forEachAuditRow(const std::function<void(const AuditRow&)>& visit) {
  constexpr Poco::Int64 kPage = 1000;
  Poco::Int64 after = -1;
  for (;;) {
    AuditColumns c;
    Poco::Data::Statement st =
        statement(std::string(kAuditColumns) + "WHERE seq > ? ORDER BY seq LIMIT ?");
    st, into(c.seq), into(c.at), into(c.actor), into(c.action), into(c.app), into(c.recordIds),
        into(c.fieldCodes), into(c.detail), into(c.prevHash), into(c.hash), bind(after),
        bind(kPage);
    run(st, "監査ログ読み出し");
    for (std::size_t i = 0; i < c.seq.size(); ++i) {
      visit(c.row(i));
    }
    if (static_cast<Poco::Int64>(c.seq.size()) < kPage)
      return;
    after = c.seq.back();
  }
}

// --- maintenance and migrations ---

int SqlStore::schemaVersion() {
  Poco::Int64 version = 0;
  Poco::Data::Statement st = statement("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  st, into(version);
  run(st, "スキーマ版数");
  return static_cast<int>(version);
}

std::vector<std::string> SqlStore::integrityCheck() {
  if (engine_ != Engine::kSqlite)
    return {"ok"};
  std::vector<std::string> lines;
  Poco::Data::Statement st = statement("PRAGMA integrity_check");
  st, into(lines);
  run(st, "整合性検査");
  return lines;
}

void SqlStore::checkpointWal() {
  if (engine_ != Engine::kSqlite)
    return;
  int busy = 0, logFrames = 0, done = 0;
  Poco::Data::Statement st = statement("PRAGMA wal_checkpoint(TRUNCATE)");
  st, into(busy), into(logFrames), into(done);
  run(st, "WAL チェックポイント");
  if (busy != 0) {
    throw StoreError("WAL チェックポイントが他の接続に妨げられました。後で再実行してください。");
  }
}

void SqlStore::migrate() {
  Poco::Int64 exists = 0;
  Poco::Data::Statement probe = statement(
      engine_ == Engine::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
          : "SELECT COUNT(*) FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = 'schema_version'");
  probe, into(exists);
  run(probe, "スキーマ確認");
  if (exists == 0) {
    execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, "
        "applied_at TEXT NOT NULL)");
  }
  if (schemaVersion() > latestSchemaVersion()) {
    throw StoreError("ミラーDBのスキーマ版数 " + std::to_string(schemaVersion()) +
                     " はこのプログラムより新しいため開けません。新しい版の teichaku-bridge "
                     "を使ってください。");
  }
  for (const Migration& migration : migrations()) {
    Scope scope(*this);
    if (engine_ == Engine::kPostgres) {
      // Two daemons starting together must not both apply a migration.
      execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
    }
    if (schemaVersion() >= migration.version)
      continue;
    for (const std::string& sql : migration.statements) {
      execute(sql);
    }
    Poco::Data::Statement st =
        statement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
    st, bind(Poco::Int64{migration.version}), bind(utcNow());
    run(st, "スキーマ更新");
    scope.commit();
  }
}

}  // namespace teichaku::store
