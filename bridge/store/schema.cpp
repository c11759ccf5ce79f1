#include "store/schema.h"

namespace teichaku::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations{
      {1,
       {
           // One row per mirrored kintone record; body is sealed (aad "app:id").
           "CREATE TABLE records (app TEXT NOT NULL, record_id BIGINT NOT NULL, "
           "revision BIGINT NOT NULL, updated_at TEXT NOT NULL, key_id BIGINT NOT NULL, "
           "body {BLOB} NOT NULL, PRIMARY KEY (app, record_id))",
           // Clear values of a record (subtable '' / row 0) and of its subtable rows.
           // kind: n null, t text, r number, d date.
           "CREATE TABLE clear_values (app TEXT NOT NULL, record_id BIGINT NOT NULL, "
           "subtable TEXT NOT NULL, row_id BIGINT NOT NULL, name TEXT NOT NULL, "
           "kind TEXT NOT NULL, text_value TEXT NOT NULL, num_value {REAL} NOT NULL, "
           "PRIMARY KEY (app, record_id, subtable, row_id, name), "
           "FOREIGN KEY (app, record_id) REFERENCES records (app, record_id) ON DELETE CASCADE)",
           "CREATE INDEX clear_values_by_name ON clear_values (app, name, text_value)",
           "CREATE TABLE checkpoints (app TEXT PRIMARY KEY, value TEXT NOT NULL)",
           "CREATE TABLE outbox (id {AUTO_ID}, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, "
           "payload {BLOB} NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL, "
           "next_attempt_at BIGINT NOT NULL, last_error TEXT NOT NULL, created BIGINT NOT NULL, "
           "done BIGINT NOT NULL)",
           "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
           "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
           "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, "
           "actor TEXT NOT NULL, action TEXT NOT NULL, app TEXT NOT NULL, "
           "record_ids TEXT NOT NULL, field_codes TEXT NOT NULL, detail TEXT NOT NULL, "
           "prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
       }},
      {2,
       {
           // The fields a mapping marks sealed_filter, sealed on their own (aad "app:id:filter",
           // same key as the body): queries on them open a few bytes, not the whole record.
           // An empty blob when the record has none (or was synced before they were marked).
           "ALTER TABLE records ADD COLUMN filter_body {BLOB} NOT NULL DEFAULT {EMPTY_BLOB}",
           // Statistics read a few top-level fields of every record: this index holds them in
           // record order per field, so that read never touches the table or the other fields.
           "CREATE INDEX clear_values_by_field ON clear_values "
           "(app, subtable, name, record_id, kind, text_value, num_value)",
           // ... and the record list for that read without the bodies: a scan of the table
           // itself reads every body from disk (~3 KB each) only to skip it.
           "CREATE INDEX records_without_body ON records (app, record_id, revision, filter_body)",
       }},
  };
  return kMigrations;
}

int latestSchemaVersion() {
  return migrations().back().version;
}

}  // namespace teichaku::store
