#pragma once

#include <cstdint>
#include <set>

#include "audit/audit_log.h"
#include "mapping/mapping.h"
#include "plugin_host/multi_query_scan.h"
#include "plugin_host/services.h"
#include "store/mirror_store.h"

// The plugin services bound to the real mirror and audit chain.
namespace teichaku::plugin_host {

// Reads the mirror for a plugin: the query (kintone syntax over field codes) is parsed
// against the form the last sync stored, evaluated over each decrypted body with the
// shared evaluator (as the offline `query` command does), and each match is handed over
// holding only the fields asked for, plus $id (all fields when none is named). Conditions
// only: `order by`, `limit`, `offset` are refused. The host's mirror_query audits the read.
class StoreMirrorReader final : public MirrorReader {
 public:
  StoreMirrorReader(store::MirrorStore& store, const mapping::Mapping& mapping,
                    std::int64_t nowEpochSeconds)
      : store_(store), mapping_(mapping), now_(nowEpochSeconds) {}

  // PLUGIN_SERVICE_FAILED: app not mapped, not synced yet, or an invalid query.
  Outcome forEach(const std::string& app, const std::string& query,
                  const std::vector<std::string>& fields,
                  const std::function<bool(std::string_view recordJson)>& fn) override;

  // All queries in one pass over the app (MultiQueryScan): conditions on clear columns are
  // decided without decrypting; a body is decrypted only for a record that a condition on an
  // encrypted field, or a requested field not in clear, needs. Same answers as forEach per
  // query. PLUGIN_SERVICE_FAILED as forEach, naming the query by its position.
  Outcome forEachMany(const std::string& app, const std::vector<std::string>& queries,
                      const std::vector<std::string>& fields, const MatchesFn& fn) override;

  // What the last forEachMany cost (tests and the benchmark show the decryptions saved).
  const ScanStats& lastScanStats() const { return lastScanStats_; }

 private:
  Outcome schemaOf(const std::string& app, query::MapSchema& schema,
                   std::set<std::string>& clearCodes);

  store::MirrorStore& store_;
  const mapping::Mapping& mapping_;
  std::int64_t now_;
  ScanStats lastScanStats_;
};

// Writes each plugin access into the hash-chained audit log: actor "plugin:<instance>",
// action "plugin.<read|write_file|attach_file>", app, record ids, field codes; the plugin
// type and the file name go into the detail. Never values.
class AuditLogSink final : public AuditSink {
 public:
  explicit AuditLogSink(audit::AuditLog& log) : log_(log) {}
  void record(const AuditEvent& event) override;

 private:
  audit::AuditLog& log_;
};

}  // namespace teichaku::plugin_host
